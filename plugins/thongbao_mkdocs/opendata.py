"""The ``thongbao-opendata`` MkDocs plugin: feeds, exports, redirects, robots.txt, 404 page.

It reads what the ``thongbao`` plugin shared (``state.get_state``) and adds, as in-memory files
beside the pages (so Markdown may link to them and ``--strict`` checks those links):

- ``atom.xml`` (whole archive) and ``<index page>/atom.xml`` for each province, agency, topic and
  policy page, linked from the page's ``<head>`` and by a visible "Theo dõi (Atom)" link;
- ``notices.json.zip`` (every full record), ``notices.csv.zip`` and ``schema.json``;
- a redirect page for each sidecar ``redirect_from`` entry, and ``robots.txt``;

and renders the theme's 404 page in Vietnamese. Templates may call ``thongbao_citation(page)``
and ``thongbao_feed(page)`` (a site path: apply the ``url`` filter).
The text itself comes from the pure modules ``thongbao.feeds``, ``.exports`` and ``.citation``.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from thongbao import exports, feeds
from thongbao.citation import format_citation
from thongbao.exportjob import export_job
from thongbao.pipeline import code_version
from thongbao.publication import (
    NOTICE_ZIPS,
    RIGHTS,
    Publication,
    feed_groups,
    notice_export_zips,
    plan_redirects,
    redirect_files,
    worth_a_feed,
)

from .generated import as_bytes
from .opendata_config import OpenDataConfig
from .pagecache import files_key, plugin_code_version
from .state import BuildState, get_state

log = get_plugin_logger(__name__)

FEED_LINK_CLASS = "tb-feed"
FEED_LABEL = "Theo dõi (Atom)"
_ARTICLE = re.compile(r"<article\b[^>]*>")

TEMPLATES = Path(__file__).parent / "templates"  # 404.html, used when the theme has none


class OpenDataPlugin(BasePlugin[OpenDataConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.publication: Publication | None = None
        self.feed_files: list[tuple[str, bytes]] = []  # (site path, Atom document)

    # After the plugins that add generated pages (thongbao's on_files runs at priority 50):
    # feeds are only written for index pages that exist.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        state = get_state(config)
        state.page_key_parts.append(self.page_key_part)
        site = _site(config)
        if site is None:
            log.warning("site_url is not set (mkdocs.yml or SITE_URL): no feeds or exports")
        pub = Publication(site, list(state.pages))
        self.feed_files = []
        if self.config.feeds and site is not None:
            pub.groups, self.feed_files = self._feeds(pub, site, files, state)
        pub.redirects, problems = plan_redirects(pub.notices, {f.dest_uri for f in files})
        for problem in problems:
            log.warning(str(problem))
        self.publication = pub
        made = [File.generated(config, path, content=as_bytes(text))
                for path, text in self._outputs(pub, files, state)]
        if self.config.exports and site is not None:
            made += _exports(config, pub, site, state)
        for file in made:
            if files.get_file_from_path(file.src_uri) is not None:
                log.warning(f"{file.src_uri}: a file of the site already has this name; "
                            "not replaced")
                continue
            files.append(file)
        self.feed_files = []  # in the files now
        return files

    def _outputs(
        self, pub: Publication, files: Files, state: BuildState
    ) -> Iterator[tuple[str, str | bytes]]:
        yield from redirect_files(pub)
        if pub.site is None:
            return
        yield from self.feed_files
        if self.config.robots and files.get_file_from_path("robots.txt") is None:
            yield "robots.txt", exports.robots_txt(pub.site.url)

    def _feeds(
        self, pub: Publication, site: feeds.Site, files: Files, state: BuildState
    ) -> tuple[dict[str, feeds.FeedGroup], list[tuple[str, bytes]]]:
        """The feeds (page URL → its group, the Atom files): from the page cache when no
        notice, reference file, index page or option changed — grouping every notice and
        writing ~700 feeds was a twelfth of a warm build at 2,000 notices. A group read
        back has no items: the pages only name its feed (``alternates``, ``feed_of``)."""
        pages = _page_urls(files)
        key = _feeds_key(pub, site, pages, state, dict(self.config.items()))
        cache = state.page_cache
        found = cache.load(key) if cache is not None and key is not None else None
        if _feeds_kept(found):
            named, texts = found
            return {url: feeds.FeedGroup(url, title) for url, title in named}, texts
        groups = worth_a_feed(feed_groups(pub.notices, state.archive, pages),
                              self.config.policy_feed_min)
        # As bytes: the files' content and what is kept are then one copy (as_bytes).
        texts = [(g.path, feeds.render_feed(g, site, self.config.feed_size if g.page_url
                                            else self.config.archive_feed_size).encode())
                 for g in groups.values()]
        if cache is not None and key is not None:
            cache.keep(key, ([(url, g.title) for url, g in groups.items()], texts))
        return groups, texts

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        if not self.config.enabled:
            return None
        if self.config.not_found_page and not _theme_has(config, "404.html"):
            loader = jinja2.FileSystemLoader(TEMPLATES)
            env.loader = jinja2.ChoiceLoader([loader, env.loader]) if env.loader else loader
        env.globals.update(
            thongbao_citation=self.citation, thongbao_feed=self.feed,
            thongbao_feeds=self.feeds,
        )
        return env

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        pub = self.publication
        if not self.config.enabled or pub is None:
            return None
        alternates = pub.alternates(page.url)
        if not _has_feed_links(output):  # a theme without overrides/main.html's extrahead
            output = add_feed_links(output, page.url, alternates)
        return add_visible_feed_link(output, page.url, alternates)

    def page_key_part(self, page: Page) -> bytes:
        """What this plugin puts into a page (feed links in ``<head>`` and under the title,
        a notice's citation), for the page cache's key."""
        return json.dumps([self.feeds(page), self.feed(page), self.citation(page)],
                          ensure_ascii=False).encode()

    # ------------------------------------------------------------------ template functions

    def citation(self, page: Page | None) -> str | None:
        """The ready citation of a notice page, ending at "truy cập ngày": the page adds the
        reader's date (a build date would make two builds differ); None elsewhere."""
        pub = self.publication
        notice = pub.by_url.get(page.url) if pub and page else None
        if pub is None or notice is None:
            return None
        base = pub.site.url if pub.site else "/"
        return format_citation(notice.record, base + notice.url, None)

    def feeds(self, page: Page | None) -> list[tuple[str, str]]:
        """``(site path, title)`` of the feeds a page names in its ``<head>`` (main.html's
        ``extrahead``): the archive's, then the page's own; each listed once."""
        pub = self.publication
        return list(dict(pub.alternates(page.url)).items()) if pub and page else []

    def feed(self, page: Page | None) -> str | None:
        """Site path of a page's own feed (``tinh/bac-kan/atom.xml``), else None."""
        pub = self.publication
        return pub.feed_of(page.url) if pub and page else None


# ---------------------------------------------------------------------------------------------
# Planning (the rest is thongbao.publication)


def _exports(
    config: MkDocsConfig, pub: Publication, site: feeds.Site, state: BuildState
) -> list[File]:
    """The exports: from the page cache when no notice changed (zipping every record took a
    tenth of a 10,000-notice build whose notices all came from the extraction cache), else
    made beside the pages (beside.py)."""
    pages = [(p.url, state.keys.get(p.src)) for p in pub.notices]
    key = (files_key("notices", pages, code_version(), site.url, site.name)
           if state.page_cache is not None else None)
    schema = File.generated(config, exports.SCHEMA_NAME,
                            content=exports.schema_json(site.url).encode())
    assert state.beside is not None
    return [*state.beside.files(
        config, "notices", key, NOTICE_ZIPS,
        lambda: export_job("notices", exports.newest_first(pub.notices), site.url, site.name,
                           rows=state.beside.rows, keys=state.keys),
        lambda: notice_export_zips(pub.notices, site)), schema]


def _feeds_key(
    pub: Publication, site: feeds.Site, pages: set[str], state: BuildState,
    options: dict[str, object],
) -> str | None:
    """What the feeds are made from: every notice (URL and extraction key, which covers its
    record and the reference data), the reference data (page names), which index pages
    exist, the site's address, name and rights, the build step's code and this plugin's
    options. None (made every time) when a notice has no extraction key."""
    rows = ((p.url, state.keys.get(p.src)) for p in pub.notices)
    return files_key("feeds", rows, code_version(), plugin_code_version(),
                     state.reference.digest, site.url, site.name, site.rights or "",
                     json.dumps(options, sort_keys=True, default=str),
                     "\0".join(sorted(pages)))


def _feeds_kept(found: object) -> bool:
    return (isinstance(found, tuple) and len(found) == 2
            and all(isinstance(x, list) for x in found))


def _site(config: MkDocsConfig) -> feeds.Site | None:
    if not config.site_url:
        return None
    url = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
    return feeds.Site(url=url, name=config.site_name, rights=RIGHTS)


def _page_urls(files: Files) -> set[str]:
    return {f.url for f in files.documentation_pages()}


# ---------------------------------------------------------------------------------------------
# HTML


def _has_feed_links(output: str) -> bool:
    head = output.split("</head>", 1)[0]
    return 'type="application/atom+xml"' in head


def add_feed_links(output: str, page_url: str, alternates: list[tuple[str, str]]) -> str:
    """``<link rel=alternate>`` in ``<head>`` for each ``(feed path, title)``, for a theme
    whose ``extrahead`` does not print them (overrides/main.html does)."""
    wanted = dict(alternates)  # the home page's own feed is the archive's: listed once
    if not wanted:
        return output
    links = "".join(
        f'<link rel="alternate" type="application/atom+xml" title="{html.escape(title)}" '
        f'href="{get_relative_url(path, page_url)}">\n'
        for path, title in wanted.items()
    )
    return output.replace("</head>", links + "</head>", 1)


def add_visible_feed_link(output: str, page_url: str, alternates: list[tuple[str, str]]) -> str:
    """A visible link to the page's own feed under its heading, unless the template already
    shows one (an element of class ``tb-feed``)."""
    own = alternates[-1][0] if len(alternates) > 1 else None
    if own and f'class="{FEED_LINK_CLASS}"' not in output:
        output = _after_heading(output, _visible_link(get_relative_url(own, page_url)))
    return output


def _visible_link(href: str) -> str:
    return (f'<p class="{FEED_LINK_CLASS}"><a href="{href}" type="application/atom+xml">'
            f"{FEED_LABEL}</a></p>")


def _after_heading(output: str, snippet: str) -> str:
    article = _ARTICLE.search(output)
    if article is None:
        return output
    end = output.find("</h1>", article.end())
    at = end + len("</h1>") if end != -1 else article.end()
    return output[:at] + snippet + output[at:]


def _theme_has(config: MkDocsConfig, name: str) -> bool:
    custom = config.theme.custom_dir
    return custom is not None and Path(custom, name).is_file()
