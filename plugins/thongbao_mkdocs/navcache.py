"""Material's primary navigation, rendered once per depth for the pages the nav does not list.

Nearly every page of the archive (notices, index pages) is outside the nav: for those no nav
item is active, so the sidebar's HTML depends only on the relative URLs of the nav's links
from the page. MkDocs writes the shortest relative URL (``../`` from ``tinh/x/`` to ``tinh/``),
so those depend on the page's depth (``base_url``) and on its first segments, as many as the
deepest nav link has: that pair is the key. Material renders the nav again for each page; at
1,000 notices that was a third of its template time. ``overrides/main.html`` asks this cache
first and hands it what it rendered. Pages the nav lists (their item is active) are never cached.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


class NavCache:
    def __init__(self, nav: Navigation) -> None:
        self._listed = {id(page) for page in nav.pages}
        self._depth = max((len(_segments(url)) for url in _urls(nav.items)), default=0)
        self._html: dict[tuple[str, tuple[str, ...]], str] = {}

    def _key(self, page: Page | None, base_url: str) -> tuple[str, tuple[str, ...]] | None:
        if page is None or id(page) in self._listed:
            return None
        return base_url, _segments(page.url)[: self._depth]

    def get(self, page: Page | None, base_url: str) -> str | None:
        key = self._key(page, base_url)
        return None if key is None else self._html.get(key)

    def keep(self, page: Page | None, base_url: str, html: str) -> str:
        key = self._key(page, base_url)
        if key is not None:
            self._html[key] = html
        return html


def _segments(url: str) -> tuple[str, ...]:
    return tuple(part for part in url.split("/") if part)


def _urls(items: Iterable[Any]) -> Iterator[str]:
    """Every URL the nav links to (pages and links, in sections at any depth)."""
    for item in items:
        url = getattr(item, "url", None)
        if isinstance(url, str):
            yield url
        yield from _urls(getattr(item, "children", None) or ())
