"""What the open-data outputs publish, planned from the build alone (no MkDocs).

Feeds: the archive's and one per index page that exists (a cited document's only when cited
often enough), each a :class:`feeds.FeedGroup`; redirects from sidecar ``redirect_from``
entries; exports (JSON and CSV of every notice, zipped; the schema). The
``thongbao-opendata`` plugin asks for these and hands the files to MkDocs.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import exports, feeds
from .archive import Archive
from .pipeline import URL_PREFIX, NoticePage, Problem
from .record import Record

SITE_FEED_TITLE = "Văn bản mới của toàn bộ lưu trữ"
RIGHTS = f"Siêu dữ liệu: {exports.LICENCE}. Văn bản: văn bản hành chính của cơ quan nhà nước."
_SAFE_PATH = re.compile(r"^[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)*$")


@dataclass
class Publication:
    """What this plugin publishes in one build, computed once in ``on_files``."""

    site: feeds.Site | None  # None when site_url is unset: no feeds or exports then
    notices: list[NoticePage]
    groups: dict[str, feeds.FeedGroup] = field(default_factory=dict)  # page URL → its feed
    redirects: dict[str, str] = field(default_factory=dict)  # site file → target page URL
    by_url: dict[str, NoticePage] = field(init=False)

    def __post_init__(self) -> None:
        self.by_url = {p.url: p for p in self.notices}

    def feed_of(self, page_url: str) -> str | None:
        group = self.groups.get(page_url)
        return group.path if group else None

    def alternates(self, page_url: str) -> list[tuple[str, str]]:
        """``(feed path, title)`` a page links to: the archive's, then its own if it has one."""
        out = []
        for url, label in (("", SITE_FEED_TITLE), (page_url, None)):
            group = self.groups.get(url)
            if group is not None:
                out.append((group.path, label or group.title))
        return out


def feed_groups(
    notices: list[NoticePage], archive: Archive | None, pages: set[str]
) -> dict[str, feeds.FeedGroup]:
    """The archive's feed and one per index page that exists, keyed by page URL."""
    items = feeds.newest_first(feeds.Item(p.record, p.url) for p in notices)
    grouped = feeds.group_items(items, _page_id(archive), _labels(archive))
    out = {"": feeds.FeedGroup("", SITE_FEED_TITLE, items)}
    out.update({url: g for url, g in grouped.items() if url in pages})
    return out


def worth_a_feed(
    groups: dict[str, feeds.FeedGroup], policy_min: int
) -> dict[str, feeds.FeedGroup]:
    return {
        url: g for url, g in groups.items()
        if not url.startswith("chinh-sach/") or len(g.items) >= policy_min
    }


def _page_id(archive: Archive | None) -> feeds.PageIdFn:
    """Map a term to the page that lists it, as the site's index model does (a yearless
    policy folded into its dated twin; a body outside the reference, per province)."""
    if archive is None:
        return lambda section, term, record: term

    def page_id(section: str, term: str, record: Record) -> str:
        if section == "chinh-sach":
            return archive.policy_alias.get(term, term)
        if section == "co-quan":
            return archive.agency_page(term, record.province_id)
        return term

    return page_id


def _labels(archive: Archive | None) -> dict[str, str]:
    """Page names from the index model (reference names win over a notice's spelling)."""
    if archive is None:
        return {}
    out = {f"tinh/{pid}/": p.province.name for pid, p in archive.provinces.items()}
    out.update({f"co-quan/{aid}/": a.name for aid, a in archive.agencies.items()})
    out.update({f"chu-de/{tid}/": t.name for tid, t in archive.topics.items()})
    out.update({f"chinh-sach/{pid}/": p.name for pid, p in archive.policies.items()})
    return out


def redirect_source(value: str) -> str | None:
    """A sidecar ``redirect_from`` entry → the site file that redirects, or None if unsafe.

    Entries are written like ``permalink`` (under ``van-ban/``); a leading ``van-ban/`` is
    accepted too. ``old/path`` → ``van-ban/old/path/index.html``; ``x.html`` stays a file."""
    path = value.strip().strip("/")
    if not _SAFE_PATH.match(path) or any(part in (".", "..") for part in path.split("/")):
        return None
    if not path.startswith(URL_PREFIX + "/"):
        path = f"{URL_PREFIX}/{path}"
    return path if path.endswith(".html") else f"{path}/index.html"


def plan_redirects(
    notices: list[NoticePage], taken: set[str]
) -> tuple[dict[str, str], list[Problem]]:
    """Redirect file → the notice URL it sends to, and one problem per refused entry."""
    out: dict[str, str] = {}
    problems: list[Problem] = []
    for page in notices:
        for value in page.redirect_from:
            source = redirect_source(value)
            if source is None:
                problems.append(Problem(page.src, f"redirect_from {value!r}: not a safe site path"))
            elif source in taken:
                problems.append(Problem(page.src,
                                        f"redirect_from {value!r}: a page already lives there"))
            elif out.get(source, page.url) != page.url:
                problems.append(Problem(page.src,
                                        f"redirect_from {value!r}: claimed by another notice"))
            else:
                out[source] = page.url
    return dict(sorted(out.items())), problems


def redirect_files(pub: Publication) -> Iterator[tuple[str, str]]:
    base = pub.site.url if pub.site else "/"
    for source, target in pub.redirects.items():
        relative = posixpath.relpath(target, posixpath.dirname(source)) + "/"
        yield source, exports.redirect_html(relative, base + target)


def notice_export_zips(
    notices: Sequence[NoticePage], site: feeds.Site
) -> list[tuple[str, bytes]]:
    """The notices' bulk files (``notice_zips``), newest first whatever the order given."""
    ordered = exports.newest_first(notices)
    return notice_zips([(p.record, site.url + p.url) for p in ordered], site)


NOTICE_ZIPS = (exports.JSON_NAME + exports.ZIP_SUFFIX, exports.CSV_NAME + exports.ZIP_SUFFIX)


def notice_zips(
    notices: Sequence[tuple[Record, str]], site: feeds.Site
) -> list[tuple[str, bytes]]:
    """``notices.json.zip`` and ``notices.csv.zip`` of ``notices`` (record, absolute URL),
    newest first. Each record's dict is made when its line is written and dropped after: the
    full records held at once, with their whole text, its join and its UTF-8 copy, were 48 MB
    of the peak at 1,000 notices (docs/scale.md, "Bytes per notice")."""
    def rows() -> Iterator[dict[str, Any]]:
        for record, url in notices:
            yield exports.notice_data(record, url)

    return [
        exports.zipped(exports.JSON_NAME, exports.notices_json_chunks(
            rows(), len(notices), site.url, site.name)),
        exports.zipped(exports.CSV_NAME, exports.notices_csv_chunks(rows())),
    ]


def notice_row_zips(
    rows: Callable[[], Iterable[tuple[str, list[str]]]], count: int, site: feeds.Site
) -> list[tuple[str, bytes]]:
    """:func:`notice_zips` of ``count`` notices given as their JSON line and CSV cells
    (``exports.row_json``, ``exports.csv_row`` of ``exports.notice_data``): ``rows()`` gives
    them, newest first, once for each file (exportjob.py: a worker keeps them between
    builds)."""
    return [
        exports.zipped(exports.JSON_NAME, exports.notices_json_line_chunks(
            (line for line, _ in rows()), count, site.url, site.name)),
        exports.zipped(exports.CSV_NAME, exports.notices_csv_row_chunks(
            cells for _, cells in rows())),
    ]


