"""The pages' last steps in a worker process, beside the rendering: minify, page cache, write.

MkDocs renders and writes the pages one by one on one core. After the template, a page still
went through minify-html (~1 ms for 50 KB, 16 % of a build that renders every page at 10,000
notices), zlib and the page cache's file (8 %), and MkDocs' encode and write; a page from
the page cache through zlib, a decode, an encode and a write — most of a warm build's time
per page. None of it needs the build's objects, so when a build writes many pages the
thongbao plugin hands each one to a :class:`Finisher`: a rendered page as its HTML (minified,
kept in the page cache and written by the worker), a cached page as its key (read back and
written by the worker). The plugin returns an empty page to MkDocs, which then writes
nothing; the files are complete when ``on_post_build`` has drained the finisher.

What is written is what the build's process would write (the same function does the work
here when the worker is not used or fails: :func:`finish_page`). A cached entry the worker
cannot read is reported back and the page rendered again by the plugin, as before. At most
:data:`IN_FLIGHT` pages and :data:`IN_FLIGHT_CHARS` characters of HTML wait for the worker,
so its queue holds a few MB, not the site.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from thongbao import pageweight
from thongbao.noticeview import AddressSwap
from thongbao.searchfiles import POOL_CONTEXT

from .pagecache import PageCache

# Pages handed to the worker and not yet done: enough to keep it busy while the build
# renders the next ones (a page is a few ms of rendering, under one of finishing), and at
# most this many characters of HTML: the tasks' month pages (1.6 MB each, minified) are
# rendered one after the other, and 64 of them in flight put the build's process 270 MB
# higher at 10,000 notices (docs/scale.md, "Pages finished beside the rendering").
IN_FLIGHT = 64
IN_FLIGHT_CHARS = 4_000_000
# MkDocs logs this (INFO) for each page whose output is empty; the finisher's pages are
# written by the worker instead, so the line would be wrong, once per page.
_SKIPPED = "Page skipped: '"


@dataclass(frozen=True)
class PageJob:
    """One page to finish. ``html``: a rendered page (minified if ``minify``, kept under
    ``key`` when there is one); None: the page is the page cache's entry ``key``."""

    dest: str  # the site file, as MkDocs would write it
    html: str | None
    key: str | None
    cache_folder: str | None
    minify: bool
    swap: AddressSwap | None  # the originals' real address, written in last


_caches: dict[str, PageCache] = {}


def _cache(folder: str) -> PageCache:
    if folder not in _caches:  # one per folder in a process: it remembers its folders
        _caches[folder] = PageCache(Path(folder))
    return _caches[folder]


def finish_page(job: PageJob) -> bool:
    """Finish one page: the steps of the plugins' ``on_post_page`` after the template (the
    weight plugin's minify, the thongbao plugin's page cache and address swap) and MkDocs'
    write. False: a cached entry that cannot be read (nothing written; render the page)."""
    if job.html is None:
        text = _cache(job.cache_folder).get(job.key) if job.cache_folder and job.key else None
        if text is None:
            return False
    else:
        text = pageweight.minify(job.html) if job.minify else job.html
        if job.cache_folder and job.key:
            _cache(job.cache_folder).put(job.key, text)
    if job.swap is not None:
        text = job.swap(text)
    os.makedirs(os.path.dirname(job.dest), exist_ok=True)  # as mkdocs.utils.write_file
    with open(job.dest, "wb") as out:
        out.write(text.encode("utf-8", errors="xmlcharrefreplace"))
    return True


@dataclass
class _InFlight:
    src: str
    job: PageJob
    future: Future[bool] | None


class Finisher:
    """The pages of one build handed to a worker process. ``on_done`` is told of each page
    written, ``on_unreadable`` of each cached page whose entry could not be read (the plugin
    renders it again); ``done`` counts the pages written. ``minify``: whether a rendered
    page is minified (the weight plugin's choice, read once for the build)."""

    def __init__(self, pages: set[str], minify: bool, on_done: Callable[[str, PageJob], None],
                 on_unreadable: Callable[[str], None]) -> None:
        # The pages (src_uri) this finisher will write, known before the first is rendered:
        # the weight plugin's on_post_page, which runs first, leaves them to it. A page whose
        # cached entry cannot be read leaves the set (the plugin renders it again).
        self.taken = set(pages)
        self.minify = minify
        self.done = self.in_process = 0
        self._on_done = on_done
        self._on_unreadable = on_unreadable
        self._queue: deque[_InFlight] = deque()
        self._chars = 0  # of the HTML in flight
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            1, mp_context=POOL_CONTEXT)
        self._failure: str | None = None
        self._filter = _SkippedLines(self.taken)
        logging.getLogger("mkdocs.commands.build").addFilter(self._filter)

    def takes(self, src: str) -> bool:
        return src in self.taken

    def submit(self, src: str, job: PageJob) -> None:
        future = None
        if self._pool is not None:
            try:
                future = self._pool.submit(finish_page, job)
            except Exception as error:  # a broken pool: the rest is finished here
                self._broken(error)
        self._queue.append(_InFlight(src, job, future))
        self._chars += len(job.html or "")
        while (len(self._queue) > IN_FLIGHT or self._chars > IN_FLIGHT_CHARS
               or (self._queue and self._queue[0].future is None)):
            self._collect(self._queue.popleft())

    def drain(self) -> None:
        """Wait for every page; the worker ends."""
        try:
            while self._queue:
                self._collect(self._queue.popleft())
        finally:
            self.close()

    def close(self) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(self._filter)
        self._queue.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    @property
    def failure(self) -> str | None:
        """Why the worker stopped being used, if it did (the pages were finished here)."""
        return self._failure

    def _collect(self, item: _InFlight) -> None:
        self._chars -= len(item.job.html or "")
        written: bool
        if item.future is None:
            written = finish_page(item.job)
            self.in_process += 1
        else:
            try:
                written = item.future.result()
            except Exception as error:  # the page is still finished: here
                self._broken(error)
                written = finish_page(item.job)
                self.in_process += 1
        if written:
            self.done += 1
            self._on_done(item.src, item.job)
        else:
            self.taken.discard(item.src)
            self._on_unreadable(item.src)

    def _broken(self, error: BaseException) -> None:
        if self._failure is None:
            self._failure = f"{type(error).__name__}: {error}"
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


class _SkippedLines(logging.Filter):
    """Drops MkDocs' "Page skipped" line of the pages the worker writes."""

    def __init__(self, taken: set[str]) -> None:
        super().__init__()
        self.taken = taken

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.startswith(_SKIPPED):
            return True
        return message[len(_SKIPPED):].split("'", 1)[0] not in self.taken
