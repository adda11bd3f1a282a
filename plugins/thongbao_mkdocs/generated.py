"""Generated pages handed to MkDocs ready-made: notices and index pages as ``PrerenderedPage``s.

A notice's HTML comes from the build step (``thongbao.bodyhtml``, cached with its record); only
its link slots are filled here, from the archive and MkDocs' files. An index page's view
(``thongbao.listing``) is rendered by ``overrides/partials/thongbao/listing.html`` with
autoescape on. Links are relative to the page's own URL, found among MkDocs' files, so the site
works under any prefix and with either ``use_directory_urls``.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import jinja2
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from thongbao.archive import Archive, Entry
from thongbao.bodyhtml import BodyHtml, notice_body_html, place_links
from thongbao.citations import Vocabulary
from thongbao.listing import IndexPage, Link
from thongbao.noticeview import slot_path
from thongbao.pipeline import NoticePage
from thongbao.urls import relative_url, relativizer, url_of

from .indexviews import Listing, Views, links_digest
from .prerendered import PrerenderedPage

log = get_plugin_logger(__name__)

NOTICE_TEMPLATE = "notice.html"
LISTING_TEMPLATE = "partials/thongbao/listing.html"


def notice_page(
    file: File, config: MkDocsConfig, entry: Entry, archive: Archive, vocab: Vocabulary,
    local_min: int, extraction_key: str | None = None,
) -> PrerenderedPage:
    def made(page: NoticePage) -> BodyHtml:  # a page made without the build step has none
        return page.html or notice_body_html(page.body, entry.record, archive.ref, vocab)

    # Its headings, task anchors and link slots; the HTML itself is read back from the
    # extraction cache when the build let it go (NoticePage.released), as it is rendered.
    body = entry.page.html or made(entry.page.loaded())

    def body_html() -> str:
        return body.html if entry.page.stored is None else made(entry.page.loaded()).html

    def target(kind: str, name: str, files: Files) -> File | None:
        path = slot_path(archive, entry.record, kind, name, local_min)
        return files.src_uris.get(path) if path else None

    def render(page: Page, files: Files) -> str:
        relative = relativizer(page.url)
        hrefs: dict[tuple[str, str], str | None] = {}  # a body names the same body often

        def href(kind: str, name: str) -> str | None:
            if (kind, name) not in hrefs:
                found = target(kind, name, files)
                hrefs[kind, name] = relative(found.url) if found else None
            return hrefs[kind, name]

        return place_links(body_html(), href)

    def source(page: Page, files: Files) -> bytes:
        if extraction_key is None:  # a page made without the build step: its placed body
            return render(page, files).encode()
        # The body is the extraction key's (its text, the reference data, the build step's
        # code); a page adds where its links go: the page each slot names, if any (the
        # page's URL, in the key, makes that a relative link).
        parts = [extraction_key]
        for kind, name in body.slots:
            found = target(kind, name, files)
            parts.append(f"{kind}:{name}\0{found.url if found else ''}")
        return "\0\0".join(parts).encode()

    return PrerenderedPage(file, config, notice_meta(entry), render, body.headings,
                           source=source)


def listing_page(
    file: File, config: MkDocsConfig, listing: Listing, views: Views, template: jinja2.Template,
    nav_label: str | None,
) -> PrerenderedPage:
    def render(page: Page, files: Files) -> str:
        return render_listing(template, views.pop(listing.path), page, files)

    def source(page: Page, files: Files) -> bytes:
        # The view's digest, not its HTML (rendering it is what a cached page saves), and
        # where its links go among the site's pages.
        return listing.digest + links_digest(listing.links, files)

    return PrerenderedPage(file, config, {"title": html.escape(listing.title)}, render,
                           listing.headings, nav_label,
                           source=source if listing.digest else None)


def render_listing(template: jinja2.Template, view: IndexPage, page: Page, files: Files) -> str:
    href = _href_from(page, files)
    return template.render(blocks=view.blocks, href=href, link=link_from(href))


def nav_labels(nav: Any) -> dict[str, str]:
    """Docs path → label, of the pages mkdocs.yml's ``nav`` lists with a label: MkDocs gives
    a page it creates that label as its title; a page the plugin creates must get it too."""
    out: dict[str, str] = {}
    items = nav if isinstance(nav, list) else []
    for item in items:
        if isinstance(item, dict):
            for label, value in item.items():
                if isinstance(value, str):
                    out.setdefault(value, label)
                else:
                    out.update({k: v for k, v in nav_labels(value).items() if k not in out})
    return out


def listing_template(config: MkDocsConfig, table_chunk: int) -> jinja2.Template:
    """The listing fragment, from the theme's folders (``overrides/`` first) with autoescape
    on: MkDocs' own environment does not escape. ``table_chunk``: the rows of a table's chunk
    (``table_chunk`` of the plugin's options)."""
    env = config.theme.get_env().overlay(autoescape=True)
    return env.get_template(LISTING_TEMPLATE, globals={"table_chunk": max(table_chunk, 1)})


def link_from(href: Callable[[str], str]) -> Callable[[Link], Markup]:
    """The listing template's ``link(l)``: a ``Link`` as ``<a href>`` to its page (with its
    anchor), or its label alone when it has no page; every value escaped. A Python function,
    not a Jinja macro: index pages call it some 200 times a page (every row's province,
    agency and notice), and a macro call costs ten times as much (warm build profile,
    docs/scale.md)."""

    # A page's links are made once each: three in four links of an index page repeat one
    # already made there (a province, an agency, a notice with several tasks: 189,343 links,
    # 52,146 different ones, on 600 index pages of 10,000 notices).
    made: dict[Link, Markup] = {}

    def link(target: Link) -> Markup:
        html = made.get(target)
        if html is None:
            html = made[target] = _link_html(target, href)
        return html

    return link


def _link_html(target: Link, href: Callable[[str], str]) -> Markup:
    if not target.path:
        return escape(target.label)
    anchor = f"#{escape(target.anchor)}" if target.anchor else ""
    return Markup(f'<a href="{escape(href(target.path))}{anchor}">{escape(target.label)}</a>')


def _href_from(page: Page, files: Files) -> Callable[[str], str]:
    """Relative URL of a docs path from ``page``; a link to a page that is not in the site is
    a warning (``--strict`` fails), as MkDocs reports one in Markdown."""

    # Docs paths here are posix already: the files' own mapping, not get_file_from_path
    # (a PurePath per link), and the page's folder split once (relativizer).
    known = files.src_uris
    relative = relativizer(page.url)

    def href(path: str) -> str:
        target = known.get(path)
        if target is None:
            log.warning(f"{page.file.src_uri}: link to '{path}', which is not a page of the site")
            return relative_url(url_of(path), page.url)
        return relative(target.url)

    return href


def notice_meta(entry: Entry) -> dict[str, Any]:
    """Template, and the values Material prints into HTML without escaping them (``<title>``,
    ``<meta name=author>``, ``<meta name=description>``): the notice is untrusted text."""
    meta: dict[str, Any] = {"template": NOTICE_TEMPLATE, "title": html.escape(entry.title)}
    if entry.record.author:
        meta["author"] = html.escape(entry.record.author)
    if entry.record.summary:
        meta["description"] = html.escape(entry.record.summary)
    return meta


def as_bytes(content: str | bytes) -> bytes:
    """A generated file's content as MkDocs will write it: text as UTF-8 bytes, which hold
    Vietnamese text in half the memory of a ``str`` until the file is written."""
    return content.encode("utf-8") if isinstance(content, str) else content
