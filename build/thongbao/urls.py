"""Where every page of the site lives: docs paths, site URLs and relative links between them.

URL scheme (docs/site.md): notice ``van-ban/<province>/<year>/<file>/`` (the build step's),
province ``tinh/<id>/``, agency ``co-quan/<id>/``, policy ``chinh-sach/<id>/``, chair
``lanh-dao/<slug>/``, topic ``chu-de/<slug>/``, year ``nam/<yyyy>/``; a long list moves to one
sub-page per year (``tinh/<id>/<yyyy>/``), per month for a year page (``nam/<yyyy>/thang-<mm>/``),
per province for agency and policy pages (``co-quan/<id>/<province>/``).

A docs path (``tinh/bac-kan/index.md``) is what MkDocs knows a page by; a site URL
(``tinh/bac-kan/``, directory style, no leading slash) is where a reader finds it. Links between
pages are always relative (computed from the two URLs), so the site works under any prefix.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from functools import cache

HOME = "index.md"
UNKNOWN_YEAR = "chua-ro-nam"


@cache  # one string per page, shared by the thousands of links to it (memory)
def province_path(province_id: str) -> str:
    return f"tinh/{province_id}/index.md"


@cache  # one string per page, shared by the thousands of links to it (memory)
def agency_path(agency_id: str) -> str:
    return f"co-quan/{agency_id}/index.md"


@cache  # one string per page, shared by the thousands of links to it (memory)
def policy_path(policy_id: str) -> str:
    return f"chinh-sach/{policy_id}/index.md"


@cache  # one string per page, shared by the thousands of links to it (memory)
def chair_path(chair_id: str) -> str:
    return f"lanh-dao/{chair_id}/index.md"


@cache  # one string per page, shared by the thousands of links to it (memory)
def topic_path(slug: str) -> str:
    return f"chu-de/{slug}/index.md"


def year_path(year: int) -> str:
    return f"nam/{year}/index.md"


def url_of(path: str) -> str:
    """The site URL (directory style, no leading slash) of a docs path."""
    if path == HOME:
        return ""
    stem = path[: -len("index.md")] if path.endswith("/index.md") else path[:-3] + "/"
    return stem


def rel(from_path: str, to_path: str) -> str:
    """Relative link from one docs page to another, as MkDocs wants it (to the ``.md``)."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def relative_url(to_url: str, from_url: str) -> str:
    """``href`` from the page at ``from_url`` to ``to_url`` (both site URLs, no leading slash),
    as MkDocs' ``get_relative_url`` computes it: directory URLs keep their trailing slash."""
    base = posixpath.dirname(from_url) if not from_url.endswith("/") else from_url.rstrip("/")
    target = posixpath.relpath(to_url or ".", base or ".")
    if to_url.endswith("/") or to_url == "":
        target = "./" if target == "." else target + "/"
    return target


def relativizer(page_url: str) -> Callable[[str], str]:
    """``href(url)`` from the page at ``page_url`` to each site URL, byte for byte what MkDocs'
    ``get_relative_url(url, page_url)`` gives, with the page's folder split once: an index page
    links to dozens of pages, and ``posixpath.relpath`` normalises both paths on every call."""
    other = page_url
    if other != ".":
        head, tail = posixpath.split(other)
        other = head if "." in tail else other
    base = _url_parts(other)

    def href(url: str) -> str:
        target = _url_parts(url)
        if ".." in target or ".." in base:  # never in site URLs; MkDocs' own way then
            rel_url = posixpath.relpath("/" + url, "/" + other)
        else:
            common = 0
            for mine, theirs in zip(base, target, strict=False):
                if mine != theirs:
                    break
                common += 1
            rel_url = "/".join([".."] * (len(base) - common) + target[common:]) or "."
        return rel_url + "/" if url.endswith("/") else rel_url

    return href


def _url_parts(url: str) -> list[str]:
    return [part for part in url.split("/") if part and part != "."]
