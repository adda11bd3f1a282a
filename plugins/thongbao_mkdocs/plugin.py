"""The ``thongbao`` MkDocs plugin: notices and index pages of the archive, built in memory.

Events, in the order MkDocs calls them:

- ``on_config``: resolve the content and cache folders against mkdocs.yml's folder.
- ``on_files``: run the build step (incremental, cached), log each bad notice once, build the
  index model, keep it for the other plugins (``self.state``, read through ``state.get_state``)
  and add every notice page, original file and index page as an in-memory ``File`` — nothing
  is written into the source tree. A notice is a
  ``PrerenderedPage``: its HTML was rendered in the build step (cached with the record), only
  its link slots are filled here; MkDocs parses neither YAML nor Markdown for it. An index
  page's view is made when the page is rendered (``indexviews.py``): when no notice, no
  reference file, no code and no option changed, its listing comes from the page cache.
- ``on_page_markdown``: the home page gets its generated sections.
- ``on_env``: find which generated pages the page cache holds (``pagecache.py``): those get
  an empty template, and their HTML is written from the cache. What each page is made from
  is a digest kept from the last build when nothing it depends on changed (the plan).
  The garbage collector, paused since ``on_files``, collects once and leaves what was made
  until here alone (``collector.py``).
- ``on_page_context``: a notice page gets the view its metadata panel renders.
- ``on_post_page``: a cached page's HTML from the cache; a rendered one kept in it; count pages
  written (a progress bar on a terminal, log lines elsewhere).
- ``on_post_build``: one summary line: notices built, incomplete, refused, pages, seconds;
  the page cache's unused entries deleted.
- ``on_build_error``: the collector as it was.
- ``on_serve``: watch content/notices and content/reference, outside docs_dir.
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from thongbao.archive import Archive, Entry, build_archive
from thongbao.citations import Vocabulary, load_vocabulary
from thongbao.exportjob import export_job
from thongbao.exports import TASKS_SCHEMA_NAME, task_schema_json
from thongbao.indexpages import Site, Unit, home_sections, index_units
from thongbao.journalpages import TASKS_ZIPS, Journal, archive_task_zips, with_glance
from thongbao.listing import IndexPage
from thongbao.noticeview import (
    STAND_IN_REPOSITORY,
    AddressSwap,
    Originals,
    is_web_address,
    notice_view,
    original_path,
    panel_links,
)
from thongbao.parts import Part, owner_of, owners
from thongbao.pipeline import build_pages, code_version
from thongbao.progress import Reporter, Ticker
from thongbao.quality import ESSENTIAL, missing_fields
from thongbao.qualitypage import quality_page
from thongbao.reference import ReferenceError as ReferenceDataError
from thongbao.reference import load_reference
from thongbao.urls import HOME

from .beside import FilesBeside
from .collector import CollectorPause
from .config import ThongbaoConfig
from .finisher import Finisher, PageJob, finish_page
from .generated import (
    listing_page,
    listing_template,
    nav_labels,
    notice_page,
    render_listing,
)
from .indexviews import (
    Listing,
    UnitKeys,
    Views,
    archive_key,
    keep,
    listings_by_unit,
    load_kept,
    shape_digest,
)
from .navcache import NavCache
from .pagecache import (
    PageCache,
    files_digest,
    files_key,
    meta_bytes,
    page_key,
    plugin_code_version,
    site_digest,
    view_bytes,
)
from .prerendered import PrerenderedPage
from .state import BuildState

log = get_plugin_logger(__name__)

MARKER = "<!-- thongbao:{} -->"
# A page another part renders gets this empty template: MkDocs writes no empty output.
SKIP_TEMPLATE = "thongbao-other-part.html"
# A page the page cache holds gets this empty template; on_post_page gives its HTML.
CACHED_TEMPLATE = "thongbao-cached.html"
# The folder, inside the extraction cache's, of the exports' rows kept between builds.
EXPORT_ROWS = "exports"


class ThongbaoPlugin(BasePlugin[ThongbaoConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.content_dir = Path("content")
        self.cache_dir: Path | None = None
        self.archive: Archive | None = None
        self.vocab: Vocabulary | None = None
        self.notices: dict[str, Entry] = {}  # docs path of a notice page → its entry
        self.state: BuildState | None = None  # what the other plugins read (state.get_state)
        self.started = time.monotonic()
        self.reporter = Reporter(log.info)
        self.written: Ticker | None = None
        self.pages_written = 0
        self.listing: jinja2.Template | None = None
        self.part: Part | None = None  # a partitioned build's share (docs/parts.md)
        self.owners: dict[str, str] = {}
        self.nav: Navigation | None = None
        self.originals: Originals | None = None
        self.swap: AddressSwap | None = None  # the originals' real address, written in last
        self.page_cache: PageCache | None = None
        self.cached: dict[str, tuple[str, str]] = {}  # src_uri → (key, the page's template)
        self.rendering: dict[str, str] = {}  # src_uri → key of a page rendered and kept
        self.contexts: dict[str, Any] = {}  # a cached page's context (to render it if need be)
        self.env: jinja2.Environment | None = None
        self.replaying = False
        self.archive_key: str | None = None  # of what the index pages are made from
        self.home: dict[str, IndexPage] | None = None  # the home page's sections, if known
        self.collector = CollectorPause()  # paused from on_files to on_env (collector.py)
        self.finisher: Finisher | None = None  # the pages' last steps, beside (finisher.py)
        self.handed: dict[str, Page] = {}  # a cached page handed to the finisher, until done
        self.unreadable: list[str] = []  # cached pages the finisher could not read
        self.finished_beside = 0  # pages the finisher wrote (this build)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.collector.release()  # the previous build's objects (`mkdocs serve`)
        if not self.config.enabled:
            return None
        self.started = time.monotonic()
        self.pages_written = 0
        root = Path(config.config_file_path or ".").resolve().parent
        self.content_dir = root / self.config.content_dir
        self.cache_dir = root / self.config.cache_dir if self.config.cache_dir else None
        self.originals = _originals(self.config, root, self.content_dir)
        folder = self.config.page_cache_dir
        self.page_cache = PageCache(root / folder) if folder else None
        self.swap = None
        if self.page_cache is not None and self.originals is not None:
            # Pages made with a stand-in for the originals' address, the real one written in
            # as each page is: a deploy names a new commit there, and every page (not only
            # the notices': the address is among the plugin's options) would be rendered
            # again instead of coming from the page cache (docs/scale.md, "Deploys").
            stand_in = self.originals.stand_in()
            if stand_in is not None:
                self.originals, self.swap = stand_in
        self.cached, self.rendering, self.contexts = {}, {}, {}
        self.finisher, self.handed, self.unreadable = None, {}, []
        self.finished_beside = 0
        self.archive_key, self.home = None, None  # a fresh build (`mkdocs serve` rebuilds)
        return None

    # The other thongbao plugins read the state in their own on_files: run before them.
    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self.collector.hold()  # until on_env: what is made from here lives to the end
        self.archive = archive = self._build(config)
        self.notices = {entry.page.path: entry for entry in self.archive.notices}
        self.part = Part.of(self.config.part_provinces, self.config.part_shared)
        if self.part is not None:
            copied_to = self.originals.copied_to if self.originals else None
            self.owners = owners(self.archive, copied_to)
        for entry in self.archive.notices:
            self._add_notice(files, config, entry)
        self.listing = listing_template(config, self.config.table_chunk)
        journal = cache(lambda: Journal(archive))  # tasks, figures: the pages of issue 11
        for file in self._task_exports(journal, config):
            files.append(file)
        listings, views = self._index_pages(journal)
        labels = nav_labels(config.nav)
        for listing in self.reporter(listings, total=len(listings), label="index pages"):
            level = InclusionLevel.INCLUDED if listing.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, listing.path, content="", inclusion=level)
            files.append(file)
            listing_page(file, config, listing, views, self.listing, labels.get(listing.path))
        self.written = self.reporter.ticker(len(files.documentation_pages()), "pages")
        return files

    def _task_exports(self, journal: Callable[[], Journal], config: MkDocsConfig) -> list[File]:
        """The tasks' exports: from the page cache when no notice changed (as the notices'),
        else made beside the pages (beside.py)."""
        assert self.archive is not None and self.state is not None
        assert self.state.beside is not None
        site_url, site_name, archive = config.site_url or "", config.site_name, self.archive
        pages = [(e.url, self.state.keys.get(e.page.src)) for e in archive.notices]
        key = (files_key("tasks", pages, code_version(), site_url, site_name)
               if self.page_cache is not None else None)
        names = {aid: a.name for aid, a in archive.ref.agencies.items()}
        schema = File.generated(config, TASKS_SCHEMA_NAME,
                                content=task_schema_json(site_url).encode())
        return [*self.state.beside.files(
            config, "tasks", key, TASKS_ZIPS,
            lambda: export_job("tasks", [e.page for e in archive.notices], site_url,
                               site_name, names, self.state.beside.rows, self.state.keys),
            lambda: archive_task_zips(archive, journal(), site_url, site_name)), schema]

    def _index_pages(self, journal: Callable[[], Journal]) -> tuple[list[Listing], Views]:
        """Every index page's listing, and their views (made when a page needs one): from
        the page cache when nothing the views are made from changed, else unit by unit,
        each from the page cache when nothing it reads changed (indexviews.py)."""
        assert self.archive is not None and self.state is not None
        archive, state, cache = self.archive, self.state, self.page_cache
        key = self.archive_key = archive_key(state.pages, state.keys, state.reference.digest,
                                             self.keyed_options())
        site = Site(archive, self.config.list_limit, self.config.local_policy_min_citations,
                    given_journal=journal())
        # The editors' page chat-luong/ (issue 9), with the archive at a glance (issue 11).
        quality = Unit("quality", None,
                       lambda: [with_glance(quality_page(archive), archive, journal())])
        units = [*index_units(site), quality]
        by_name = {unit.name: unit for unit in units}
        found = load_kept(cache, key)
        if found is not None:
            self.home = found.home
            return found.listings, Views(by_name, found.listings, found.nav_views)
        keys = None
        if cache is not None:
            shape = shape_digest(site.shape(), state.reference.digest, self.keyed_options())
            keys = UnitKeys(shape, state.keys, site.task_statuses)
        made = listings_by_unit(units, cache, keys)
        self.home = self._home_sections() if cache is not None else None
        nav_views = [made.views[listing.path] for listing in made.listings if listing.in_nav]
        keep(cache, key, made.listings, nav_views, self.home or {}, made.unit_keys)
        return made.listings, Views(by_name, made.listings, made.views)

    def _home_sections(self) -> dict[str, IndexPage]:
        assert self.archive is not None
        return home_sections(self.archive, self.config.latest, self.config.list_limit)

    def _rows_dir(self) -> Path | None:
        """Where the bulk exports' worker keeps each notice's rows (exportjob.py): beside the
        extraction cache's entries, whose keys name them."""
        return self.cache_dir / EXPORT_ROWS if self.cache_dir is not None else None

    def _build(self, config: MkDocsConfig) -> Archive:
        """The build step over content/, its problems logged once each, and the index model,
        shared with the other thongbao plugins."""
        reference_dir = self.content_dir / "reference"
        try:
            reference = load_reference(reference_dir)
            self.vocab = load_vocabulary(reference_dir / "documents.yml")
        except (ReferenceDataError, OSError) as exc:
            raise PluginError(f"thongbao: {exc}") from exc
        # Light: no notice's text is held from here on; each is read back from the cache
        # when its page is rendered or indexed (docs/scale.md, "Page count and memory").
        result = build_pages(self.content_dir, cache_dir=self.cache_dir, ref=reference,
                             progress=self.reporter, light=self.cache_dir is not None)
        report = log.warning if self.config.strict_notices else log.info
        for problem in result.problems:
            report(str(problem))
        for note in result.incomplete:  # INFO: an incomplete notice is built, never a failure
            log.info(str(note))
        archive = build_archive(result.pages, reference)
        self.state = BuildState(result.pages, result.problems, archive, reference,
                                result.extracted, result.from_cache, result.keys,
                                page_cache=self.page_cache,
                                beside=FilesBeside(self.page_cache, self._rows_dir()))
        return archive

    def _add_notice(self, files: Files, config: MkDocsConfig, entry: Entry) -> None:
        # Never in the nav: a nav of every notice makes each page carry the whole archive.
        file = File.generated(config, entry.page.path, content="",
                              inclusion=InclusionLevel.NOT_IN_NAV)
        files.append(file)
        assert self.archive is not None and self.vocab is not None
        keys = self.state.keys if self.state is not None else {}
        notice_page(file, config, entry, self.archive, self.vocab,
                    self.config.local_policy_min_citations, keys.get(entry.page.src))
        if self.originals and self.originals.copied_to:
            files.append(File.generated(
                config, original_path(entry, self.originals.copied_to),
                abs_src_path=str(self.content_dir / entry.page.src),
            ))

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or self.archive is None:
            return None
        if self.part and not self.part.owns(owner_of(page.file.src_uri, self.owners)):
            page.meta["template"] = SKIP_TEMPLATE  # another part writes this page
            return ""
        if page.file.src_uri == HOME:
            return self._home(markdown, page, files)
        return None

    def _home(self, markdown: str, page: Page, files: Files) -> str:
        # Raw HTML blocks in the hand-written Markdown: Python-Markdown passes them through.
        assert self.archive is not None and self.listing is not None
        # From the page cache when the archive did not change (indexviews.py): the glance
        # and the latest notices read the archive whole.
        sections = self.home if self.home is not None else self._home_sections()
        for name, view in sections.items():
            html_text = render_listing(self.listing, view, page, files).strip()
            markdown = markdown.replace(MARKER.format(name), html_text)
        return markdown

    def on_page_context(
        self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any] | None:
        if page.file.src_uri in self.cached:  # its HTML comes from the cache: nothing to make
            self.contexts[page.file.src_uri] = context
            return None
        if isinstance(page, PrerenderedPage):
            page.materialize()
        entry = self.notices.get(page.file.src_uri)
        if entry is None or self.archive is None or page.meta.get("template") == SKIP_TEMPLATE:
            return None
        context["notice"] = self._notice_view(entry)
        return context

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        if not self.config.enabled:
            return None
        if self.nav is not None:  # a fresh cache per build: `mkdocs serve` rebuilds
            env.globals["thongbao_nav"] = NavCache(self.nav)
        if env.loader is not None:
            empty = jinja2.DictLoader({SKIP_TEMPLATE: "", CACHED_TEMPLATE: ""})
            env.loader = jinja2.ChoiceLoader([empty, env.loader])
        self.env = env
        self._plan_page_cache(config, files)
        freed = self.collector.settle()
        log.debug(f"garbage collector: {freed} unreachable objects before the first page; "
                  f"{gc.get_freeze_count()} objects frozen")
        return env

    def keyed_options(self) -> dict[str, Any]:
        """The options as every cache key reads them (the page cache's site digest, the index
        views' archive key): the originals' address is the stand-in the pages are rendered
        with when it is swapped in last, so that a deploy naming a new commit keeps them."""
        options = dict(self.config.items())
        if self.swap is not None:
            options["originals_url"] = STAND_IN_REPOSITORY
        return options

    def _plan_page_cache(self, config: MkDocsConfig, files: Files) -> None:
        """Every generated page gets its key; those the cache holds an empty template.
        Here, once all pages are read: the nav's titles are known, and MkDocs picks a page's
        template before its ``on_page_context``."""
        cache, state = self.page_cache, self.state
        if cache is None or state is None or self.nav is None or self.archive is None:
            return
        site = site_digest(config, self.nav, code_version() + plugin_code_version())
        pages_digest = files_digest(files).encode()
        # What each page's HTML is made from, by a digest kept from the last build when
        # nothing it is made from changed: making it (the notice's panel view, its body with
        # its links placed) was a fifth of a warm build (docs/scale.md, "Page cache").
        plan_key = (page_key(site, ["plan", self.archive_key, pages_digest])
                    if self.archive_key else None)
        found = cache.load(plan_key) if plan_key else None
        made: dict[str, bytes] | None = None if isinstance(found, dict) else {}
        sources = found if made is None else made
        listed = {id(page) for page in self.nav.pages}
        for file in files.documentation_pages():
            page = file.page
            if not isinstance(page, PrerenderedPage) or id(page) in listed:
                continue
            template = page.meta.get("template")
            if template == SKIP_TEMPLATE:
                continue
            made_of = sources.get(file.src_uri)
            if made_of is None:
                made_of = self._made_of(page, files)
                if made_of is None:
                    continue
                sources[file.src_uri] = made_of
            parts = [page.url, str(page.title), meta_bytes(page.meta), made_of]
            parts += [part(page) for part in state.page_key_parts]
            key = page_key(site, parts)
            if cache.has(key):
                self.cached[file.src_uri] = (key, template or "main.html")
                page.meta["template"] = CACHED_TEMPLATE
            else:
                # The view is made again when the page is rendered: holding every notice's
                # view from here until its page is written put a cold build of 10,000
                # notices over 2 GB (docs/scale.md, "Page cache").
                self.rendering[file.src_uri] = key
        if plan_key is not None and made is not None:
            cache.keep(plan_key, made)
        pages = set(self.cached) | set(self.rendering)
        if 0 < self.config.finish_beside_from <= len(pages):
            self.finisher = Finisher(pages, _minifies(config), self._finished,
                                     self.unreadable.append)

    def _made_of(self, page: PrerenderedPage, files: Files) -> bytes | None:
        """A digest of what the page's HTML is made from (None: never taken from the cache):
        its source (``PrerenderedPage.source``: a notice's extraction key and where its
        body's links go, an index page's view and where its links go) and a notice's panel
        view."""
        source = page.source(files)
        if source is None:
            return None
        digest = hashlib.sha256(source)
        entry = self.notices.get(page.file.src_uri)
        if entry is not None:  # its panel
            digest.update(view_bytes(self._panel_part(entry)))
        return digest.digest()

    def _panel_part(self, entry: Entry) -> object:
        """What a notice's panel adds to its page's key. With an extraction key (in the
        page's source), which stands for its record and task anchors, the links the archive
        gives it: the panel is ``panel_view`` of those, the notice and the originals (in the
        site's options), nothing else. Without one, the whole view."""
        assert self.archive is not None
        keys = self.state.keys if self.state is not None else {}
        if keys.get(entry.page.src) is None:
            return self._notice_view(entry)
        return panel_links(entry, self.archive, self.config.local_policy_min_citations)

    def _notice_view(self, entry: Entry) -> Any:
        assert self.archive is not None
        return notice_view(entry, self.archive, self.originals,
                           self.config.local_policy_min_citations)

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> None:
        self.nav = nav

    @event_priority(-200)  # last: the other plugins' on_post_page may still read the page
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.replaying:  # the other plugins' on_post_page for a page rendered late
            return None
        src = page.file.src_uri
        if self.finisher is not None and self.finisher.takes(src):
            self._hand_over(page, output)
            return ""  # MkDocs writes nothing: the finisher writes the page
        result = None
        if src in self.cached:
            result = self._from_cache(page, config)
        elif src in self.rendering and self.page_cache is not None:
            self.page_cache.put(self.rendering.pop(src), output)
        if self.swap is not None:
            result = self.swap(output if result is None else result)
        if isinstance(page, PrerenderedPage):
            page.release()
        self.pages_written += 1
        if self.written is not None:
            self.written.tick()
        return result

    def _hand_over(self, page: Page, output: str) -> None:
        """The page to the finisher: a cached one by its key (its context kept, in case the
        entry cannot be read), a rendered one with its HTML, to be minified and kept."""
        assert self.finisher is not None and self.page_cache is not None
        src, folder = page.file.src_uri, str(self.page_cache.folder)
        if src in self.cached:  # released when written: it may have to be rendered
            key, _ = self.cached[src]
            self.handed[src] = page
            job = PageJob(page.file.abs_dest_path, None, key, folder, False, self.swap)
        else:
            job = PageJob(page.file.abs_dest_path, output, self.rendering.pop(src), folder,
                          self.finisher.minify, self.swap)
            if isinstance(page, PrerenderedPage):
                page.release()
        self.pages_written += 1
        if self.written is not None:
            self.written.tick()
        self.finisher.submit(src, job)

    def _finished(self, src: str, job: PageJob) -> None:
        assert self.page_cache is not None
        if job.html is None:
            self.page_cache.hits += 1
            self.cached.pop(src, None)
            self.contexts.pop(src, None)
            page = self.handed.pop(src, None)
            if isinstance(page, PrerenderedPage):
                page.release()
        else:
            self.page_cache.stored += 1

    def _finish_pages(self, config: MkDocsConfig) -> None:
        """Every page handed over written; the cached ones the finisher could not read
        rendered again, here."""
        assert self.finisher is not None
        finisher, self.finisher = self.finisher, None
        finisher.drain()
        self.finished_beside = finisher.done
        if finisher.failure is not None:
            log.warning(f"pages: the worker finishing them failed ({finisher.failure}); "
                        f"{finisher.in_process} finished in the build's process")
        for src in self.unreadable:
            page = self.handed.pop(src)
            output = self._from_cache(page, config)
            if isinstance(page, PrerenderedPage):
                page.release()
            # Minified and kept by the replay in _from_cache: only the swap and the write.
            finish_page(PageJob(page.file.abs_dest_path, output, None, None, False, self.swap))
        log.debug(f"pages: {finisher.done} finished beside the rendering, "
                  f"{len(self.unreadable)} rendered again")

    def _from_cache(self, page: Page, config: MkDocsConfig) -> str:
        """A cached page's HTML; rendered (and kept again) if its entry is gone or damaged
        since ``on_env`` found it."""
        assert self.page_cache is not None
        key, template = self.cached.pop(page.file.src_uri)
        context = self.contexts.pop(page.file.src_uri, None)
        found = self.page_cache.get(key)
        if found is not None or context is None or self.env is None:
            return found or ""
        log.info(f"{page.file.src_uri}: page cache entry unreadable; rendered again")
        if isinstance(page, PrerenderedPage):
            page.materialize()
        entry = self.notices.get(page.file.src_uri)
        if entry is not None:
            context["notice"] = self._notice_view(entry)
        output = self.env.get_template(template).render(context)
        self.replaying = True
        try:
            output = config.plugins.on_post_page(output, page=page, config=config)
        finally:
            self.replaying = False
        self.page_cache.put(key, output)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.finisher is not None:  # first: the other plugins' on_post_build read pages
            self._finish_pages(config)
        if self.written is not None:
            self.written.close()
            self.written = None
        if self.state is not None and self.state.beside is not None:
            self.state.beside.finish(config.site_dir)
        if self.page_cache is not None and self.state is not None:
            deleted = self.page_cache.prune()
            log.debug(f"page cache: {self.page_cache.hits} pages reused, "
                      f"{self.page_cache.stored} kept, {deleted} unused deleted")
        if self.state is not None:
            reused = self.page_cache.hits if self.page_cache else 0
            log.info(summary(self.state, self.pages_written, time.monotonic() - self.started,
                             reused))

    def on_build_error(self, *, error: Exception) -> None:
        self.collector.release()
        if self.finisher is not None:
            self.finisher.close()
            self.finisher = None
        if self.state is not None and self.state.beside is not None:
            self.state.beside.close()

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        # docs_dir is content/pages; the notices and the vocabularies live beside it.
        for folder in ("notices", "reference"):
            path = self.content_dir / folder
            if path.is_dir():
                server.watch(str(path))
        return server


def _minifies(config: MkDocsConfig) -> bool:
    """Whether the weight plugin minifies pages (it leaves the finisher's to the finisher)."""
    weight = config.plugins.get("thongbao-weight")
    options = getattr(weight, "config", None)
    return bool(options is not None and options.enabled and options.minify)


def summary(state: BuildState, pages: int, seconds: float, reused: int = 0) -> str:
    """``2000 notices built (12 incomplete: no date, province or chair), 3 refused; 6959 pages
    in 41.2 s (6950 from the page cache)`` — incomplete notices are published; refused files
    are not (each logged above). Incomplete as in ``thongbao.quality`` (the quality page,
    ``thongbao check``)."""
    incomplete = sum(1 for p in state.pages if missing_fields(p.record))
    return (f"{len(state.pages)} notices built ({incomplete} incomplete: "
            f"no {', '.join(ESSENTIAL[:-1])} or {ESSENTIAL[-1]}), "
            f"{len(state.problems)} refused; {pages} pages in {seconds:.1f} s"
            f" ({reused} from the page cache)")


def _originals(config: ThongbaoConfig, root: Path, content_dir: Path) -> Originals | None:
    """Where the notice pages offer their originals (``originals``, ``originals_url``)."""
    if not config.originals:
        return None
    if not config.originals_url:
        return Originals(folder=config.originals_dir)
    if not is_web_address(config.originals_url):
        raise PluginError(
            f"thongbao: originals_url must be a web address: {config.originals_url!r}")
    try:
        content_path = content_dir.relative_to(root).as_posix()
    except ValueError:  # content outside the project: its path in the repository is unknown
        raise PluginError("thongbao: originals_url needs content_dir inside the project") from None
    return Originals(folder=None, repository=config.originals_url, content_path=content_path)
