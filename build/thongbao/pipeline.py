"""The build step over a content folder: every notice → a page, incrementally.

I/O lives here (reading notices and sidecars, the cache, writing pages); the work itself is
``extract``. A bad notice yields one ``Problem`` line and the rest still builds.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import posixpath
import re
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, TypeVar

from . import citations, codeversion, duplicates, heads, refdata
from .bodyhtml import BodyHtml, from_json, notice_body_html, to_json
from .decoding import DecodeError, read_notice, unsupported
from .extract import NotANotice, extract
from .figures import FILE as FIGURES_FILE
from .figures import (
    Figure,
    Indicator,
    figure_from_json,
    figure_to_json,
    load_indicators,
    notice_figures,
)
from .filedigests import FileDigests
from .heads import PageHead, make_head
from .pages import page_text, record_from_dict
from .programs import ProgramFinder, load_programs
from .progress import Progress, silent
from .record import Record, Source
from .reference import Reference, load_reference
from .sidecar import Sidecar, SidecarError, apply_sidecar, parse_sidecar
from .slug import slugify
from .sources import Portals, load_portals, page_address

NOTICE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
URL_PREFIX = "van-ban"


@dataclass(frozen=True)
class Problem:
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


class StoredPageError(RuntimeError):
    """A released page's cache file vanished or broke during the build."""


@dataclass(frozen=True)
class NoticePage:
    src: str  # the notice file, relative to the content folder
    path: str  # page path in the docs tree: "van-ban/bac-kan/2021/ten-tep.md"
    url: str  # "van-ban/bac-kan/2021/ten-tep/"
    record: Record
    body: str
    redirect_from: tuple[str, ...] = ()
    text_key: str = ""  # duplicates.text_key of the decoded text
    # The body as HTML with link slots (bodyhtml), rendered once here and cached: the site
    # never parses the Markdown again.
    html: BodyHtml | None = None
    # The figures of indicators.yml found in the body (figures.notice_figures), found once
    # here and cached: None when not computed (a page made elsewhere; the site finds them).
    figures: tuple[Figure, ...] | None = None
    # The extraction cache file that holds ``body`` and ``html`` when this page let them go
    # (``released``: they are "" here); None while the page holds them.
    stored: Path | None = None

    @property
    def markdown(self) -> str:
        return page_text(self.record, self.loaded().body)

    def released(self, stored: Path) -> NoticePage:
        """This page without its body and body HTML, which ``stored`` holds: the headings,
        task anchors and link slots stay. At 10,000 notices the texts held as ``str`` were
        ~500 MB of a build's memory (docs/scale.md, "Page count and memory")."""
        html = self.html
        if html is not None:
            html = BodyHtml("", html.headings, html.tasks, html.slots)
        return replace(self, body="", html=html, stored=stored)

    def loaded(self) -> NoticePage:
        """This page with its body and body HTML: itself, or with them read back from its
        cache file (only they: the record and the rest are this page's own)."""
        if self.stored is None:
            return self
        texts = _read_texts(self.stored)
        if texts is None:
            raise StoredPageError(
                f"{self.src}: its extraction cache entry {self.stored} is gone or unreadable "
                "since the build read it; build again")
        body, text = texts
        html = self.html
        if html is not None:
            html = BodyHtml(text or "", html.headings, html.tasks, html.slots)
        return replace(self, body=body, html=html, stored=None)

    def head(self, sidecar_problem: str = "") -> PageHead:
        """What a build decides and reports with (heads.py)."""
        return make_head(self.src, self.path, self.url, self.redirect_from, self.text_key,
                         self.record, sidecar_problem)


@dataclass
class BuildResult:
    # Every published page in full (build_pages; empty from build_heads), in file order.
    pages: list[NoticePage] = field(default_factory=list)
    # The head of every published page (both functions), in the same order.
    heads: list[PageHead] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Notices built with an essential field unknown: reported (INFO), never a failure.
    incomplete: list[Problem] = field(default_factory=list)
    extracted: int = 0
    from_cache: int = 0
    # Content path → extraction key (the file, its sidecar, the code, the reference): a page
    # whose key is unchanged has the same text, so write_pages need not render it again.
    keys: dict[str, str] = field(default_factory=dict)


PAGES_MANIFEST = ".thongbao-pages.json"


@dataclass(frozen=True)
class NoticeFile:
    """A file of the notices folder, with the names of the files beside it."""

    path: Path
    rel: str  # relative to the content folder, POSIX: "notices/bac-kan/2021/tb.txt"
    siblings: frozenset[str]  # one set for all the files of a folder

    def beside(self, suffix: str) -> Path | None:
        """The file of the same stem with ``suffix`` (as ``Path.with_suffix``), if any."""
        name = self.path.name
        dot = name.rfind(".")
        stem = name[:dot] if 0 < dot < len(name) - 1 else name
        return self.path.with_name(stem + suffix) if stem + suffix in self.siblings else None


def find_notices(notices_dir: Path, rel: str = "notices") -> Iterator[NoticeFile]:
    """Every file under ``notices_dir`` but hidden ones, in path order; ``rel`` is the
    folder's path in the content folder. One ``scandir`` per folder, no call per file: the
    entries know their type, and a notice's sidecar is looked up among its siblings' names
    (``rglob`` and two ``exists`` per notice were a fifth of a rebuild at 10,000)."""
    try:
        with os.scandir(notices_dir) as found:
            entries = sorted(found, key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return  # as rglob: no folder, no notices
    siblings = frozenset(e.name for e in entries if e.is_file())
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):  # rglob does not follow linked folders either
            yield from find_notices(Path(entry.path), f"{rel}/{entry.name}")
        elif entry.name in siblings and not entry.name.startswith("."):
            yield NoticeFile(Path(entry.path), f"{rel}/{entry.name}", siblings)


@lru_cache(maxsize=1)
def extraction_version() -> str:
    """Hash of the code that makes a cached page — this module, the package's modules it
    imports (followed through theirs), the distributions they import, the reference
    schemas: a change to it invalidates the extraction cache. A change elsewhere in the
    package (a page's presentation) does not (codeversion.py)."""
    package = Path(__file__).parent
    start = __name__.rpartition(".")[2]
    return codeversion.closure_version(package, [start], package.glob("schemas/*.json"))


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the build step's whole code and reference schemas: what the page cache, the
    index views and the exports are keyed by (the extraction cache: ``extraction_version``)."""
    package = Path(__file__).parent
    return codeversion.digest(sorted([*package.glob("*.py"), *package.glob("schemas/*.json")]))


# Below this many cache misses a process pool costs more than it saves.
PARALLEL_THRESHOLD = 40


@dataclass(frozen=True)
class _Job:
    """One notice to extract: everything a worker process needs, all picklable."""

    path: Path
    rel: str
    url_path: str
    sidecar: Sidecar
    key: str
    digest: str  # of the reference folder as the build read it (refdata.digest)


@dataclass(frozen=True)
class _Planned:
    """One notice file, its extraction key, and what the cache gave for it (None: nothing)."""

    path: Path
    rel: str
    key: str
    has_sidecar: bool
    sidecar_bytes: bytes
    sidecar: Sidecar | None  # None: not parsed (its head said how it parses), until needed
    sidecar_problem: str  # why the sidecar was ignored; "" when it was not
    found: NoticePage | PageHead | None


def build_pages(
    content_dir: Path,
    out_dir: Path | None = None,
    cache_dir: Path | None = None,
    ref: Reference | None = None,
    workers: int | None = None,
    progress: Progress = silent,
    light: bool = False,
) -> BuildResult:
    """Extract every notice under ``content_dir/notices``; write pages to ``out_dir`` if given.

    Unchanged notices come from the cache; the others are extracted, in a process pool of
    ``workers`` (default: one per core) when there are many of them; ``progress`` reports
    the extraction as it goes. ``light`` (with a ``cache_dir``): every page is
    ``released`` as soon as the cache holds it, so the result holds no notice's text;
    ``NoticePage.loaded`` reads one back.
    """
    store = _Store(cache_dir, light)
    return _build(content_dir, out_dir, store, ref, workers, progress, full=True)


def build_heads(
    content_dir: Path,
    out_dir: Path | None = None,
    cache_dir: Path | None = None,
    ref: Reference | None = None,
    workers: int | None = None,
    progress: Progress = silent,
) -> BuildResult:
    """``build_pages`` for a caller that needs no page in full (``thongbao build``): the same
    problems, incomplete lines, keys and written files, but ``result.pages`` stays empty and
    an unchanged notice is read as its head (heads.py) — a page is loaded in full only when
    ``out_dir`` lacks it as its extraction key made it."""
    return _build(content_dir, out_dir, _Store(cache_dir), ref, workers, progress, full=False)


@dataclass(frozen=True)
class _Store:
    """The extraction cache (None: no cache), and whether the pages it holds are let go of."""

    folder: Path | None
    light: bool = False

    def get(self, key: str) -> NoticePage | None:
        if self.light and self.folder is not None:
            # Released as read: the entry's first line, without the texts (cache format).
            return _read_head(self.folder / f"{key}.json")
        page = _cache_get(self.folder, key)
        return self._kept(page, key) if page is not None else None

    def put(self, key: str, page: NoticePage | Problem) -> NoticePage | Problem:
        if isinstance(page, Problem):
            return page
        _cache_put(self.folder, key, page)
        return self._kept(page, key)

    def _kept(self, page: NoticePage, key: str) -> NoticePage:
        if not self.light or self.folder is None:
            return page
        return page.released(self.folder / f"{key}.json")


def _build(
    content_dir: Path,
    out_dir: Path | None,
    store: _Store,
    ref: Reference | None,
    workers: int | None,
    progress: Progress,
    full: bool,
) -> BuildResult:
    ref = ref or load_reference(content_dir / "reference")
    # ref.digest covers every *.yml of the reference folder (documents.yml, programs.yml too).
    salt = hashlib.sha256((extraction_version() + ref.digest).encode()).hexdigest()
    result = BuildResult()
    notices_dir = content_dir / "notices"
    reference_dir = content_dir / "reference"
    # What the jobs' loaded reference data is keyed by (``ref`` may come from elsewhere).
    digest = refdata.digest(reference_dir) if reference_dir.is_dir() else ""
    cache_dir = store.folder
    index = heads.read_index(cache_dir)
    digests = FileDigests(index.files)
    planned: list[_Planned] = []
    for file in find_notices(notices_dir):
        if _refused(file, result):
            continue
        planned.append(_plan(file, content_dir, ref, salt, store, result, digests,
                             index.heads, full))
    jobs = [_job(p, notices_dir, digest, ref) for p in planned if p.found is None]
    extracted = progress(_run(jobs, content_dir, workers), total=len(jobs), label="extraction")
    # Into the cache as each arrives: a light build then holds none of their texts.
    done = {job.rel: store.put(job.key, page)
            for job, page in zip(jobs, extracted, strict=True)}
    built, pages = _gather(planned, done, result)
    result.heads = _publish(built, {p.rel for p in planned if p.has_sidecar}, result)
    _save_index(cache_dir, index, heads.Index(
        {result.keys[h.src]: heads.to_json(h) for h in built}, digests.entries))
    if full:
        result.pages = [_redirected(pages[h.src], h) for h in result.heads]
        if out_dir is not None:
            write_pages(result.pages, out_dir, result.keys)
    elif out_dir is not None:
        _write_from_heads(result, pages, planned, out_dir, cache_dir, content_dir, digest, ref)
    return result


def _gather(
    planned: list[_Planned],
    done: dict[str, NoticePage | Problem],
    result: BuildResult,
) -> tuple[list[PageHead], dict[str, NoticePage]]:
    """The head of every notice built, in file order, and the pages read or made in full
    (by content path); what failed goes to the problems."""
    built: list[PageHead] = []
    pages: dict[str, NoticePage] = {}
    for item in planned:
        found = item.found if item.found is not None else done[item.rel]
        if isinstance(found, Problem):
            result.problems.append(found)
            continue
        if item.found is None:
            result.extracted += 1
        if isinstance(found, NoticePage):
            pages[item.rel] = found
            found = found.head(item.sidecar_problem)
        built.append(found)
    return built, pages


def _publish(
    built: list[PageHead], with_sidecar: set[str], result: BuildResult
) -> list[PageHead]:
    """The heads of the pages to publish: one per notice (each repeat reported, its address
    redirecting to the page kept), one per URL; the incomplete ones noted. The one place these
    rules live: full builds and head-only builds both come through here."""
    kept: list[PageHead] = []
    seen_urls: dict[str, str] = {}
    for head in _without_duplicates(built, with_sidecar, result):
        if head.url in seen_urls:
            result.problems.append(Problem(
                head.src, f"same URL /{head.url} as {seen_urls[head.url]}; rename one file"))
            continue
        seen_urls[head.url] = head.src
        kept.append(head)
        if head.incomplete:
            result.incomplete.append(Problem(head.src, head.incomplete))
    return kept


def _without_duplicates(
    built: list[PageHead], with_sidecar: set[str], result: BuildResult
) -> list[PageHead]:
    """One page per notice: each repeat is reported and redirects to the page kept."""
    found = duplicates.find_duplicates(
        built,
        src=lambda h: h.src,
        keys=PageHead.identity_keys,
        has_sidecar=lambda h: h.src in with_sidecar,
    )
    if not found:
        return built
    dropped = {d.dropped: d for d in found}
    by_src = {h.src: h for h in built}
    extra: dict[str, list[str]] = {}
    for dup in found:
        result.problems.append(Problem(
            dup.dropped, f"duplicate of {dup.kept} ({dup.reason}); published once"))
        if by_src[dup.dropped].url != by_src[dup.kept].url:
            extra.setdefault(dup.kept, []).append(by_src[dup.dropped].url.strip("/"))
    return [
        replace(h, redirect_from=h.redirect_from + tuple(extra[h.src])) if h.src in extra else h
        for h in built
        if h.src not in dropped
    ]


def _redirected(page: NoticePage, head: PageHead) -> NoticePage:
    """The page with the redirects its head gained from duplicates."""
    if page.redirect_from == head.redirect_from:
        return page
    return replace(page, redirect_from=head.redirect_from)


def _save_index(cache_dir: Path | None, read: heads.Index, new: heads.Index) -> None:
    """The heads of this build's pages (duplicates too) under their keys and the digests of
    its notice files, written when they differ from the index read: the next build finds
    exactly these notices there."""
    if cache_dir is not None and new != read:
        heads.write_index(cache_dir, new)
        _prune(cache_dir, set(new.heads))


_ENTRY = re.compile(r"[0-9a-f]{64}\.json")


def _prune(cache_dir: Path, keep: set[str]) -> None:
    """Delete the cached pages no notice of this build has: a code or reference change gives
    every notice a new key, and the old entries (500 MB at 10,000 notices) would otherwise
    pile up — in the Pages workflow's cache too. A cache folder serves one content folder,
    as its heads index does. Only when the index changed: an unchanged build lists nothing."""
    try:
        names = [entry.name for entry in os.scandir(cache_dir)]
    except OSError:
        return
    for name in names:
        if _ENTRY.fullmatch(name) and name[:-5] not in keep:
            (cache_dir / name).unlink(missing_ok=True)


def _refused(file: NoticeFile, result: BuildResult) -> bool:
    """Sidecars are read with their notice; formats we cannot read are reported."""
    suffix = file.path.suffix.lower()
    if suffix in (".yml", ".yaml"):
        if not any(file.beside(s) for s in NOTICE_SUFFIXES):
            result.problems.append(Problem(file.rel, "sidecar without a notice beside it"))
        return True
    if suffix not in NOTICE_SUFFIXES:
        # Formats we cannot read are reported, never silently skipped.
        message = unsupported(file.path.name) or f"unsupported {suffix}"
        result.problems.append(Problem(file.rel, message))
        return True
    return False


def _plan(
    file: NoticeFile,
    content_dir: Path,
    ref: Reference,
    salt: str,
    store: _Store,
    result: BuildResult,
    digests: FileDigests,
    index: dict[str, Any],
    full: bool,
) -> _Planned:
    """The notice's key and what the cache holds for it: its head from ``index`` (unless the
    build is ``full``), else its page in full, else nothing (it will be extracted)."""
    path, rel = file.path, file.rel
    sidecar_path = file.beside(".yml") or file.beside(".yaml")
    sidecar_bytes = sidecar_path.read_bytes() if sidecar_path else b""
    data = digests.digest(rel, path).encode()  # a digest stands for the bytes: fixed length
    key = hashlib.sha256(salt.encode() + data + b"\0" + sidecar_bytes + rel.encode()).hexdigest()
    result.keys[rel] = key
    head = heads.from_json(index.get(key))
    if head is not None and head.src != rel:  # a key names its path: a broken index
        head = None
    sidecar: Sidecar | None = Sidecar()
    problem = ""
    if sidecar_path is not None:
        sidecar, problem = (None, head.sidecar_problem) if head else _parse(sidecar_bytes, ref)
        if problem:
            sidecar_rel = sidecar_path.relative_to(content_dir).as_posix()
            result.problems.append(Problem(sidecar_rel, f"sidecar ignored: {problem}"))
    found = head if head is not None and not full else store.get(key)
    if found is not None:
        result.from_cache += 1
    return _Planned(path, rel, key, sidecar_path is not None, sidecar_bytes, sidecar, problem,
                    found)


def _parse(sidecar_bytes: bytes, ref: Reference) -> tuple[Sidecar, str]:
    """The sidecar, or an empty one and why it is ignored."""
    try:
        return parse_sidecar(sidecar_bytes.decode("utf-8-sig"), ref), ""
    except (SidecarError, UnicodeDecodeError) as exc:
        return Sidecar(), str(exc)


def _job(planned: _Planned, notices_dir: Path, digest: str, ref: Reference) -> _Job:
    sidecar = planned.sidecar
    if sidecar is None:  # parsed now: its problem, if any, was reported from the head
        sidecar = _parse(planned.sidecar_bytes, ref)[0]
    url_path = sidecar.permalink or notice_url_path(planned.path.relative_to(notices_dir))
    return _Job(planned.path, planned.rel, url_path, sidecar, planned.key, digest)


def _run(
    jobs: list[_Job], content_dir: Path, workers: int | None
) -> Iterator[NoticePage | Problem]:
    """Extracted pages in job order, as they come (so progress can count them)."""
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(jobs) < PARALLEL_THRESHOLD:
        for job in jobs:
            yield _extract_job(job, content_dir)
        return
    chunk = max(1, min(16, len(jobs) // (workers * 8)))
    # A forked worker inherits the parent's collector, which the MkDocs plugin pauses while
    # the archive is made (thongbao_mkdocs/collector.py): the workers collect as usual.
    with ProcessPoolExecutor(max_workers=workers, initializer=gc.enable) as pool:
        yield from pool.map(_extract_job, jobs, [content_dir] * len(jobs), chunksize=chunk)


@dataclass(frozen=True)
class _Loaded:
    """The reference data an extraction reads, loaded once per process and reference digest."""

    ref: Reference
    vocab: citations.Vocabulary
    programs: ProgramFinder
    portals: Portals
    indicators: tuple[Indicator, ...] | None  # (): no indicators.yml; None: cannot be read


_LOADED: dict[tuple[Path, str], _Loaded] = {}


def _loaded(content_dir: Path, digest: str) -> _Loaded:
    """Each loader reads and hashes its file to see an edit: once per notice, that was more
    than a twentieth of a notice's extraction. The job carries the digest the build read, so
    an edit between two builds still loads anew."""
    key = (content_dir, digest)
    found = _LOADED.get(key)
    if found is None:
        folder = content_dir / "reference"
        found = _Loaded(
            ref=load_reference(folder),
            vocab=citations.load_vocabulary(folder / "documents.yml"),
            programs=load_programs(folder / "programs.yml"),
            portals=load_portals(folder / "portals.yml"),
            indicators=_indicators(folder),
        )
        _LOADED.clear()  # one version at a time: a long `mkdocs serve` keeps no old ones
        _LOADED[key] = found
    return found


def _indicators(folder: Path) -> tuple[Indicator, ...] | None:
    path = folder / FIGURES_FILE
    if not path.is_file():
        return ()
    try:
        return load_indicators(path)
    except ValueError:  # a broken file (ReferenceFileError, IndicatorError): the site reports it
        return None


def _extract_job(job: _Job, content_dir: Path) -> NoticePage | Problem:
    """Decode and extract one notice (runs in a worker process for large builds)."""
    loaded = _loaded(content_dir, job.digest)
    ref, vocab = loaded.ref, loaded.vocab
    programs, portals = loaded.programs, loaded.portals
    try:
        decoded = read_notice(job.path)
        data = job.path.read_bytes()
        url, page_title = job.sidecar.source_url, None
        if decoded.fmt == "html":  # a saved page carries its own address and title
            page_url, page_title = page_address(data.decode("utf-8", "replace"))
            url = url or page_url
        source = Source(job.rel, hashlib.sha256(data).hexdigest(), url, decoded.encoding)
        extraction = extract(decoded.text, source, ref, vocab, programs, portals, page_title)
    except (DecodeError, NotANotice) as exc:
        return Problem(job.rel, str(exc))
    record = apply_sidecar(extraction.record, job.sidecar, ref)
    record = replace(record, id=job.url_path.rsplit("/", 1)[-1])
    return NoticePage(
        src=job.rel,
        path=f"{URL_PREFIX}/{job.url_path}.md",
        url=f"{URL_PREFIX}/{job.url_path}/",
        record=record,
        body=extraction.body,
        redirect_from=job.sidecar.redirect_from,
        text_key=duplicates.text_key(decoded.text),
        html=notice_body_html(extraction.body, record, ref, vocab),
        figures=_figures(loaded, record, extraction.body),
    )


def _figures(loaded: _Loaded, record: Record, body: str) -> tuple[Figure, ...] | None:
    """The notice's figures; None when indicators.yml cannot be read (the site reports it)."""
    if not loaded.indicators:
        return loaded.indicators  # () without indicators.yml, None when it cannot be read
    return tuple(notice_figures(record, body, loaded.indicators, loaded.ref))


def notice_url_path(rel_to_notices: Path) -> str:
    """``bac-kan/2021/TB 11-10-2021.txt`` → ``bac-kan/2021/tb-11-10-2021``: from the file's
    place, never from extracted fields, so better extraction never moves a page."""
    parts = [slugify(p) for p in rel_to_notices.with_suffix("").parts]
    return "/".join(p for p in parts if p)


def _cache_get(cache_dir: Path | None, key: str) -> NoticePage | None:
    if cache_dir is None:
        return None
    return _read_cached(cache_dir / f"{key}.json")


# An extraction cache entry is two lines of JSON: the head — everything but the texts (the
# record, places, figures, the body HTML's headings, task anchors and link slots) — then the
# texts (body and body HTML). A light build reads the first line only (``_read_head``): a
# warm build of 10,000 notices read and decoded every body to drop it (docs/scale.md, "Page
# count and memory"). ``json.dumps`` escapes every newline inside a string, so each
# document is one line.
_BROKEN = (OSError, ValueError, KeyError, TypeError, IndexError)


def _read_cached(path: Path) -> NoticePage | None:
    try:
        with path.open("rb") as entry:
            head, texts = json.loads(entry.readline()), json.loads(entry.readline())
        return _page_of(head, texts["body"], texts["html"], None)
    except _BROKEN:
        return None


def _read_head(path: Path) -> NoticePage | None:
    """The page an entry holds without its texts (``NoticePage.released`` of it)."""
    try:
        with path.open("rb") as entry:
            head = json.loads(entry.readline())
        return _page_of(head, "", "", path)
    except _BROKEN:
        return None


def _page_of(head: dict[str, Any], body: str, html: str | None, stored: Path | None
             ) -> NoticePage:
    meta = head.get("html")
    return NoticePage(
        src=head["src"], path=head["path"], url=head["url"],
        record=record_from_dict(head["record"]), body=body,
        redirect_from=tuple(head.get("redirect_from") or ()),
        text_key=head.get("text_key") or "",
        html=from_json({**meta, "html": html or ""}) if meta is not None else None,
        figures=(tuple(figure_from_json(f) for f in head["figures"])
                 if head.get("figures") is not None else None),
        stored=stored,
    )


def stored_page(path: Path) -> NoticePage:
    """The page an extraction cache file holds, body included: a worker process is sent the
    file, not the page (the exports' worker, exportjob.py; the search index's workers,
    searchcache.py), and reads record and body back in one go."""
    page = _read_cached(path)
    if page is None:
        raise _gone(path)
    return page


def stored_record(path: Path) -> Record:
    """The record an extraction cache file holds (its first line only)."""
    page = _read_head(path)
    if page is None:
        raise _gone(path)
    return page.record


def _gone(path: Path) -> StoredPageError:
    return StoredPageError(f"{path}: an extraction cache entry is gone or unreadable since "
                           "the build read it; build again")


def _read_texts(path: Path) -> tuple[str, str | None] | None:
    """The body and body HTML a cache file holds (``NoticePage.loaded``)."""
    try:
        with path.open("rb") as entry:
            entry.readline()
            texts = json.loads(entry.readline())
        return texts["body"], texts["html"]
    except _BROKEN:
        return None


def _cache_put(cache_dir: Path | None, key: str, page: NoticePage) -> None:
    if cache_dir is None:
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    html = page.html
    head = {
        "src": page.src, "path": page.path, "url": page.url,
        "record": page.record.to_dict(internal=True),
        "redirect_from": list(page.redirect_from),
        "text_key": page.text_key,
        "html": {k: v for k, v in to_json(html).items() if k != "html"} if html else None,
        "figures": ([figure_to_json(f) for f in page.figures]
                    if page.figures is not None else None),
    }
    texts = {"body": page.body, "html": html.html if html else None}
    tmp = cache_dir / f".{key}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(head, ensure_ascii=False) + "\n"
                   + json.dumps(texts, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(cache_dir / f"{key}.json")


def write_pages(
    pages: list[NoticePage], out_dir: Path, keys: dict[str, str] | None = None
) -> None:
    """Write pages, rewriting only those whose text changed (keeps mtimes for watchers).

    With ``keys`` (content path → extraction key), a manifest in ``out_dir`` remembers the key
    each page was written from; a page whose key and file are unchanged is neither rendered
    (YAML front-matter) nor read back — what makes a rebuild after one changed notice fast."""
    output = _Output.read(out_dir, keys)
    for page in output.unwritten(pages):
        output.write(page, page.markdown)
    output.finish(pages)


def _write_from_heads(
    result: BuildResult,
    pages: dict[str, NoticePage],
    planned: list[_Planned],
    out_dir: Path,
    cache_dir: Path | None,
    content_dir: Path,
    digest: str,
    ref: Reference,
) -> None:
    """``write_pages`` for a head-only build: the pages the manifest cannot vouch for are
    taken from this build's extraction, else read from the cache, else (a cache entry gone
    while its head stayed) extracted again."""
    output = _Output.read(out_dir, result.keys)
    todo = list(output.unwritten(result.heads))
    full = {h.src: pages.get(h.src) or _cache_get(cache_dir, result.keys[h.src]) for h in todo}
    missing = [p for p in planned if p.rel in full and full[p.rel] is None]
    jobs = [_job(p, content_dir / "notices", digest, ref) for p in missing]
    for job, page in zip(jobs, _run(jobs, content_dir, None), strict=True):
        if isinstance(page, Problem):  # the file changed since it was read: the next build
            result.problems.append(page)
            continue
        result.extracted += 1
        result.from_cache -= 1
        _cache_put(cache_dir, job.key, page)
        full[job.rel] = page
    for head in todo:
        page = full[head.src]
        if page is not None:
            output.write(head, page.markdown)
    output.finish(result.heads)


class _Placed(Protocol):
    """A page or its head: where it comes from and where it goes."""

    @property
    def src(self) -> str: ...

    @property
    def path(self) -> str: ...


_P = TypeVar("_P", bound=_Placed)


@dataclass
class _Output:
    """The output folder as the build found it: its page files and its manifest."""

    folder: Path
    keys: dict[str, str] | None  # content path → extraction key; None: no manifest
    written: dict[str, str]  # page path → the key it was written from (the manifest)
    files: set[str]  # every *.md under the folder, relative, POSIX

    @classmethod
    def read(cls, folder: Path, keys: dict[str, str] | None) -> _Output:
        written = _read_manifest(folder / PAGES_MANIFEST) if keys is not None else {}
        return cls(folder, keys, written, set(_md_files(folder, "")))

    def unwritten(self, items: Sequence[_P]) -> Iterator[_P]:
        """The pages whose file the manifest does not vouch for."""
        keys = self.keys or {}
        for item in items:
            key = keys.get(item.src)
            if key is None or self.written.get(item.path) != key or _norm(item) not in self.files:
                yield item

    def write(self, item: _Placed, text: str) -> None:
        """Write ``text`` unless the file already holds it (its mtime stays for watchers)."""
        target = self.folder / item.path
        if target.exists() and target.read_text(encoding="utf-8") == text:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def finish(self, items: Sequence[_Placed]) -> None:
        """Remove the pages no notice makes any more; remember the key of each page."""
        for stale in self.files - {_norm(item) for item in items}:
            (self.folder / stale).unlink()
        if self.keys is None:
            return
        manifest = {item.path: self.keys[item.src] for item in items if item.src in self.keys}
        if manifest != self.written or not self.folder.joinpath(PAGES_MANIFEST).exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / PAGES_MANIFEST).write_text(
                json.dumps(manifest, sort_keys=True, indent=0), "utf-8")


def _norm(item: _Placed) -> str:
    """The page's path as the file system names it (a permalink may hold "//")."""
    return posixpath.normpath(item.path)


def _md_files(folder: Path, rel: str) -> Iterator[str]:
    """Every ``*.md`` under ``folder`` that is not a folder (what ``rglob("*.md")`` found),
    from one ``scandir`` per folder: a stat per page was most of the stale-page scan."""
    try:
        with os.scandir(folder) as found:
            entries = list(found)
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return
    for entry in entries:
        path = f"{rel}{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            yield from _md_files(Path(entry.path), f"{path}/")
        elif entry.name.endswith(".md"):
            yield path


def _read_manifest(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
