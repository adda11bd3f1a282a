"""The ``thongbao-search`` plugin: the reader's full-text search, on an index of our own.

For each notice the plugin makes its search document and terms (``thongbao.searchindex``) and
packs them into the index files (``thongbao.searchfiles``): term buckets, result rows, the facet
table. They are written to ``site/<bundle_dir>/<version>/`` (``version``: a digest of the files,
so a reader's browser never mixes files of two builds) and kept in ``.cache/search`` by a digest
of their inputs (``thongbao.searchcache``), so an unchanged archive is not indexed again
(``mkdocs serve``); terms are made on every core (``workers``). The search box
(``overrides/assets/search/``) is added to every page through ``extra_javascript``, with
``assets/search/config.js`` telling it where the files are; the full-page search with facets is
a generated page (``tim-kiem.md``).

The index is made in a thread started in ``on_files`` and collected in ``on_post_build``: its
workers use the cores that MkDocs, rendering the pages one by one, leaves idle. ``config.js``
names the index's version, known only then, so the plugin writes it into the site itself
(a ``File`` whose source is its destination: MkDocs copies nothing).
"""

from __future__ import annotations

import json
import shutil
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from thongbao.searchcache import load_or_build, write_index
from thongbao.searchfiles import IndexFiles

from .beside import WrittenByThePlugin
from .search_config import SearchConfig
from .state import BuildState, get_state

log = get_plugin_logger(__name__)

ASSETS = ("assets/search/search.js", "assets/search/search.css")
CONFIG_JS = "assets/search/config.js"

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


class SearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self) -> None:
        self._pending: Future[tuple[IndexFiles, bool, float]] | None = None
        self._notices = 0
        self._page_url = ""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        config.extra_css.append(ASSETS[1])
        for path in (CONFIG_JS, ASSETS[0]):
            config.extra_javascript.append(ExtraScriptValue(path))
        return config

    # After the other plugins' on_files (default priority 0; the archive plugin runs at 50):
    # the notice pages exist by then and their URLs are final. The index is started here and
    # collected in on_post_build (module docstring).
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        _check_assets(files)
        page = files.get_file_from_path(self.config.page)
        if page is None:
            text = PAGE_TEMPLATE.format(title=self.config.page_title)
            page = File.generated(config, self.config.page, content=text,
                                  inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(page)
        state = get_state(config)
        urls = {f.src_uri: f.url for f in files.documentation_pages()}
        notices = [(urls.get(p.path, p.url), p) for p in state.pages]
        topics = _topic_names(state)
        cache = _cache_path(config, self.config.cache_dir)
        workers = self.config.workers or None

        def index() -> tuple[IndexFiles, bool, float]:
            start = time.monotonic()
            made, cached = load_or_build(notices, topics, cache, workers, keys=state.keys)
            return made, cached, time.monotonic() - start

        # One thread, shut down at once: it ends with its only task, and a build that fails
        # before on_post_build leaves nothing behind but that task finishing.
        pool = ThreadPoolExecutor(1, thread_name_prefix="thongbao-search")
        self._pending = pool.submit(index)
        pool.shutdown(wait=False)
        self._notices, self._page_url = len(notices), page.url
        site = config.site_dir
        files.append(WrittenByThePlugin(CONFIG_JS, site, site, config.use_directory_urls))
        return files

    def _config_js(self, index: IndexFiles) -> str:
        """What search.js needs to know: where the index and the search page are (relative to
        the site's root), the index's version and shape."""
        data = {
            "bundle": self.config.bundle_dir.strip("/") + "/",
            "page": self._page_url,
            **index.manifest(),
        }
        return f"window.thongbaoSearch = {json.dumps(data, ensure_ascii=False)};\n"

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self._pending is None:
            return
        start = time.monotonic()
        index, cached, seconds = self._pending.result()
        waited = time.monotonic() - start
        self._pending = None
        out = Path(config.site_dir) / self.config.bundle_dir.strip("/")
        if out.exists():
            shutil.rmtree(out)
        write_index(index, out / index.version)
        script = Path(config.site_dir) / CONFIG_JS
        script.parent.mkdir(parents=True, exist_ok=True)
        script.write_text(self._config_js(index), encoding="utf-8")
        log.info(f"search: {self._notices} notices, {len(index.files)} files, "
                 f"{'from the cache' if cached else 'indexed'} in {seconds:.1f} s "
                 f"(beside the pages; the build waited {waited:.1f} s for it)")


def _check_assets(files: Files) -> None:
    missing = [path for path in ASSETS if files.get_file_from_path(path) is None]
    if missing:
        raise PluginError(
            f"thongbao-search: {', '.join(missing)} not found among the theme files; "
            "set theme.custom_dir to the project's overrides/ folder"
        )


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
