"""The ``thongbao`` MkDocs plugin: notices and index pages of the archive, built in memory.

Events, in the order MkDocs calls them:

- ``on_config``: resolve the content and cache folders against mkdocs.yml's folder.
- ``on_files``: run the build step (incremental, cached), log each bad notice once, build the
  index model, share it (``state.set_state``) and add every notice page, original file and
  index page as an in-memory ``File`` — nothing is written into the source tree.
- ``on_page_markdown``: a notice's text gets its inline links and the notice template; the
  home page gets its generated sections.
- ``on_page_context``: a notice page gets the view its metadata panel renders.
- ``on_serve``: watch content/notices and content/reference, outside docs_dir.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from thongbao.archive import Archive, Entry, build_archive
from thongbao.citations import Vocabulary, load_vocabulary
from thongbao.indexpages import HOME, home_sections, index_pages
from thongbao.pipeline import build_pages
from thongbao.qualitypage import quality_page
from thongbao.reference import ReferenceError as ReferenceDataError
from thongbao.reference import load_reference

from .config import ThongbaoConfig
from .notice import linked_body, notice_view, original_path
from .state import BuildState, set_state

log = get_plugin_logger(__name__)

NOTICE_TEMPLATE = "notice.html"
MARKER = "<!-- thongbao:{} -->"


class ThongbaoPlugin(BasePlugin[ThongbaoConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.content_dir = Path("content")
        self.cache_dir: Path | None = None
        self.archive: Archive | None = None
        self.vocab: Vocabulary | None = None
        self.notices: dict[str, Entry] = {}  # docs path of a notice page → its entry

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path or ".").resolve().parent
        self.content_dir = root / self.config.content_dir
        self.cache_dir = root / self.config.cache_dir if self.config.cache_dir else None
        return None

    # The other thongbao plugins read the state in their own on_files: run before them.
    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self.archive = self._build(config)
        self.notices = {entry.page.path: entry for entry in self.archive.notices}
        for entry in self.archive.notices:
            self._add_notice(files, config, entry)
        pages = index_pages(self.archive, self.config.list_limit,
                            self.config.local_policy_min_citations)
        pages.append(quality_page(self.archive))  # editors' page chat-luong/ (issue 9)
        for page in pages:
            level = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.path, content=page.markdown,
                                        inclusion=level))
        return files

    def _build(self, config: MkDocsConfig) -> Archive:
        """The build step over content/, its problems logged once each, and the index model,
        shared with the other thongbao plugins."""
        reference_dir = self.content_dir / "reference"
        try:
            reference = load_reference(reference_dir)
            self.vocab = load_vocabulary(reference_dir / "documents.yml")
        except (ReferenceDataError, OSError) as exc:
            raise PluginError(f"thongbao: {exc}") from exc
        result = build_pages(self.content_dir, cache_dir=self.cache_dir, ref=reference)
        report = log.warning if self.config.strict_notices else log.info
        for problem in result.problems:
            report(str(problem))
        for note in result.incomplete:  # INFO: an incomplete notice is built, never a failure
            log.info(str(note))
        archive = build_archive(result.pages, reference)
        extras = {"reference": reference, "extracted": result.extracted,
                  "from_cache": result.from_cache}
        set_state(config, BuildState(result.pages, result.problems, archive, extras))
        return archive

    def _add_notice(self, files: Files, config: MkDocsConfig, entry: Entry) -> None:
        # Never in the nav: a nav of every notice makes each page carry the whole archive.
        files.append(File.generated(config, entry.page.path, content=entry.page.markdown,
                                    inclusion=InclusionLevel.NOT_IN_NAV))
        if self.config.originals:
            files.append(File.generated(
                config, original_path(entry, self.config.originals_dir),
                abs_src_path=str(self.content_dir / entry.page.src),
            ))

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or self.archive is None:
            return None
        entry = self.notices.get(page.file.src_uri)
        if entry is not None:
            _prepare_notice_meta(page, entry)
            assert self.vocab is not None
            return linked_body(entry, self.archive, self.vocab,
                               self.config.local_policy_min_citations)
        if page.file.src_uri == HOME:
            return self._home(markdown)
        return None

    def _home(self, markdown: str) -> str:
        assert self.archive is not None
        sections = home_sections(self.archive, self.config.latest, self.config.list_limit)
        for name, text in sections.items():
            markdown = markdown.replace(MARKER.format(name), text)
        return markdown

    def on_page_context(
        self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any] | None:
        entry = self.notices.get(page.file.src_uri)
        if entry is None or self.archive is None:
            return None
        originals = self.config.originals_dir if self.config.originals else None
        context["notice"] = notice_view(entry, self.archive, originals,
                                        self.config.local_policy_min_citations)
        return context

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        # docs_dir is content/pages; the notices and the vocabularies live beside it.
        for folder in ("notices", "reference"):
            path = self.content_dir / folder
            if path.is_dir():
                server.watch(str(path))
        return server


def _prepare_notice_meta(page: Page, entry: Entry) -> None:
    """Template, and front-matter values Material prints into HTML without escaping them
    (``<title>``, ``<meta name=author>``): the notice is untrusted text."""
    meta = page.meta
    meta["template"] = NOTICE_TEMPLATE
    meta["title"] = html.escape(entry.title)
    if meta.get("author"):
        meta["author"] = html.escape(str(meta["author"]))
    if entry.record.summary:
        meta["description"] = html.escape(entry.record.summary)
