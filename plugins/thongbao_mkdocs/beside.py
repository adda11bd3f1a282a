"""Files of the site made in a worker process while MkDocs renders the pages: the bulk exports.

``notices.*.zip`` and ``nhiem-vu.*.zip`` are made from every record. In the build's process they
took ~16 s of a 10,000-notice build (after one changed notice, or cold), on the one core MkDocs
renders with, while the other was mostly idle. When every notice comes from the extraction
cache, :class:`FilesBeside` sends a job (``thongbao.exportjob``: each notice's cache file and
URL) to a worker process in ``on_files`` and lists placeholder files; the thongbao plugin's
``on_post_build`` writes the worker's files into the site and keeps them in the page cache.
A worker that fails costs time, not the files: they are then made in the build's process, with
a warning (docs/scale.md, "The exports beside the pages").
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from thongbao import exportjob
from thongbao.exportjob import ExportJob
from thongbao.searchfiles import POOL_CONTEXT

from .pagecache import PageCache

log = get_plugin_logger("thongbao_mkdocs")

Made = list[tuple[str, bytes]]


class WrittenByThePlugin(File):
    """A file of the site that a plugin writes into it in ``on_post_build``, when its content is
    known: MkDocs lists it (other plugins see it among the files) and copies nothing."""

    def copy_file(self, dirty: bool = False) -> None:
        return None

    def is_modified(self) -> bool:
        return True


@dataclass
class _Pending:
    label: str
    key: str | None
    future: Future[Made]
    make: Callable[[], Made]  # the same files, made here: if the worker fails


class FilesBeside:
    """The bulk exports of one build: from the page cache, made by a worker beside the pages,
    or made here."""

    def __init__(self, cache: PageCache | None, rows: Path | None = None) -> None:
        self.cache = cache
        # Where the jobs keep each notice's part of the files between builds (exportjob.py).
        self.rows = rows
        self.pending: list[_Pending] = []
        self.made_beside = 0  # jobs whose files the worker made (this build)
        self._pool: ProcessPoolExecutor | None = None

    def files(
        self, config: MkDocsConfig, label: str, key: str | None, names: tuple[str, ...],
        job: Callable[[], ExportJob | None], make: Callable[[], Made],
    ) -> list[File]:
        """The files ``names`` (made by ``make`` here, or by the job ``job()`` gives in the
        worker): read back from the page cache when ``key`` is kept there; else given to the
        worker when there is a job (placeholders now, written by :meth:`finish`); else made
        now."""
        found = self.cache.cached_files(key) if self.cache is not None and key else None
        work = job() if found is None else None
        if found is None and work is None:
            found = make()
            self._keep(key, found)
        if found is not None:
            return [File.generated(config, path, content=data) for path, data in found]
        if self._pool is None:
            # A fresh process, not a fork of the build's (1.5 GB at 10,000 notices, whose
            # pages a forked child's reads would copy), as the search index's workers.
            self._pool = ProcessPoolExecutor(1, mp_context=POOL_CONTEXT)
        future = self._pool.submit(exportjob.run, work)
        self.pending.append(_Pending(label, key, future, make))
        site = config.site_dir
        return [WrittenByThePlugin(name, site, site, config.use_directory_urls) for name in names]

    def finish(self, site_dir: str) -> None:
        """Write the worker's files into the site (waiting for them) and keep them."""
        try:
            for pending in self.pending:
                start = time.monotonic()
                made = self._result(pending)
                waited = time.monotonic() - start
                for path, data in made:
                    target = Path(site_dir) / path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
                self._keep(pending.key, made)
                log.info(f"exports ({pending.label}): {', '.join(p for p, _ in made)} made "
                         f"beside the pages (the build waited {waited:.1f} s for them)")
        finally:
            self.close()

    def close(self) -> None:
        """No job left: the worker ends (a failed build does not wait for it)."""
        self.pending = []
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _result(self, pending: _Pending) -> Made:
        try:
            made = pending.future.result()
        except Exception as error:  # the files are still made: here, at the end
            log.warning(f"exports ({pending.label}): the worker making them failed "
                        f"({type(error).__name__}: {error}); made in the build's process")
            return pending.make()
        self.made_beside += 1
        return made

    def _keep(self, key: str | None, made: Made) -> None:
        if self.cache is not None and key:
            self.cache.keep_files(key, list(made))
