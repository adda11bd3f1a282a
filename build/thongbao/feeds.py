"""Atom feeds (RFC 4287) of the archive: the whole archive and one per index page.

Pure: notices (record + site-relative URL) in, XML text out. Deterministic: entries are ordered
newest first with ties broken by id, and a feed's ``updated`` is its newest entry's date, never
the time of the build, so the same content gives byte-identical feeds.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from . import notice
from .citation import issuer_name
from .dates import vietnamese_date
from .record import Policy, Record

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_NAME = "atom.xml"
# Notices carry calendar dates of Vietnam (UTC+7); Atom wants a full timestamp.
TIMEZONE = "+07:00"
NO_DATE = "1970-01-01T00:00:00Z"  # ``updated`` of a feed none of whose notices is dated
# XML 1.0 forbids most C0 controls; text pasted from PDFs carries form feeds and the like.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_YEAR_SEGMENT = re.compile(r"(?:^|/)((?:19|20)\d\d)(?:/|$)")


@dataclass(frozen=True)
class Item:
    """One notice: its record and its page URL relative to the site root."""

    record: Record
    url: str


@dataclass
class FeedGroup:
    """A feed: the page it belongs to (site-relative URL, ``""`` for home) and its notices."""

    page_url: str
    title: str
    items: list[Item] = field(default_factory=list)

    @property
    def path(self) -> str:
        """Site-relative path of the feed file, beside its page: ``tinh/bac-kan/atom.xml``."""
        return self.page_url + FEED_NAME


@dataclass(frozen=True)
class Site:
    url: str  # absolute, ends with "/"
    name: str
    rights: str | None = None


# A term of an index: (section, id) → the page id it is listed under (identity by default).
PageIdFn = Callable[[str, str, Record], str]


def _same_id(section: str, term_id: str, record: Record) -> str:
    return term_id


# ---------------------------------------------------------------------------------------------
# Grouping


def memberships(record: Record, page_id: PageIdFn = _same_id) -> Iterator[tuple[str, str, str]]:
    """The index pages a notice is listed on: ``(section, page id, label)``.

    Sections and URLs follow the site's scheme: ``tinh/<id>/``, ``co-quan/<id>/``,
    ``chu-de/<slug>/``, ``chinh-sach/<id>/``. ``page_id`` maps a term to the page that lists it
    when the site merges terms (a yearless policy folded into its dated twin)."""
    if record.province_id:
        yield "tinh", page_id("tinh", record.province_id, record), record.province or ""
    for agency in dict.fromkeys(record.agencies):
        yield "co-quan", page_id("co-quan", agency.id, record), agency.name
    for topic in dict.fromkeys(record.topics):
        yield "chu-de", page_id("chu-de", topic, record), topic
    for policy in record.policies:
        yield "chinh-sach", page_id("chinh-sach", policy.id, record), policy_label(policy)


def policy_label(policy: Policy) -> str:
    return policy.name or policy.symbol


def group_items(
    items: Iterable[Item],
    page_id: PageIdFn = _same_id,
    labels: Mapping[str, str] | None = None,
) -> dict[str, FeedGroup]:
    """Feed groups by page URL (``tinh/bac-kan/``), each listing its notices once.

    ``labels`` names a page by its URL (topic names from the reference, say); otherwise the
    label a notice gives is used (the newest notice's, as items are expected newest first)."""
    groups: dict[str, FeedGroup] = {}
    for item in items:
        for section, term, label in memberships(item.record, page_id):
            url = f"{section}/{term}/"
            group = groups.get(url)
            if group is None:
                name = (labels or {}).get(url) or label or term
                group = groups[url] = FeedGroup(url, group_title(section, name))
            if not group.items or group.items[-1] is not item:
                group.items.append(item)
    return dict(sorted(groups.items()))


def group_title(section: str, name: str) -> str:
    """``Văn bản của UBND tỉnh Bắc Kạn``, ``Văn bản giao nhiệm vụ cho Sở Y tế`` …"""
    if section == "tinh":
        return f"Văn bản của {issuer_name(name) or name}"
    prefixes = {
        "co-quan": "Văn bản giao nhiệm vụ cho",
        "chu-de": "Văn bản theo chủ đề:",
        "chinh-sach": "Văn bản dẫn chiếu",
    }
    return f"{prefixes.get(section, 'Văn bản:')} {name}"


def newest_first(items: Iterable[Item]) -> list[Item]:
    return notice.newest_first(items, entry_date, lambda i: (i.record.id, i.url))


# ---------------------------------------------------------------------------------------------
# Dates


def entry_date(item: Item) -> str | None:
    """The date a notice is filed under: issue date, else meeting date, else the year folder
    of its URL (``van-ban/cao-bang/2021/…``); None when nothing dates it."""
    value = item.record.date or item.record.meeting_date
    if value:
        return value
    match = _YEAR_SEGMENT.search(item.url)
    return match.group(1) if match else None


def timestamp(value: str) -> str:
    """``2021-10-11`` / ``2021-10`` / ``2021`` → RFC 3339 at midnight, Vietnam time."""
    parts = value.split("-")
    parts += ["01"] * (3 - len(parts))
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00{TIMEZONE}"


# ---------------------------------------------------------------------------------------------
# Rendering


def render_feed(group: FeedGroup, site: Site, limit: int = 50) -> str:
    """The Atom document of ``group``: its ``limit`` newest notices."""
    items = [i for i in newest_first(group.items) if entry_date(i)][:limit]
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": "vi"})
    _text(root, "id", site.url + group.page_url)
    _text(root, "title", f"{group.title} — {site.name}" if group.page_url else site.name)
    _text(root, "updated", timestamp(entry_date(items[0]) or "") if items else NO_DATE)
    _link(root, "self", site.url + group.path, "application/atom+xml")
    _link(root, "alternate", site.url + group.page_url, "text/html")
    _text(ET.SubElement(root, "author"), "name", site.name)
    if site.rights:
        _text(root, "rights", site.rights)
    for item in items:
        _entry(root, item, site)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _entry(root: ET.Element, item: Item, site: Site) -> None:
    # Lean on purpose: the archive has ~36 feed memberships per notice (province, agencies,
    # topics, policies), so every byte of an entry is paid dozens of times in the site's size.
    record = item.record
    url = site.url + item.url
    when = timestamp(entry_date(item) or "")
    entry = ET.SubElement(root, "entry")
    _text(entry, "id", url)
    _text(entry, "title", entry_title(record))
    ET.SubElement(entry, "link", {"href": url})
    _text(entry, "updated", when)
    issuer = issuer_name(record.province)
    if issuer:
        _text(ET.SubElement(entry, "author"), "name", issuer)
    if record.province_id:
        attrs = {"term": record.province_id, "label": xml_safe(record.province or "")}
        ET.SubElement(entry, "category", attrs)
    _text(entry, "summary", entry_summary(record))


def entry_title(record: Record) -> str:
    fallback = " ".join(p for p in (record.doc_type, record.doc_number) if p)
    return record.title or fallback or record.id


def entry_summary(record: Record) -> str:
    """``Thông báo số 3413/UBND-TH · ngày 11 tháng 10 năm 2021 · Bắc Kạn — <summary>``."""
    kind = record.doc_type or "Văn bản"
    if record.doc_number:
        kind += f" số {record.doc_number}"
    day = record.date or record.meeting_date
    facts = [kind, vietnamese_date(day) if day else None, _province(record)]
    head = " · ".join(f for f in facts if f)
    return f"{head} — {record.summary}" if record.summary else head


def _province(record: Record) -> str | None:
    if record.province and record.province_now and record.province_now != record.province:
        return f"{record.province} (nay thuộc {record.province_now})"
    return record.province


def _text(
    parent: ET.Element, tag: str, value: str, attrs: dict[str, str] | None = None
) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs or {})
    element.text = xml_safe(value)
    return element


def _link(parent: ET.Element, rel: str, href: str, kind: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "type": kind, "href": href})


def xml_safe(value: str) -> str:
    return _INVALID_XML.sub("", value)
