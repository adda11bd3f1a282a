"""The index pages of a build, made only when a page needs its view.

Making the views of every index page was a third of a warm build at 10,000 notices
(docs/scale.md, "Page cache"), and a warm build renders almost none of them: the page cache
holds their HTML. What MkDocs needs of an index page before it is rendered — its path,
title, headings, whether the nav lists it — and the digest of its view (the page cache key's
part for its HTML) are a :class:`Listing`; the listings of a build are kept in the page cache
under a key of everything the views are made from (:func:`archive_key`), with the views of
the pages the nav lists (always rendered). A build whose key is unchanged takes them from
there and makes no view unless a page needs one (an entry gone, a page the nav lists
unexpectedly): then that page's unit is made, once.

When the archive changed (a notice added or edited: the usual deploy), the pages are made by
units (``indexpages.Unit``: one agency's, one cited document's …), each kept under a key of
what it is made from — its notices as place and extraction key, a few values, and the
archive's shape (``Site.shape``: which pages its pages link) — (:class:`UnitKeys`): only the
units the change reaches are made again (:func:`listings_by_unit`).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from mkdocs.structure.files import Files
from thongbao.bodyhtml import Heading
from thongbao.indexpages import Unit
from thongbao.listing import Heading as ListingHeading
from thongbao.listing import IndexPage, Link
from thongbao.notice import Notice
from thongbao.pipeline import NoticePage, code_version

from .pagecache import PageCache, fields_reduce, files_key, plugin_code_version, view_bytes

# Bumped when what is kept under an archive key changes shape.
_FORMAT = "index-views-4"


@dataclass(frozen=True)
class Listing:
    """An index page as MkDocs needs it before rendering it."""

    path: str
    title: str
    in_nav: bool
    headings: tuple[Heading, ...]
    digest: bytes  # sha256 of the view (view_bytes); b"" when no page cache keeps it
    # The docs paths the view links to, each once: its HTML depends on the site's pages
    # only through where these go (the plugin adds that to the page's key).
    links: tuple[str, ...] = ()
    unit: str = ""  # the name of the unit that makes it (indexpages.Unit)


def listing_of(view: IndexPage, unit: str, with_digest: bool) -> Listing:
    headings = tuple(Heading(b.level, b.id, b.text) for b in view.blocks
                     if isinstance(b, ListingHeading))
    if not with_digest:
        return Listing(view.path, view.title, view.in_nav, headings, b"", unit=unit)
    links: dict[str, None] = {}
    data = view_bytes(view, _LinksTable(links))
    return Listing(view.path, view.title, view.in_nav, headings,
                   hashlib.sha256(data).digest(), tuple(links), unit)


class _LinksTable(dict[type, Any]):
    """view_bytes' reductions, noting the path of every ``Link`` on the way: the one walk
    of the view finds both its bytes and where it links (every ``href`` the listing template
    asks for is a Link's path)."""

    def __init__(self, paths: dict[str, None]) -> None:
        super().__init__()
        self.paths = paths

    def __missing__(self, cls: type) -> Any:
        reduce = fields_reduce(cls)
        if cls is not Link:
            self[cls] = reduce
            return reduce
        paths = self.paths

        def noted(link: Link) -> Any:
            if link.path:
                # Interned: the same path is a new string in every view (483,000 links, 16,000
                # paths at 10,000 notices), and the listings outlive the views.
                paths[sys.intern(link.path)] = None
            return reduce(link)

        self[cls] = noted
        return noted


class Views:
    """The views of a build's index pages, each handed out once (its page is rendered once,
    then let go: holding every view to the end of a build held the whole archive twice).
    A view not made yet is made with the other pages of its unit."""

    def __init__(self, units: Mapping[str, Unit], listings: Iterable[Listing],
                 known: Mapping[str, IndexPage]) -> None:
        self._units = units
        self._unit_of = {listing.path: listing.unit for listing in listings}
        self._known = dict(known)
        self._given: set[str] = set()
        self._made: set[str] = set()  # units

    def pop(self, path: str) -> IndexPage:
        unit = self._units[self._unit_of[path]]
        if path not in self._known and unit.name not in self._made:
            self._made.add(unit.name)
            for view in unit.make():
                if view.path not in self._given:
                    self._known.setdefault(view.path, view)
        view = self._known.pop(path, None)
        if view is None:  # handed out already (a page rendered twice): made again
            view = next(v for v in unit.make() if v.path == path)
        self._given.add(path)
        return view


@dataclass(frozen=True)
class KeptUnit:
    """What is kept of a unit under its key (:class:`UnitKeys`): its pages' listings and the
    views of those the nav lists (always rendered)."""

    listings: list[Listing]
    nav_views: dict[str, IndexPage]


def _settings(options: Mapping[str, Any]) -> str:
    """The plugin's options as keys hold them."""
    return json.dumps(dict(options), sort_keys=True, ensure_ascii=False, default=str)


def shape_digest(shape: object, reference_digest: str, options: Mapping[str, Any]) -> bytes:
    """A digest of what every unit reads (``Site.shape``), the code, the reference data and
    the plugin's options."""
    settings = _settings(options)
    digest = hashlib.sha256(f"{_FORMAT}\0{code_version()}\0{plugin_code_version()}\0"
                            f"{reference_digest}\0{settings}\0".encode())
    digest.update(view_bytes(shape))
    return digest.digest()


class UnitKeys:
    """The keys units are kept under (:meth:`of`). A notice stands for its place and
    extraction key — its record, body and tasks are made from what the key hashes — so a
    unit's key needs no walk of what its pages show: bytes made once a notice, joined."""

    def __init__(self, shape: bytes, keys: Mapping[str, str],
                 statuses: Callable[[Notice], str]) -> None:
        self._shape = shape
        self._keys = keys
        self._statuses = statuses
        self._notices: dict[str, bytes] = {}
        self._with_statuses: dict[str, bytes] = {}

    def of(self, unit: Unit) -> str | None:
        """None when the unit reads the whole archive, or a notice of it has no extraction
        key (made every build)."""
        if unit.notices is None:
            return None
        made = self._with_statuses if unit.statuses else self._notices
        parts = []
        for notice in unit.notices:
            data = made.get(notice.page.src)
            if data is None:
                data = self._bytes(notice, unit.statuses)
                if data is None:
                    return None
                made[notice.page.src] = data
            parts.append(data)
        digest = hashlib.sha256(self._shape + unit.name.encode() + b"\0")
        digest.update(view_bytes(unit.extra))
        digest.update(b"".join(parts))
        return digest.hexdigest()

    def _bytes(self, notice: Notice, statuses: bool) -> bytes | None:
        page = notice.page
        key = self._keys.get(page.src)
        if key is None:
            return None
        redirects = "\2".join(page.redirect_from)
        status = self._statuses(notice) if statuses else ""
        return f"{page.src}\0{page.path}\0{page.url}\0{redirects}\0{key}\0{status}\1".encode()


@dataclass
class ByUnit:
    """Every index page's listing, the views made (or kept for the nav), and the keys of
    the units kept apart."""

    listings: list[Listing]
    views: dict[str, IndexPage]
    unit_keys: list[str]


def listings_by_unit(units: Iterable[Unit], cache: PageCache | None,
                     keys: UnitKeys | None) -> ByUnit:
    """Each unit's listings from the page cache when its key is there, else made (and kept
    under its key)."""
    out = ByUnit([], {}, [])
    for unit in units:
        key = keys.of(unit) if keys is not None else None
        kept = cache.load(key) if cache is not None and key is not None else None
        if key is not None:
            out.unit_keys.append(key)
        if isinstance(kept, KeptUnit):
            out.listings += kept.listings
            out.views.update(kept.nav_views)
            continue
        views = unit.make()
        made = [listing_of(v, unit.name, with_digest=cache is not None) for v in views]
        out.listings += made
        out.views.update((v.path, v) for v in views)
        if cache is not None and key is not None:
            cache.keep(key, KeptUnit(made, {v.path: v for v in views if v.in_nav}))
    return out


def archive_key(
    pages: Iterable[NoticePage], keys: Mapping[str, str], reference_digest: str,
    options: Mapping[str, Any],
) -> str | None:
    """A key of everything the index pages' views are made from: every published notice (its
    place and extraction key, which covers its text, its sidecar, the reference data and the
    build step's code), the reference data, the code (the build step's and the plugins') and
    the plugin's options. None (made every time) when a notice has no extraction key."""
    rows = ((f"{p.src}\0{p.path}\0{p.url}\0{chr(1).join(p.redirect_from)}", keys.get(p.src))
            for p in pages)
    settings = _settings(options)
    return files_key(_FORMAT, rows, code_version(), plugin_code_version(), reference_digest,
                     settings)


@dataclass(frozen=True)
class Kept:
    """What is kept under an archive key: every index page's listing, the views of the
    pages the nav lists (always rendered) and the home page's generated sections (the
    home page is hand-written: always rendered; its sections read the archive whole)."""

    listings: list[Listing]
    nav_views: dict[str, IndexPage]
    home: dict[str, IndexPage]
    # The units' entries: still used while the archive is unchanged (the next change reads
    # them), though nothing loads them.
    unit_keys: tuple[str, ...] = ()


def load_kept(cache: PageCache | None, key: str | None) -> Kept | None:
    """What was kept under ``key``, or None. Its units' entries are marked used."""
    if cache is None or key is None:
        return None
    found = cache.load(key)
    if not isinstance(found, Kept):
        return None
    cache.used.update(found.unit_keys)
    return found


def keep(cache: PageCache | None, key: str | None, listings: list[Listing],
         views: Iterable[IndexPage], home: dict[str, IndexPage],
         unit_keys: Iterable[str] = ()) -> None:
    if cache is not None and key is not None:
        cache.keep(key, Kept(listings, {v.path: v for v in views if v.in_nav}, home,
                             tuple(unit_keys)))


def links_digest(links: Iterable[str], files: Files) -> bytes:
    """Where each of ``links`` (docs paths) goes among the site's pages, "" when nowhere."""
    known = files.src_uris
    digest = hashlib.sha256()
    for path in links:
        found = known.get(path)
        digest.update(f"{path}\0{found.url if found else ''}\0".encode())
    return digest.digest()
