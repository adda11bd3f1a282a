"""A notice page: the view its metadata panel renders, and where its inline links go.

Plain Python (no MkDocs), tested as functions. URLs in the view
are site URLs without a leading slash (``tinh/bac-kan/``); the template makes them relative
with MkDocs' ``url`` filter. Text values are raw: the template escapes every one of them.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from urllib.parse import quote

from .archive import Archive, Entry
from .bodyhtml import AGENCY, POLICY
from .dates import short_date, vietnamese_date
from .indexpages import date_label, policy_has_page, province_words
from .record import Record
from .urls import agency_path, chair_path, policy_path, province_path, topic_path, url_of

# Suffixes a browser would render or MkDocs would build as a page: an original with one of
# them is published with ".txt" appended, so an untrusted HTML notice never runs on our site.
ACTIVE_SUFFIXES = (".md", ".markdown", ".html", ".htm", ".xhtml", ".svg")
TASK_CHARS = 160
# The panel's cut of a task: its whole sentence is one click away (the block's anchor), so a
# few words are enough to tell the tasks apart; the panel stays light (docs/phone.md).
GIST_CHARS = 56
# How a task names the body it goes to before saying what to do: "Giao Sở Y tế chủ trì …".
TASK_LEADS = ("giao ", "yêu cầu ", "đề nghị ")
# What pages are rendered with in place of the repository's address (``.invalid`` is reserved
# by RFC 2606: never a real host). The Pages workflow names the commit in that address, so
# pages holding it would differ in every deploy and none could come from the page cache.
STAND_IN_REPOSITORY = "https://originals.invalid/"
# An address every step writes as it is: HTML escaping changes none of these characters, and
# minify-html leaves an attribute holding only them unquoted, as it does the stand-in.
_VERBATIM_ADDRESS = re.compile(r"https?://[A-Za-z0-9._~:/%@+-]+")


@dataclass(frozen=True)
class Link:
    label: str
    url: str | None = None  # None: no page to link to (shown as text)
    note: str | None = None  # e.g. the issuer of a policy, the role of a chair


@dataclass(frozen=True)
class DeadlineView:
    date: str  # short: "15/09/2021", "tháng 09/2021"
    iso: str  # YYYY-MM-DD or YYYY-MM, for <time datetime>
    agency: Link | None
    task: str  # the gist: the task's start, without the body it names first
    anchor: str | None  # id of the block of the text holding the whole task


@dataclass(frozen=True)
class SourceView:
    download: str | None  # site URL of the published original
    filename: str
    url: str | None  # where the notice was found (portal), from the sidecar
    sha256: str
    encoding: str | None


@dataclass(frozen=True)
class NoticeView:
    doc_type: str | None
    doc_number: str | None
    date: str
    meeting_date: str | None
    province: Link | None
    province_now: Link | None  # only when another unit holds the territory today
    chair: Link | None
    signer: Link | None
    author: str | None
    topics: tuple[Link, ...]  # the main topics (all, when none is main)
    topics_other: tuple[Link, ...]
    agencies: tuple[Link, ...]
    policies: tuple[Link, ...]
    deadlines: tuple[DeadlineView, ...]
    source: SourceView
    corrected: frozenset[str]


def original_path(entry: Entry, folder: str) -> str:
    """Where the original file is published: ``tep-goc/bac-kan/2021/<name>.txt``."""
    suffix = posixpath.splitext(entry.page.src)[1].lower()
    stem = entry.page.url.rstrip("/").removeprefix("van-ban/")
    published = suffix + ".txt" if suffix in ACTIVE_SUFFIXES else suffix
    return f"{folder}/{stem}{published}"


@dataclass(frozen=True)
class Originals:
    """Where a notice's original file is offered: a copy in the site under ``folder``
    (``tep-goc/…``) or, when ``repository`` is set, a link to the file in the repository that
    holds ``content/`` (``https://github.com/<owner>/<repo>/blob/<commit>/`` followed by the
    file's path there). The repository already publishes every original as received; a second
    copy in the site costs as many bytes as the notice pages' text (docs/scale.md, "Bytes per
    notice")."""

    folder: str | None = "tep-goc"
    repository: str | None = None
    content_path: str = "content"  # the content folder's path inside the repository

    @property
    def copied_to(self) -> str | None:
        """The site folder that holds copies of the originals, or None (linked, or none)."""
        return None if self.repository else self.folder

    def href(self, entry: Entry) -> str | None:
        """The original's address: absolute in the repository, else a site path."""
        if self.repository:
            path = posixpath.join(self.content_path, entry.page.src)
            return self.repository.rstrip("/") + "/" + quote(path.removeprefix("./"))
        return original_path(entry, self.folder) if self.folder else None

    def stand_in(self) -> tuple[Originals, AddressSwap] | None:
        """These originals with the repository's address replaced by
        :data:`STAND_IN_REPOSITORY`, and the swap that writes the real address into a
        finished page; None when nothing is linked or the address is not written verbatim."""
        if not self.repository:
            return None
        real = self.repository.rstrip("/") + "/"
        if not _VERBATIM_ADDRESS.fullmatch(real):
            return None
        return replace(self, repository=STAND_IN_REPOSITORY), AddressSwap(real)


@dataclass(frozen=True)
class AddressSwap:
    """Writes the repository's real address where a page rendered with the stand-in holds it.
    Only an attribute's value that starts with the stand-in is swapped (``href=…`` as
    minified, ``href="…"`` before). A notice's text would have to write ``=`` right before
    the stand-in to be swapped too, and would then show the repository's own address."""

    real: str
    stand_in: str = STAND_IN_REPOSITORY

    def __call__(self, html: str) -> str:
        if self.stand_in not in html:
            return html
        for quote_mark in ("", '"', "'"):
            html = html.replace(f"={quote_mark}{self.stand_in}", f"={quote_mark}{self.real}")
        return html


@dataclass(frozen=True)
class PanelLinks:
    """What a notice's panel takes from the rest of the archive: which pages exist for its
    province, chair, topics, agencies and cited documents, and what they are called. The rest
    of the panel is the notice's own (record and task anchors, which its extraction key
    stands for) or the build's (the originals), so the page cache keys a notice's panel by
    these links and its extraction key instead of building the whole view: at 10,000
    notices the views made only for their digest were an eighth of a build after one
    changed notice (docs/scale.md, "The panel's key")."""

    province: Link | None
    province_now: Link | None  # only when another unit holds the territory today
    chair: Link | None
    topics: tuple[Link, ...]
    topics_other: tuple[Link, ...]
    agencies: tuple[Link, ...]  # in the order of ``record.agencies``
    task_agencies: tuple[Link | None, ...]  # in the order of ``record.deadlines``
    policies: tuple[Link, ...]


def panel_links(entry: Entry, archive: Archive, local_policy_min: int = 2) -> PanelLinks:
    record = entry.record
    names = {a.id: a.name for a in record.agencies}
    return PanelLinks(
        province=_province(archive, record.province_id, record.province),
        province_now=_successor(archive, record.province_id),
        chair=_chair(archive, entry),
        topics=_topics(archive, record.topics_main or record.topics),
        topics_other=_topics(archive, [t for t in record.topics if t not in record.topics_main]
                             if record.topics_main else []),
        agencies=tuple(_agency(archive, a.id, a.name, record.province_id)
                       for a in record.agencies),
        task_agencies=tuple(
            _agency(archive, d.agency, names.get(d.agency, d.agency), record.province_id)
            if d.agency else None for d in record.deadlines),
        policies=_policies(archive, entry, local_policy_min),
    )


def notice_view(
    entry: Entry, archive: Archive, originals: Originals | None, local_min: int = 2
) -> NoticeView:
    return panel_view(entry, panel_links(entry, archive, local_min), originals)


def panel_view(entry: Entry, links: PanelLinks, originals: Originals | None) -> NoticeView:
    """The panel from the notice itself, its links and the originals: no archive here, so
    nothing else can change it (what the page cache's key relies on)."""
    record = entry.record
    return NoticeView(
        doc_type=record.doc_type,
        doc_number=record.doc_number,
        date=date_label(entry),
        meeting_date=vietnamese_date(record.meeting_date) or None,
        province=links.province,
        province_now=links.province_now,
        chair=links.chair,
        signer=Link(record.signer, note=record.signer_capacity) if record.signer else None,
        author=record.author,
        topics=links.topics,
        topics_other=links.topics_other,
        agencies=links.agencies,
        policies=links.policies,
        deadlines=_deadlines(entry, links.task_agencies),
        source=_source(entry, originals),
        corrected=frozenset(record.corrected),
    )


def _deadlines(entry: Entry, agencies: Sequence[Link | None]) -> tuple[DeadlineView, ...]:
    """The notice's tasks by due date (a month-only date after the days of its month), each
    with its gist and the anchor of its sentence in the text."""
    record = entry.record
    names = {a.id: a.name for a in record.agencies}
    anchors = entry.page.html.tasks if entry.page.html else ()
    views = []
    for i, (d, agency) in enumerate(zip(record.deadlines, agencies, strict=True)):
        spellings = (names.get(d.agency or ""), agency.label if agency else None)
        views.append(DeadlineView(
            short_date(d.date), d.date, agency, task_gist(d.task, spellings),
            anchors[i] if i < len(anchors) else None,
        ))
    return tuple(sorted(views, key=lambda v: deadline_key(v.iso)))


def deadline_key(date: str) -> str:
    """Calendar order of ``YYYY-MM-DD`` and ``YYYY-MM`` (by the end of that month)."""
    return date if len(date) > 7 else date + "-32"


def task_gist(task: str, agency_names: tuple[str | None, ...] = ()) -> str:
    """The start of a task as the panel lists it beside its body: ``Giao Sở Y tế chủ trì, …``
    → ``chủ trì, …`` when the body is named first (the panel names it), cut at a word."""
    text = " ".join(task.split())
    low = text.lower()
    lead = next((len(w) for w in TASK_LEADS if low.startswith(w)), 0)
    for name in filter(None, agency_names):
        if low.startswith(name.lower(), lead):
            rest = text[lead + len(name):].lstrip(" ,:")
            text = rest or text
            break
    return shorten(text, GIST_CHARS)


def _topics(archive: Archive, ids: Sequence[str]) -> tuple[Link, ...]:
    return tuple(Link(archive.topics[t].name, url_of(topic_path(t)))
                 for t in ids if t in archive.topics)


def _source(entry: Entry, originals: Originals | None) -> SourceView:
    source = entry.record.source
    return SourceView(
        download=originals.href(entry) if originals else None,
        filename=posixpath.basename(source.file or entry.page.src),
        url=source.url if is_web_address(source.url) else None,
        sha256=source.sha256,
        encoding=source.encoding,
    )


def is_web_address(url: str | None) -> bool:
    # Only a web address becomes a link (a sidecar could hold "javascript:…").
    return bool(url) and str(url).lower().startswith(("https://", "http://"))


def _province(archive: Archive, province_id: str | None, name: str | None) -> Link | None:
    index = archive.provinces.get(province_id or "")
    if index is None:
        return Link(name) if name else None
    return Link(name or index.province.name, url_of(province_path(index.id)))


def _successor(archive: Archive, province_id: str | None) -> Link | None:
    index = archive.provinces.get(province_id or "")
    if index is None or index.successor is None:
        return None
    successor = archive.provinces[index.successor.id]
    url = url_of(province_path(successor.id)) if successor.has_page else None
    return Link(province_words(successor.province), url)


def _chair(archive: Archive, entry: Entry) -> Link | None:
    record = entry.record
    chair_id = archive.chair_page(record)
    if not record.chair or chair_id is None:
        return None
    index = archive.provinces.get(record.province_id or "")
    unit = index.province.kind_on(None) if index else "tỉnh"
    role = f"{record.chair_role} UBND {unit}" if record.chair_role else None
    return Link(record.chair, url_of(chair_path(chair_id)), role)


def _agency(archive: Archive, agency_id: str, name: str, province_id: str | None) -> Link:
    page_id = archive.agency_page(agency_id, province_id)
    index = archive.agencies.get(page_id)
    if index is None:
        return Link(name)
    return Link(index.name, url_of(agency_path(page_id)))


def _policies(archive: Archive, entry: Entry, local_min: int) -> tuple[Link, ...]:
    out: dict[str, Link] = {}
    for policy in entry.record.policies:
        page_id = archive.policy_page(policy)
        if page_id in out:
            continue
        index = archive.policies.get(page_id)
        label = index.name if index else (policy.name or policy.symbol)
        issuer = index.issuer if index else policy.issuer
        url = url_of(policy_path(page_id)) if policy_has_page(archive, page_id, local_min) else None
        out[page_id] = Link(label, url, issuer)
    return tuple(out.values())


def shorten(task: str, limit: int = TASK_CHARS) -> str:
    """A task as the panel lists it: the full sentence is in the text just below, so the
    panel keeps its start (at a word boundary) and the page does not carry it twice."""
    task = " ".join(task.split())
    if len(task) <= limit:
        return task
    return task[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


# ---------------------------------------------------------------------------------------------
# Inline links in the text


def slot_path(
    archive: Archive, record: Record, kind: str, target: str, local_min: int = 2
) -> str | None:
    """Docs path of the page a link slot of ``record``'s body points to (bodyhtml), or None
    when the archive has no such page: links only ever go to pages that exist."""
    if kind == AGENCY:
        page_id = archive.agency_page(target, record.province_id)
        return agency_path(page_id) if page_id in archive.agencies else None
    if kind == POLICY:
        page_id = archive.policy_alias.get(target, target)
        return policy_path(page_id) if policy_has_page(archive, page_id, local_min) else None
    return None
