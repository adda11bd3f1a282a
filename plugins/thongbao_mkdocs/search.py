"""The ``thongbao-search`` plugin: the reader's full-text search, built with Pagefind.

Pagefind does not read the published pages: for each notice the plugin writes a small HTML
document holding only the notice's index tokens and data (``thongbao.searchindex``) into a
temporary folder and runs the Pagefind binary (``pagefind[bin]`` from PyPI) over it, one run per
shard (a run of years, newest first), each into ``site/pagefind/<shard>/``. A shard whose
notices did not change is copied from the cache. The search box (``overrides/assets/search/``)
is added to every page through ``extra_javascript``, with ``assets/search/config.js`` telling it
the shards; the full-page search with facets is a generated page (``tim-kiem.md``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from thongbao import searchindex
from thongbao.pipeline import NoticePage
from thongbao.searchindex import Shard, document_html, search_document, shard_plan, sort_date

from .search_config import SearchConfig
from .state import BuildState, get_state

log = get_plugin_logger(__name__)

ASSETS = ("assets/search/search.js", "assets/search/search.css")
CONFIG_JS = "assets/search/config.js"
# Pagefind writes its own UIs too; the site uses none of them.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)

PAGE_TEMPLATE = """---
title: {title}
hide:
  - navigation
  - toc
---

# {title}

<div id="tb-search-page" class="tb-search-page">
<noscript>Tìm kiếm chạy trong trình duyệt và cần JavaScript.</noscript>
</div>
"""


class IndexerError(RuntimeError):
    """Pagefind could not be run or failed."""


@dataclass(frozen=True)
class ShardJob:
    """One Pagefind run: a shard's notices as (url, page) pairs."""

    name: str
    notices: Sequence[tuple[str, NoticePage]]


class SearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self) -> None:
        self._urls: dict[str, str] = {}
        self._shards: list[Shard] = []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        config.extra_css.append(ASSETS[1])
        for path in (CONFIG_JS, ASSETS[0]):
            config.extra_javascript.append(ExtraScriptValue(path))
        return config

    # After the other plugins' on_files (default priority 0; the archive plugin runs at 50):
    # the notice pages exist by then and their URLs are final.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        _check_assets(files)
        pages = get_state(config).pages
        self._shards = shard_plan([sort_date(p.record) for p in pages], self.config.shard_size)
        page = files.get_file_from_path(self.config.page)
        if page is None:
            text = PAGE_TEMPLATE.format(title=self.config.page_title)
            page = File.generated(config, self.config.page, content=text,
                                  inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(page)
        files.append(File.generated(config, CONFIG_JS, content=self._config_js(page.url)))
        self._urls = {f.src_uri: f.url for f in files.documentation_pages()}
        return files

    def _config_js(self, page_url: str) -> str:
        """What search.js needs to know: where the bundles and the search page are (relative to
        the site's root) and the shards, newest first."""
        data = {
            "bundle": self.config.bundle_dir.strip("/") + "/",
            "page": page_url,
            "shards": [shard.name for shard in self._shards],
        }
        return f"window.thongbaoSearch = {json.dumps(data, ensure_ascii=False)};\n"

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        state = get_state(config)
        jobs = _jobs(state.pages, self._shards, self._urls)
        out = Path(config.site_dir) / self.config.bundle_dir
        cache = _cache_path(config, self.config.cache_dir)
        try:
            report = build_bundles(jobs, out, _topic_names(state), cache, self.config.timeout,
                                   self.config.chunk_size)
        except IndexerError as exc:
            raise PluginError(f"thongbao-search: {exc}") from exc
        log.info(report)


def _check_assets(files: Files) -> None:
    missing = [path for path in ASSETS if files.get_file_from_path(path) is None]
    if missing:
        raise PluginError(
            f"thongbao-search: {', '.join(missing)} not found among the theme files; "
            "set theme.custom_dir to the project's overrides/ folder"
        )


def _jobs(
    pages: Sequence[NoticePage], shards: Iterable[Shard], urls: Mapping[str, str]
) -> list[ShardJob]:
    return [
        ShardJob(shard.name, [(urls.get(pages[i].path, pages[i].url), pages[i])
                              for i in shard.members])
        for shard in shards
    ]


def _topic_names(state: BuildState) -> dict[str, str]:
    """Topic slug → name, from the reference data the archive plugin loaded (else the repo's)."""
    ref = state.extras.get("reference") or getattr(state.archive, "ref", None)
    if ref is None:
        from thongbao.reference import load_reference

        ref = load_reference()
    return {slug: topic.name for slug, topic in ref.topics.items()}


def _cache_path(config: MkDocsConfig, cache_dir: str | None) -> Path | None:
    if not cache_dir:
        return None
    base = Path(config.config_file_path or ".").parent
    return (base / cache_dir).resolve()


# --- the indexer (no MkDocs below) ---------------------------------------------------------


def build_bundles(
    jobs: Sequence[ShardJob],
    out: Path,
    topics: Mapping[str, str],
    cache_dir: Path | None = None,
    timeout: int = 1800,
    chunk_size: int | None = None,
) -> str:
    """Index each shard into ``out/<shard>/`` (or copy it from the cache); return a report."""
    start = time.monotonic()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    indexed = 0
    for job in jobs:
        digest = shard_digest(job, topics)
        cached = cache_dir / job.name / digest if cache_dir else None
        if cached is not None and cached.is_dir():
            shutil.copytree(cached, out / job.name)
            continue
        index_shard(job, out / job.name, topics, timeout, chunk_size)
        indexed += 1
        if cached is not None:
            _store(cached, out / job.name)
    notices = sum(len(job.notices) for job in jobs)
    return (f"search: {notices} notices in {len(jobs)} shards ({indexed} indexed, "
            f"{len(jobs) - indexed} cached) in {time.monotonic() - start:.1f} s")


def shard_digest(job: ShardJob, topics: Mapping[str, str]) -> str:
    """Everything a shard's bundle depends on: its notices, the topic names, the code."""
    digest = hashlib.sha256(_code_version().encode())
    digest.update(json.dumps(dict(topics), sort_keys=True, ensure_ascii=False).encode())
    for url, page in job.notices:
        record = json.dumps(page.record.to_dict(), sort_keys=True, ensure_ascii=False)
        digest.update(f"\0{url}\0{record}\0{page.body}".encode())
    return digest.hexdigest()[:24]


def _code_version() -> str:
    source = Path(searchindex.__file__).read_bytes() + Path(__file__).read_bytes()
    return hashlib.sha256(source).hexdigest()[:16] + pagefind_version()


def index_shard(
    job: ShardJob, out: Path, topics: Mapping[str, str], timeout: int, chunk_size: int | None
) -> int:
    """Write the shard's search documents to a temporary site and run Pagefind over it."""
    with tempfile.TemporaryDirectory(prefix="thongbao-search-") as tmp:
        site = Path(tmp)
        docs = (search_document(url, p.record, p.body, topics) for url, p in job.notices)
        count = write_documents(docs, site, job.name)
        run_pagefind(site, out, timeout, chunk_size)
    return count


def document_path(root: Path, url: str) -> Path:
    """Where a page of ``url`` lies in a site rooted at ``root`` (directory URLs or .html)."""
    parts = PurePosixPath(url.strip("/")).parts
    if ".." in parts or url.startswith(("/", "http:", "https:")):
        raise IndexerError(f"unexpected page URL {url!r}")
    if url == "" or url.endswith("/"):
        return root.joinpath(*parts, "index.html")
    return root.joinpath(*parts)


def write_documents(
    docs: Iterable[searchindex.SearchDocument], root: Path, shard: str | None = None
) -> int:
    """Write each document as a page under ``root``; return their number."""
    count = 0
    for doc in docs:
        path = document_path(root, doc.url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document_html(doc, shard), encoding="utf-8")
        count += 1
    return count


def pagefind_executable() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError as exc:
        raise IndexerError("the 'pagefind[bin]' package is not installed") from exc
    path = get_executable()
    if path is None:
        raise IndexerError("no Pagefind binary found: install 'pagefind[bin]'")
    return Path(path)


def pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind_bin")
    except PackageNotFoundError:  # a binary from PATH: only the cache key is weaker
        return "unknown"


def pagefind_command(site: Path, out: Path) -> list[str]:
    return [str(pagefind_executable()), "--site", str(site), "--output-path", str(out),
            "--force-language", "vi", "--silent"]


def pagefind_env(chunk_size: int | None = None) -> dict[str, str]:
    """The environment without stray PAGEFIND_* settings (they would override the command),
    with the size of Pagefind's index chunks when given (positions per chunk; Pagefind 1.5.2
    reads it from PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE, default 20000)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    if chunk_size:
        env["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"] = str(chunk_size)
    return env


def run_pagefind(site: Path, out: Path, timeout: int, chunk_size: int | None = None) -> None:
    """Index ``site`` (the small documents) into the bundle folder ``out``."""
    try:
        proc = subprocess.run(pagefind_command(site, out), cwd=site, env=pagefind_env(chunk_size),
                              capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise IndexerError(f"Pagefind did not finish within {timeout} s") from exc
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip()[-2000:]
        raise IndexerError(f"Pagefind failed (exit {proc.returncode}): {tail}")
    drop_unused(out)


def drop_unused(bundle: Path) -> None:
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)


def _store(cached: Path, bundle: Path) -> None:
    """Keep only the newest bundle of a shard in the cache."""
    cached.parent.mkdir(parents=True, exist_ok=True)
    for old in cached.parent.iterdir():
        if old.is_dir() and old.name != cached.name:
            shutil.rmtree(old, ignore_errors=True)
    tmp = cached.parent / f".{cached.name}.{os.getpid()}"
    shutil.copytree(bundle, tmp)
    try:
        tmp.replace(cached)
    except OSError:  # another build stored the same digest meanwhile
        shutil.rmtree(tmp, ignore_errors=True)
