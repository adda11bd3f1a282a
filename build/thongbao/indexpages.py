"""Markdown of every index page of the site, from the index model.

Plain Python (no MkDocs): each page is an :class:`IndexPage` with its path in the docs tree
and its Markdown. Links are written as relative links to the target's ``.md`` path, so MkDocs
resolves them for any deployment prefix and ``--strict`` reports one that points nowhere.
Everything a notice says (titles, names, tasks, quotes) is untrusted text and goes through
:func:`cell` or :func:`text`; labels are Vietnamese, dates ``ngày 11 tháng 10 năm 2021``.

URL scheme (README, "Trang web (site) — decisions"): notice ``van-ban/<province>/<year>/<file>/``
(the build step's), province ``tinh/<id>/``, agency ``co-quan/<id>/``, policy
``chinh-sach/<id>/``, chair ``lanh-dao/<slug>/``, topic ``chu-de/<slug>/``, year ``nam/<yyyy>/``;
a long list moves to one sub-page per year (``tinh/<id>/<yyyy>/``), per month for a year page
(``nam/<yyyy>/thang-<mm>/``), per province for agency and policy pages
(``co-quan/<id>/<province>/``).
"""

from __future__ import annotations

import datetime
import html
import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .archive import (
    AgencyIndex,
    Archive,
    ChairIndex,
    Citation,
    Entry,
    PolicyIndex,
    ProvinceIndex,
    Task,
    by_year,
)
from .dates import vietnamese_date
from .reference import Province
from .render import escape_text

LISTS: dict[str, tuple[str, str]] = {
    # key: (docs path, nav label)
    "provinces": ("tinh/index.md", "Tỉnh, thành phố"),
    "agencies": ("co-quan/index.md", "Cơ quan"),
    "policies": ("chinh-sach/index.md", "Văn bản dẫn chiếu"),
    "chairs": ("lanh-dao/index.md", "Lãnh đạo"),
    "topics": ("chu-de/index.md", "Chủ đề"),
    "years": ("nam/index.md", "Năm"),
}
HOME = "index.md"
MERGER_DATE = "2025-07-01"
MERGER_ACT = "Nghị quyết số 202/2025/QH15"
UNKNOWN_YEAR = "chua-ro-nam"


# ---------------------------------------------------------------------------------------------
# Paths


def province_path(province_id: str) -> str:
    return f"tinh/{province_id}/index.md"


def agency_path(agency_id: str) -> str:
    return f"co-quan/{agency_id}/index.md"


def policy_path(policy_id: str) -> str:
    return f"chinh-sach/{policy_id}/index.md"


def chair_path(chair_id: str) -> str:
    return f"lanh-dao/{chair_id}/index.md"


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


# ---------------------------------------------------------------------------------------------
# Text


_NEWLINES = re.compile(r"\s*\n\s*")


def text(value: str | None) -> str:
    """Untrusted text as inert Markdown on one line."""
    return escape_text(_NEWLINES.sub(" ", value or "").strip())


def cell(value: str | None) -> str:
    """Untrusted text inside a table cell (``|`` would end the cell)."""
    return text(value).replace("|", "\\|")


def number(n: int) -> str:
    """Vietnamese digit grouping: 2.000, 10.000."""
    return f"{n:,}".replace(",", ".")


def province_title(province: Province) -> str:
    """``Tỉnh Bắc Kạn``, ``Thành phố Hà Nội``: headings and the start of a sentence."""
    return f"{province.kind.capitalize()} {province.name}"


def province_words(province: Province) -> str:
    """``tỉnh Bắc Kạn`` inside a sentence."""
    return f"{province.kind} {province.name}"


def notice_label(entry: Entry) -> str:
    """``Công văn số 3413/UBND-TH`` or just the type."""
    record = entry.record
    kind = record.doc_type or "Văn bản"
    return f"{kind} số {record.doc_number}" if record.doc_number else kind


def date_label(entry: Entry) -> str:
    if entry.record.date:
        return vietnamese_date(entry.record.date)
    if entry.record.meeting_date:
        return f"không ghi ngày (họp {vietnamese_date(entry.record.meeting_date)})"
    return "không ghi ngày"


def year_label(year: int | None) -> str:
    return f"Năm {year}" if year is not None else "Chưa rõ năm"


def _year_slug(year: int | None) -> str:
    return str(year) if year is not None else UNKNOWN_YEAR


# ---------------------------------------------------------------------------------------------
# Pages


@dataclass(frozen=True)
class IndexPage:
    path: str
    markdown: str
    in_nav: bool = False


@dataclass
class _Page:
    """A page being written: collects lines and makes links relative to its own path."""

    path: str
    lines: list[str] = field(default_factory=list)

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def link(self, label: str, to_path: str) -> str:
        return f"[{label}]({rel(self.path, to_path)})"

    def done(self, in_nav: bool = False) -> IndexPage:
        return IndexPage(self.path, "\n".join(self.lines).rstrip() + "\n", in_nav)


def policy_has_page(archive: Archive, page_id: str, local_min: int = 2) -> bool:
    """Whether a cited document gets a page. A local document (a provincial Công văn, Kế
    hoạch …) cited by fewer than ``local_min`` notices does not: notices cite several such
    documents each, nearly all only once, and at one page per citation they would be most of
    the site (11,612 of 13,600 pages for 2,000 generated notices) while a page listing the one
    notice that cites a document tells nothing the notice does not."""
    policy = archive.policies.get(page_id)
    return policy is not None and (not policy.local or len(policy.citations) >= local_min)


@dataclass(frozen=True)
class Site:
    """What the page writers need besides the model: which pages exist, and the limits."""

    archive: Archive
    list_limit: int
    local_policy_min: int = 2

    def has_policy_page(self, page_id: str) -> bool:
        return policy_has_page(self.archive, page_id, self.local_policy_min)

    def province_link(self, page: _Page, province_id: str | None, name: str | None) -> str:
        label = cell(name or province_id or "—")
        index = self.archive.provinces.get(province_id or "")
        return page.link(label, province_path(index.id)) if index and index.has_page else label

    def agency_link(self, page: _Page, page_id: str, name: str) -> str:
        if page_id in self.archive.agencies:
            return page.link(cell(name), agency_path(page_id))
        return cell(name)


def index_pages(
    archive: Archive, list_limit: int = 200, local_policy_min: int = 2
) -> list[IndexPage]:
    """Every generated page except the notices themselves, in a stable order."""
    site = Site(archive, list_limit, local_policy_min)
    pages: list[IndexPage] = []
    pages += province_pages(site)
    for agency in archive.agencies.values():
        pages += agency_pages(site, agency)
    for policy in archive.policies.values():
        if site.has_policy_page(policy.id):
            pages += policy_pages(site, policy)
    for chair in archive.chairs.values():
        pages += chair_pages(site, chair)
    for topic in archive.topics.values():
        pages += _term_pages(site, topic_path(topic.id), f"Chủ đề: {topic.name}", topic.notices,
                             _topic_intro(topic.name, topic.notices))
    for year in archive.years.values():
        pages += year_pages(site, year.year, year.notices)
    pages += list_pages(site)
    return pages


# -- notice lists -----------------------------------------------------------------------------


def notice_table(site: Site, page: _Page, entries: Sequence[Entry]) -> None:
    page.add("| Ngày | Tỉnh, thành phố | Loại văn bản | Trích yếu |", "| --- | --- | --- | --- |")
    for e in entries:
        page.add(
            f"| {cell(date_label(e))} "
            f"| {site.province_link(page, e.record.province_id, e.record.province)} "
            f"| {cell(notice_label(e))} | {page.link(cell(e.title), e.page.path)} |"
        )
    page.add("")


def listing(
    site: Site,
    page: _Page,
    entries: Sequence[Entry],
    title: str,
    *,
    level: int = 2,
    owner: str | None = None,
) -> list[IndexPage]:
    """Notices by year under ``page``; beyond the limit, a table of years linking to one
    sub-page per year beside ``page``, or beside ``owner`` when the list is another page's
    (a predecessor's notices on its successor's page): then the owner emits the sub-pages."""
    groups = by_year(entries)
    hashes = "#" * level
    base = posixpath.dirname(owner or page.path)
    if len(entries) <= site.list_limit:
        for year, items in groups.items():
            page.add(f"{hashes} {year_label(year)}", "")
            notice_table(site, page, items)
        return []
    page.add("| Năm | Số văn bản |", "| --- | ---: |")
    for year, items in groups.items():
        target = f"{base}/{_year_slug(year)}.md"
        page.add(f"| {page.link(year_label(year), target)} | {number(len(items))} |")
    page.add("")
    if owner is not None:
        return []
    subpages = []
    for year, items in groups.items():
        sub = _Page(f"{base}/{_year_slug(year)}.md")
        sub.add(f"# {text(title)} — {year_label(year).lower()}", "")
        sub.add(f"{number(len(items))} văn bản. Trở về {sub.link(text(title), page.path)}.", "")
        notice_table(site, sub, items)
        subpages.append(sub.done())
    return subpages


def _term_pages(
    site: Site, path: str, title: str, entries: Sequence[Entry], intro: str
) -> list[IndexPage]:
    page = _Page(path)
    page.add(f"# {text(title)}", "", intro, "", "## Văn bản", "")
    subpages = listing(site, page, entries, title, level=3)
    return [page.done(), *subpages]


def _span(entries: Sequence[Entry]) -> str:
    years = sorted({e.year for e in entries if e.year is not None})
    if not years:
        return ""
    return f" ({years[0]})" if years[0] == years[-1] else f" ({years[0]}–{years[-1]})"


def _topic_intro(name: str, entries: Sequence[Entry]) -> str:
    provinces = {e.record.province_id for e in entries if e.record.province_id}
    return (
        f"{number(len(entries))} văn bản của {number(len(provinces))} tỉnh, thành phố"
        f"{_span(entries)} thuộc chủ đề *{text(name)}*, mới nhất trước."
    )


# -- provinces --------------------------------------------------------------------------------


def province_pages(site: Site) -> list[IndexPage]:
    pages: list[IndexPage] = []
    for index in site.archive.provinces.values():
        if index.has_page:
            pages += province_page(site, index)
    return pages


def province_page(site: Site, index: ProvinceIndex) -> list[IndexPage]:
    province = index.province
    title = province_title(province)
    page = _Page(province_path(index.id))
    page.add(f"# {text(title)}", "")
    _province_facts(site, page, index)
    _province_chairs(site, page, index)
    _province_terms(site, page, index)
    page.add(f"## Văn bản của {text(lower_first(title))}", "")
    if index.notices:
        subpages = listing(site, page, index.notices, title, level=3)
    else:
        page.add("Lưu trữ chưa có văn bản nào do đơn vị này ban hành.", "")
        subpages = []
    _province_predecessors(site, page, index)
    return [page.done(), *subpages]


def _province_facts(site: Site, page: _Page, index: ProvinceIndex) -> None:
    province = index.province
    code = f"Mã đơn vị hành chính: {province.code}"
    if province.code_now and province.code_now != province.code:
        code += f" (từ {vietnamese_date(MERGER_DATE)}: {province.code_now})"
    page.add(code + ".", "")
    if index.successor is not None:
        successor = index.successor
        page.add(
            '!!! info "Sắp xếp đơn vị hành chính năm 2025"',
            "",
            f"    {province_title(province)} tồn tại đến {vietnamese_date(_iso(province.until))}."
            f" Từ {vietnamese_date(MERGER_DATE)}, địa bàn của tỉnh thuộc "
            f"{_province_ref(site, page, successor)} ({MERGER_ACT}). Văn bản dưới đây vẫn là "
            f"văn bản của {province_words(province)}, như khi ban hành.",
            "",
        )
    elif index.predecessors:
        names = ", ".join(_province_ref(site, page, p.province) for p in index.predecessors)
        page.add(
            '!!! info "Sắp xếp đơn vị hành chính năm 2025"',
            "",
            f"    Từ {vietnamese_date(MERGER_DATE)}, {province_words(province)} gồm cả địa bàn "
            f"của {names} ({MERGER_ACT}). Văn bản của các tỉnh này được liệt kê riêng ở cuối "
            "trang.",
            "",
        )
    if index.notices:
        page.add(
            f"Lưu trữ có **{number(len(index.notices))}** văn bản của "
            f"{province_words(province)}{_span(index.notices)}, mới nhất trước.",
            "",
        )


def _province_ref(
    site: Site, page: _Page, province: Province, label: str | None = None
) -> str:
    """``[tỉnh Thái Nguyên](…)`` inside a sentence (or ``label``); text when it has no page."""
    index = site.archive.provinces[province.id]
    label = text(label or province_words(province))
    return page.link(label, province_path(province.id)) if index.has_page else label


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def lower_first(value: str) -> str:
    """``Tỉnh Bắc Kạn`` → ``tỉnh Bắc Kạn`` inside a sentence."""
    return value[:1].lower() + value[1:]


def _province_chairs(site: Site, page: _Page, index: ProvinceIndex) -> None:
    if not index.chairs:
        return
    page.add("## Lãnh đạo chủ trì", "", "| Lãnh đạo | Chức vụ | Từ | Đến | Số văn bản |",
             "| --- | --- | --- | --- | ---: |")
    for term in index.chairs:
        page.add(
            f"| {page.link(cell(term.name), chair_path(term.id))} | {cell(', '.join(term.roles))}"
            f" | {cell(vietnamese_date(term.first))} | {cell(vietnamese_date(term.last))}"
            f" | {number(term.count)} |"
        )
    page.add("", "Từ và đến: ngày của văn bản đầu tiên và cuối cùng trong lưu trữ.", "")


def _province_terms(site: Site, page: _Page, index: ProvinceIndex, top: int = 10) -> None:
    if index.agencies:
        page.add("## Cơ quan được giao nhiệm vụ nhiều nhất", "", "| Cơ quan | Số văn bản |",
                 "| --- | ---: |")
        for item in index.agencies[:top]:
            page.add(f"| {site.agency_link(page, item.id, item.name)} | {number(item.count)} |")
        page.add("")
    if index.topics:
        items = [
            f"{page.link(text(t.name), topic_path(t.id))} ({number(t.count)})"
            for t in index.topics
            if t.id in site.archive.topics
        ]
        page.add("## Chủ đề", "", " · ".join(items), "")


def _province_predecessors(site: Site, page: _Page, index: ProvinceIndex) -> None:
    for old in index.predecessors:
        title = province_title(old.province)
        page.add(
            f"## Văn bản của {text(lower_first(title))} (trước "
            f"{vietnamese_date(MERGER_DATE)})",
            "",
            f"{page.link(text(title), province_path(old.id))} hợp nhất vào "
            f"{text(province_words(index.province))} từ {vietnamese_date(MERGER_DATE)}. "
            f"Đây là {number(len(old.notices))} văn bản do {text(province_words(old.province))} "
            "ban hành.",
            "",
        )
        # The year pages, when the list is long, belong to the predecessor's own page.
        listing(site, page, old.notices, title, level=3, owner=province_path(old.id))


# -- agencies ---------------------------------------------------------------------------------


def agency_pages(site: Site, agency: AgencyIndex) -> list[IndexPage]:
    page = _Page(agency_path(agency.id))
    page.add(f"# {text(agency.name)}", "")
    _agency_facts(site, page, agency)
    provinces = agency.provinces()
    size = len(agency.notices) + len(agency.tasks)
    if size <= site.list_limit:
        for province_id in provinces:
            _agency_province(site, page, agency, province_id, level=2)
        return [page.done()]
    # Long: one sub-page per province ("by province and date").
    page.add("| Tỉnh, thành phố | Văn bản giao nhiệm vụ | Nhiệm vụ có thời hạn |",
             "| --- | ---: | ---: |")
    subpages = []
    for province_id in provinces:
        sub = _Page(f"co-quan/{agency.id}/{province_id or UNKNOWN_YEAR}.md")
        name = _province_name(site, province_id)
        page.add(
            f"| {page.link(cell(name), sub.path)} | {number(len(agency.notices_in(province_id)))}"
            f" | {number(len(agency.tasks_in(province_id)))} |"
        )
        sub.add(f"# {text(agency.name)} — {text(name)}", "",
                f"Trở về {sub.link(text(agency.name), page.path)}.", "")
        _agency_province(site, sub, agency, province_id, level=None)
        subpages.append(sub.done())
    page.add("")
    return [page.done(), *subpages]


def _province_name(site: Site, province_id: str | None) -> str:
    if province_id and province_id in site.archive.ref.provinces:
        return site.archive.ref.provinces[province_id].name
    return "Không rõ tỉnh"


def _agency_facts(site: Site, page: _Page, agency: AgencyIndex) -> None:
    ref = agency.agency
    if ref is not None and (ref.succession_note or ref.successors):
        successors = ", ".join(
            site.agency_link(page, s, site.archive.ref.agencies[s].name)
            for s in ref.successors
            if s in site.archive.ref.agencies
        )
        parts = [f"Hoạt động đến {vietnamese_date(_iso(ref.until))}."] if ref.until else []
        parts.append(text(ref.succession_note or ""))
        if successors:
            parts.append(f"Cơ quan tiếp nhận: {successors}.")
        body = " ".join(p for p in parts if p)
        page.add('!!! info "Sắp xếp tổ chức năm 2025"', "", f"    {body}", "")
    if agency.province_id:
        page.add(f"Cơ quan của {_province_ref_by_id(site, page, agency.province_id)}.", "")
    provinces = [p for p in agency.provinces() if p]
    page.add(
        f"Được giao nhiệm vụ trong **{number(len(agency.notices))}** văn bản của "
        f"{number(len(provinces))} tỉnh, thành phố; **{number(len(agency.tasks))}** nhiệm vụ "
        "có thời hạn. Theo tỉnh, thành phố; nhiệm vụ theo thời hạn, văn bản mới nhất trước.",
        "",
    )


def _province_ref_by_id(site: Site, page: _Page, province_id: str) -> str:
    province = site.archive.ref.provinces.get(province_id)
    return _province_ref(site, page, province) if province else text(province_id)


def _agency_province(
    site: Site, page: _Page, agency: AgencyIndex, province_id: str | None, level: int | None
) -> None:
    if level is not None:
        page.add(f"{'#' * level} {text(_province_name(site, province_id))}", "")
    sub = "#" * ((level or 1) + 1)
    tasks = agency.tasks_in(province_id)
    if tasks:
        page.add(f"{sub} Nhiệm vụ có thời hạn", "")
        deadline_table(site, page, tasks)
    notices = agency.notices_in(province_id)
    if notices:
        page.add(f"{sub} Văn bản giao nhiệm vụ", "")
        notice_table(site, page, notices)


def deadline_table(site: Site, page: _Page, tasks: Iterable[Task]) -> None:
    page.add("| Thời hạn | Nhiệm vụ | Văn bản |", "| --- | --- | --- |")
    for task in tasks:
        entry = task.entry
        page.add(
            f"| {cell(vietnamese_date(task.deadline.date))} | {cell(task.deadline.task)} "
            f"| {page.link(cell(entry.title), entry.page.path)} ({cell(date_label(entry))}) |"
        )
    page.add("")


# -- policies ---------------------------------------------------------------------------------


def policy_type(policy: PolicyIndex) -> str | None:
    """``Nghị quyết`` out of ``Nghị quyết số 68/NQ-CP``."""
    suffix = f" số {policy.symbol}"
    return policy.name[: -len(suffix)] if policy.name.endswith(suffix) else None


def policy_pages(site: Site, policy: PolicyIndex) -> list[IndexPage]:
    page = _Page(policy_path(policy.id))
    page.add(f"# {text(policy.name)}", "")
    _policy_facts(site, page, policy)
    provinces = policy.provinces()
    names = ", ".join(site.province_link(page, p, _province_name(site, p)) for p in provinces)
    page.add(
        f"Được dẫn chiếu trong **{number(len(policy.citations))}** văn bản của "
        f"{number(len(provinces))} tỉnh, thành phố: {names}.",
        "",
    )
    if len(policy.citations) <= site.list_limit:
        for province_id in provinces:
            page.add(f"## {text(_province_name(site, province_id))}", "")
            citation_list(site, page, policy.citations_in(province_id), policy.symbol)
        return [page.done()]
    page.add("| Tỉnh, thành phố | Số văn bản dẫn chiếu |", "| --- | ---: |")
    subpages = []
    for province_id in provinces:
        name = _province_name(site, province_id)
        sub = _Page(f"chinh-sach/{policy.id}/{province_id or UNKNOWN_YEAR}.md")
        items = policy.citations_in(province_id)
        page.add(f"| {page.link(cell(name), sub.path)} | {number(len(items))} |")
        sub.add(f"# {text(policy.name)} — {text(name)}", "",
                f"Trở về {sub.link(text(policy.name), page.path)}.", "")
        citation_list(site, sub, items, policy.symbol)
        subpages.append(sub.done())
    page.add("")
    return [page.done(), *subpages]


def _policy_facts(site: Site, page: _Page, policy: PolicyIndex) -> None:
    rows = [
        ("Loại văn bản", policy_type(policy)),
        ("Số, ký hiệu", policy.symbol),
        ("Năm ban hành", str(policy.year) if policy.year else "chưa rõ"),
        ("Ngày ban hành", vietnamese_date(policy.date) if policy.date else None),
        ("Cơ quan ban hành", policy.issuer or "chưa rõ"),
    ]
    if policy.local and policy.province_id:
        where = _province_name(site, policy.province_id)
        rows.append(("Phạm vi", f"văn bản của địa phương ({where})"))
    # Raw HTML (escaped values): the same label/value panel as a notice page's.
    page.add('<dl class="tb-panel tb-meta">')
    for label, value in rows:
        if value:
            page.add(f"<dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd>")
    page.add("</dl>", "")


def quote_markdown(quote: str, symbol: str) -> str:
    """The citing sentence, the symbol in bold; "…" when it starts mid-sentence."""
    body = text(quote)
    if body[:1].islower():
        body = "…" + body
    return body.replace(text(symbol), f"**{text(symbol)}**")


def citation_list(
    site: Site, page: _Page, citations: Sequence[Citation], symbol: str
) -> None:
    for citation in citations:
        entry = citation.entry
        page.add(
            f"- {page.link(text(entry.title), entry.page.path)} — {text(notice_label(entry))}, "
            f"{text(date_label(entry))}"
        )
        for quote in citation.quotes:
            page.add("", f"    > {quote_markdown(quote, symbol)}")
        page.add("")


# -- chairs, years ----------------------------------------------------------------------------


def chair_pages(site: Site, chair: ChairIndex) -> list[IndexPage]:
    term = chair.term()
    path = chair_path(chair.id)
    province = site.archive.ref.provinces.get(chair.province_id or "")
    where = province_words(province) if province else "tỉnh"
    roles = ", ".join(term.roles) or "Lãnh đạo"
    title = f"{chair.name} — {roles} UBND {where}"
    of = (_province_ref(site, _Page(path), province) if province else text(where))
    intro = f"{text(chair.name)} chủ trì hoặc kết luận **{number(term.count)}** văn bản của {of}"
    if term.first:
        intro += f", từ {vietnamese_date(term.first)} đến {vietnamese_date(term.last)}"
    return _term_pages(site, path, title, chair.notices, intro + ".")


def year_pages(site: Site, year: int, entries: Sequence[Entry]) -> list[IndexPage]:
    page = _Page(year_path(year))
    title = f"Năm {year}"
    page.add(f"# Văn bản năm {year}", "")
    counts: dict[str, int] = {}
    for e in entries:
        counts[e.record.province_id or ""] = counts.get(e.record.province_id or "", 0) + 1
    parts = [
        f"{site.province_link(page, pid or None, _province_name(site, pid or None))} ({number(n)})"
        for pid, n in sorted(counts.items())
    ]
    page.add(f"**{number(len(entries))}** văn bản: " + " · ".join(parts) + ".", "")
    if len(entries) <= site.list_limit:
        notice_table(site, page, entries)
        return [page.done()]
    months: dict[str, list[Entry]] = {}
    for e in entries:
        months.setdefault(e.sort_date[5:7] or "00", []).append(e)
    page.add("| Tháng | Số văn bản |", "| --- | ---: |")
    subpages = []
    for month, items in months.items():
        label = f"Tháng {int(month)}/{year}" if month != "00" else "Chưa rõ tháng"
        sub = _Page(f"nam/{year}/thang-{month}.md")
        page.add(f"| {page.link(label, sub.path)} | {number(len(items))} |")
        sub.add(f"# Văn bản {label.lower()}", "", f"Trở về {sub.link(title, page.path)}.", "")
        notice_table(site, sub, items)
        subpages.append(sub.done())
    page.add("")
    return [page.done(), *subpages]


# -- list pages -------------------------------------------------------------------------------


def list_pages(site: Site) -> list[IndexPage]:
    writers: dict[str, Callable[[Site, _Page], list[IndexPage] | None]] = {
        "provinces": _province_list,
        "agencies": _agency_list,
        "policies": _policy_list,
        "chairs": _chair_list,
        "topics": _topic_list,
        "years": _year_list,
    }
    pages = []
    for key, write in writers.items():
        page = _Page(LISTS[key][0])
        subpages = write(site, page) or []
        pages += [page.done(in_nav=True), *subpages]
    return pages


def _province_list(site: Site, page: _Page) -> None:
    provinces = list(site.archive.provinces.values())
    current = [p for p in provinces if p.province.current]
    merged = [p for p in provinces if not p.province.current]
    page.add("# Các tỉnh, thành phố", "")
    page.add(
        f"Từ {vietnamese_date(MERGER_DATE)} cả nước có {len(current)} tỉnh, thành phố; "
        f"{len(merged)} tỉnh khác đã hợp nhất ({MERGER_ACT}). Mỗi văn bản thuộc tỉnh đã ban "
        "hành nó, như khi ban hành.",
        "",
        f"## {len(current)} tỉnh, thành phố hiện nay",
        "",
        "| Mã | Tỉnh, thành phố | Gồm địa bàn của | Văn bản |",
        "| --- | --- | --- | ---: |",
    )
    for index in sorted(current, key=lambda p: p.province.code_now or p.province.code):
        olds = [
            p for p in site.archive.ref.predecessors(index.id) if p.id != index.id
        ]
        names = ", ".join(_province_ref(site, page, p, p.display) for p in olds) or "—"
        count = number(len(index.notices))
        inherited = sum(len(p.notices) for p in index.predecessors)
        if inherited:
            count += f" (+{number(inherited)} của tỉnh cũ)"
        page.add(
            f"| {index.province.code_now or index.province.code} "
            f"| {_province_ref(site, page, index.province, index.province.display)} | {names} "
            f"| {count} |"
        )
    page.add("", f"## {len(merged)} tỉnh đã hợp nhất", "",
             "| Mã cũ | Tỉnh | Nay thuộc | Văn bản |", "| --- | --- | --- | ---: |")
    for index in sorted(merged, key=lambda p: p.province.code):
        successor = index.successor
        now = _province_ref(site, page, successor, successor.display) if successor else "—"
        name = _province_ref(site, page, index.province, index.province.display)
        page.add(
            f"| {index.province.code} | {name} | {now} "
            f"| {number(len(index.notices))} |"
        )
    page.add("")


def _agency_list(site: Site, page: _Page) -> None:
    page.add("# Cơ quan được giao nhiệm vụ", "",
             "| Cơ quan | Tỉnh, thành phố | Văn bản | Nhiệm vụ có thời hạn |",
             "| --- | --- | ---: | ---: |")
    for agency in sorted(site.archive.agencies.values(), key=lambda a: (a.name, a.id)):
        where = _province_name(site, agency.province_id) if agency.province_id else "các tỉnh"
        page.add(
            f"| {page.link(cell(agency.name), agency_path(agency.id))} | {cell(where)} "
            f"| {number(len(agency.notices))} | {number(len(agency.tasks))} |"
        )
    page.add("")


def _policy_list(site: Site, page: _Page) -> list[IndexPage]:
    with_pages = [p for p in site.archive.policies.values() if site.has_policy_page(p.id)]
    policies = sorted(sorted(with_pages, key=lambda p: p.id),
                      key=lambda p: len(p.citations), reverse=True)
    others = len(site.archive.policies) - len(with_pages)
    page.add("# Văn bản được dẫn chiếu", "",
             "Văn bản, chủ trương mà các văn bản trong lưu trữ viện dẫn; được dẫn chiếu nhiều "
             "nhất trước.", "")
    if others:
        page.add(f"Ngoài ra có {number(others)} văn bản của địa phương chỉ được một văn bản "
                 "dẫn chiếu; chúng được ghi trong trang của văn bản dẫn chiếu.", "")
    if len(policies) <= site.list_limit:
        _policy_table(page, policies)
        return []
    page.add("## Được dẫn chiếu nhiều nhất", "")
    _policy_table(page, policies[: site.list_limit // 4])
    page.add("## Theo năm ban hành", "", "| Năm ban hành | Số văn bản |", "| --- | ---: |")
    by_year: dict[int | None, list[PolicyIndex]] = {}
    for policy in sorted(policies, key=lambda p: (-(p.year or 0), p.id)):
        by_year.setdefault(policy.year, []).append(policy)
    subpages = []
    for year, items in by_year.items():
        sub = _Page(f"chinh-sach/nam-{year or 'chua-ro'}.md")
        label = f"Năm {year}" if year else "Chưa rõ năm"
        page.add(f"| {page.link(label, sub.path)} | {number(len(items))} |")
        sub.add(f"# Văn bản được dẫn chiếu — {label.lower()}", "",
                f"Trở về {sub.link('Văn bản được dẫn chiếu', page.path)}.", "")
        _policy_table(sub, sorted(items, key=lambda p: (-len(p.citations), p.id)))
        subpages.append(sub.done())
    page.add("")
    return subpages


def _policy_table(page: _Page, policies: Iterable[PolicyIndex]) -> None:
    page.add("| Văn bản | Cơ quan ban hành | Năm | Văn bản dẫn chiếu | Tỉnh, thành phố |",
             "| --- | --- | --- | ---: | ---: |")
    for policy in policies:
        page.add(
            f"| {page.link(cell(policy.name), policy_path(policy.id))} "
            f"| {cell(policy.issuer or '')} | {policy.year or ''} "
            f"| {number(len(policy.citations))} | {number(len(policy.provinces()))} |"
        )
    page.add("")


def _chair_list(site: Site, page: _Page) -> None:
    page.add("# Lãnh đạo chủ trì", "",
             "Người chủ trì phiên họp hoặc có kết luận được thông báo, theo tỉnh, thành phố.", "",
             "| Lãnh đạo | Chức vụ | Tỉnh, thành phố | Từ | Đến | Văn bản |",
             "| --- | --- | --- | --- | --- | ---: |")
    chairs = sorted(site.archive.chairs.values(),
                    key=lambda c: (c.province_id or "", c.term().last, c.id))
    for chair in chairs:
        term = chair.term()
        where = _province_name(site, chair.province_id)
        page.add(
            f"| {page.link(cell(chair.name), chair_path(chair.id))} | {cell(', '.join(term.roles))}"
            f" | {site.province_link(page, chair.province_id, where)}"
            f" | {cell(vietnamese_date(term.first))} | {cell(vietnamese_date(term.last))}"
            f" | {number(term.count)} |"
        )
    page.add("")


def _topic_list(site: Site, page: _Page) -> None:
    page.add("# Chủ đề", "", "| Chủ đề | Văn bản |", "| --- | ---: |")
    for topic in site.archive.topics.values():
        page.add(f"| {page.link(cell(topic.name), topic_path(topic.id))} "
                 f"| {number(len(topic.notices))} |")
    page.add("")


def _year_list(site: Site, page: _Page) -> None:
    page.add("# Văn bản theo năm", "", "| Năm | Văn bản | Tỉnh, thành phố |",
             "| --- | ---: | ---: |")
    for year in site.archive.years.values():
        provinces = {e.record.province_id for e in year.notices if e.record.province_id}
        page.add(f"| {page.link(str(year.year), year_path(year.year))} "
                 f"| {number(len(year.notices))} | {number(len(provinces))} |")
    page.add("")


# -- home -------------------------------------------------------------------------------------


def home_sections(archive: Archive, latest: int = 10, list_limit: int = 200) -> dict[str, str]:
    """Generated parts of the hand-written home page, by marker name."""
    site = Site(archive, list_limit)
    out = {}
    for name, write in (("counts", _home_counts), ("latest", _home_latest),
                        ("provinces", _home_provinces), ("topics", _home_topics),
                        ("years", _home_years)):
        page = _Page(HOME)
        write(site, page, latest)
        out[name] = "\n".join(page.lines).rstrip() + "\n"
    return out


def _home_counts(site: Site, page: _Page, latest: int) -> None:
    c = site.archive.counts
    items = [
        (c.notices, "văn bản", None),
        (c.provinces, "tỉnh, thành phố", "provinces"),
        (c.agencies, "cơ quan được giao nhiệm vụ", "agencies"),
        (c.policies, "văn bản được dẫn chiếu", "policies"),
        (c.chairs, "lãnh đạo chủ trì", "chairs"),
        (c.topics, "chủ đề", "topics"),
    ]
    parts = [
        f"**{number(n)}** " + (page.link(label, LISTS[key][0]) if key else label)
        for n, label, key in items
    ]
    page.add("Lưu trữ hiện có " + ", ".join(parts) + ".")


def _home_latest(site: Site, page: _Page, latest: int) -> None:
    notice_table(site, page, site.archive.notices[:latest])


def _home_provinces(site: Site, page: _Page, latest: int) -> None:
    items = [
        f"{page.link(text(index.province.name), province_path(index.id))} "
        f"({number(len(index.notices))})"
        for index in site.archive.provinces.values()
        if index.notices
    ]
    page.add(" · ".join(items) if items else "Chưa có văn bản.")


def _home_topics(site: Site, page: _Page, latest: int) -> None:
    items = [
        f"{page.link(text(t.name), topic_path(t.id))} ({number(len(t.notices))})"
        for t in site.archive.topics.values()
    ]
    page.add(" · ".join(items) if items else "Chưa có chủ đề.")


def _home_years(site: Site, page: _Page, latest: int) -> None:
    items = [
        f"{page.link(str(y.year), year_path(y.year))} ({number(len(y.notices))})"
        for y in site.archive.years.values()
    ]
    page.add(" · ".join(items) if items else "Chưa có văn bản.")
