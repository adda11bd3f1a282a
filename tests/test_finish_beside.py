"""The pages' last steps in a worker process (plugins/thongbao_mkdocs/finisher.py): what it
writes is, byte for byte, what the build's own process writes — rendered pages (minified,
kept in the page cache, the originals' address swapped in) and pages from the page cache —
and an unreadable entry or a failing worker costs time, not pages.

Each test builds real sites with real MkDocs: the project with the finisher from its first
page (``finish_beside_from: 1``), and a twin without page cache (so without finisher) as the
reference.
"""

from __future__ import annotations

import logging
import shutil
import zlib
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import ClassVar

import pytest
import thongbao_mkdocs.finisher as finisher_module
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from sitebuild import SEEDS, make_project
from sitecompare import files_of

ORIGINALS = "https://github.com/example/thongbao/blob/0000000/"
OPTIONS = {"finish_beside_from": 1}


@pytest.fixture(autouse=True)
def _linked_originals(monkeypatch: pytest.MonkeyPatch) -> None:
    """As the Pages workflow builds: the originals linked in the repository, pages rendered
    with a stand-in address and the real one swapped in as each page is written."""
    monkeypatch.setenv("ORIGINALS_URL", ORIGINALS)


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _build(root: Path, site: Path, strict: bool = True) -> tuple[MkDocsConfig, list[str]]:
    """The build, with MkDocs' log lines (INFO and up) collected."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site), strict=strict)
    logger = logging.getLogger("mkdocs")
    handler, level = _Lines(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        build(config)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return config, handler.lines


def _twin(root: Path, tmp: Path) -> Path:
    twin = tmp / "twin"
    shutil.copytree(root, twin, ignore=shutil.ignore_patterns(".cache", "site*"))
    text = (twin / "mkdocs.yml").read_text("utf-8")
    (twin / "mkdocs.yml").write_text(
        text.replace("  - thongbao:\n", '  - thongbao:\n      page_cache_dir: ""\n', 1), "utf-8")
    config, _ = _build(twin, twin / "site")
    assert config.plugins["thongbao"].finished_beside == 0  # type: ignore[attr-defined]
    return twin / "site"


def _same_sites(a: Path, b: Path) -> None:
    assert files_of(a) == files_of(b)
    assert [p for p in sorted(files_of(a)) if (a / p).read_bytes() != (b / p).read_bytes()] == []


def _plugin(config: MkDocsConfig):  # type: ignore[no-untyped-def]
    return config.plugins["thongbao"]


def test_pages_finished_beside_are_the_bytes_the_build_writes(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", notices=SEEDS[:3], options=OPTIONS)
    config, lines = _build(root, tmp_path / "first")
    first = _plugin(config)
    pages = first.page_cache.stored  # every generated page (hand-written ones are rendered)
    assert first.finished_beside == pages > 10 and first.pages_written > pages
    assert not [line for line in lines if line.startswith("Page skipped")]
    twin = _twin(root, tmp_path)
    _same_sites(tmp_path / "first", twin)
    pages_text = [p.read_text("utf-8") for p in (tmp_path / "first").rglob("*.html")]
    assert sum(ORIGINALS in text for text in pages_text) == 3  # each notice's original
    assert not any("originals.invalid" in text for text in pages_text)  # the address swapped
    config, lines = _build(root, tmp_path / "second")  # every page from the cache
    again = _plugin(config)
    assert again.finished_beside == again.page_cache.hits == pages
    assert again.page_cache.stored == 0
    assert not [line for line in lines if line.startswith("Page skipped")]
    _same_sites(tmp_path / "second", twin)


def test_an_unreadable_entry_is_rendered_again_by_the_build(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", notices=SEEDS[:2], options=OPTIONS)
    config, _ = _build(root, tmp_path / "first")
    pages = _plugin(config).page_cache.stored
    damaged = 0
    for entry in sorted((root / ".cache" / "pages").glob("*/*.z")):
        if zlib.decompress(entry.read_bytes()).startswith(b"<") and damaged < 3:
            entry.write_bytes(b"not zlib")
            damaged += 1
    config, lines = _build(root, tmp_path / "second")
    plugin = _plugin(config)
    assert plugin.finished_beside == pages - damaged and plugin.page_cache.stored == damaged
    assert sum("page cache entry unreadable; rendered again" in line for line in lines) == 3
    _same_sites(tmp_path / "second", _twin(root, tmp_path))


class _FailingPool:
    """A worker pool that breaks: at once (``submit`` raises) or with each page's result."""

    at_submit = True

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def submit(self, *args: object, **kwargs: object) -> Future[bool]:
        if self.at_submit:
            raise BrokenProcessPool("the worker died")
        future: Future[bool] = Future()
        future.set_exception(BrokenProcessPool("the worker died"))
        return future

    def shutdown(self, *args: object, **kwargs: object) -> None:
        pass


@pytest.mark.parametrize("at_submit", [True, False])
def test_a_failing_worker_costs_time_not_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at_submit: bool,
) -> None:
    root = make_project(tmp_path / "p", notices=SEEDS[:2], options=OPTIONS)
    monkeypatch.setattr(_FailingPool, "at_submit", at_submit)
    monkeypatch.setattr(finisher_module, "ProcessPoolExecutor", _FailingPool)
    config, lines = _build(root, tmp_path / "first", strict=False)  # a warning: not strict
    plugin = _plugin(config)
    pages = plugin.page_cache.stored
    assert plugin.finished_beside == pages > 10
    warnings = [line for line in lines if "the worker finishing them failed" in line]
    assert warnings == [f"thongbao_mkdocs: pages: the worker finishing them failed "
                        f"(BrokenProcessPool: the "
                        f"worker died); {pages} finished in the build's process"]
    _same_sites(tmp_path / "first", _twin(root, tmp_path))


class _LazyFuture(Future):  # type: ignore[type-arg]
    """A page finished only when its result is asked for: what waits is what is held."""

    def __init__(self, job: finisher_module.PageJob, held: list[int]) -> None:
        super().__init__()
        self.job, self.held = job, held

    def result(self, timeout: float | None = None) -> bool:
        if not self.done():
            self.held.append(sum(len(f.job.html or "") for f in _LazyPool.pending))
            _LazyPool.pending.remove(self)
            self.set_result(finisher_module.finish_page(self.job))
        return super().result(timeout)


class _LazyPool:
    pending: ClassVar[list[_LazyFuture]] = []
    held: ClassVar[list[int]] = []

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def submit(self, fn: object, job: finisher_module.PageJob) -> _LazyFuture:
        future = _LazyFuture(job, self.held)
        self.pending.append(future)
        return future

    def shutdown(self, *args: object, **kwargs: object) -> None:
        pass


def test_the_pages_waiting_for_the_worker_are_few_and_small(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Large pages rendered one after the other (the tasks' month pages) wait for the worker
    by their size, not only their count: the build's process holds a few MB of them."""
    monkeypatch.setattr(finisher_module, "ProcessPoolExecutor", _LazyPool)
    monkeypatch.setattr(_LazyPool, "pending", [])
    monkeypatch.setattr(_LazyPool, "held", [])
    monkeypatch.setattr(finisher_module, "IN_FLIGHT_CHARS", 50_000)
    done: list[str] = []
    finisher = finisher_module.Finisher({"a", "b"}, False, lambda src, job: done.append(src),
                                        lambda src: None)
    for i in range(40):
        page = "<p>" + "x" * 20_000 + "</p>"
        finisher.submit(f"p{i}", finisher_module.PageJob(
            str(tmp_path / f"p{i}" / "index.html"), page, None, None, False, None))
    finisher.drain()
    assert len(done) == 40 and finisher.failure is None
    assert max(_LazyPool.held) <= 50_000 + 20_007  # the bound, and the page that crossed it
    assert (tmp_path / "p39" / "index.html").read_text("utf-8").endswith("</p>")
