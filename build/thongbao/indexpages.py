"""Every index page of the site as a view (``listing.IndexPage``), from the index model.

Plain Python (no MkDocs, no markup): each page is a title and blocks of typed values; the Jinja
fragments in ``overrides/partials/thongbao/`` render them with autoescape on. Links hold docs
paths (``urls``); the renderer makes them relative to the page, so the site works under any
prefix. Labels are Vietnamese, dates ``ngày 11 tháng 10 năm 2021``. A long list moves to one
sub-page per year (per month for a year page, per province for agency and policy pages, only
for the provinces with many rows, then per year: ``paging``): the archive's pagination, by the
unit readers look for.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, partial
from typing import NamedTuple

from . import journalpages as jp
from .archive import (
    AgencyIndex,
    Archive,
    ChairIndex,
    Citation,
    Entry,
    PolicyIndex,
    ProvinceIndex,
    Task,
    TopicIndex,
    by_year,
)
from .dates import short_date, vietnamese_date
from .listing import (
    CitationItem,
    CitationList,
    DeadlineRow,
    DeadlineTable,
    Facts,
    IndexPage,
    Inline,
    Link,
    Note,
    NoticeRow,
    NoticeTable,
    Page,
    Para,
    Parts,
    Strong,
    Table,
    TaskTable,
    joined,
    one_line,
)
from .paging import (
    Only,
    Section,
    by_province,
    every,
    has_own_page,
    number,
    own_page_threshold,
    province_subpages,
    year_counts,
    year_label,
)
from .paging import year_slug as _year_slug
from .reference import Province
from .tasks import TaskRow
from .topics import MAIN_LIMIT
from .urls import (
    HOME,
    UNKNOWN_YEAR,
    agency_path,
    chair_path,
    policy_path,
    province_path,
    topic_path,
    year_path,
)

LISTS: dict[str, tuple[str, str]] = {
    # key: (docs path, nav label)
    "provinces": ("tinh/index.md", "Tỉnh, thành phố"),
    "agencies": ("co-quan/index.md", "Cơ quan"),
    "policies": ("chinh-sach/index.md", "Văn bản dẫn chiếu"),
    "chairs": ("lanh-dao/index.md", "Lãnh đạo"),
    "topics": ("chu-de/index.md", "Chủ đề"),
    "years": ("nam/index.md", "Năm"),
}
MERGER_DATE = "2025-07-01"
MERGER_ACT = "Nghị quyết số 202/2025/QH15"
UNKNOWN_PROVINCE = "chưa rõ"


# ---------------------------------------------------------------------------------------------
# Text


def province_title(province: Province) -> str:
    """``Tỉnh Bắc Kạn``, ``Thành phố Hà Nội``: headings and the start of a sentence."""
    return f"{province.kind.capitalize()} {province.name}"


def province_words(province: Province) -> str:
    """``tỉnh Bắc Kạn`` inside a sentence."""
    return f"{province.kind} {province.name}"


def notice_label(entry: Entry) -> str:
    return entry.label


def date_label(entry: Entry) -> str:
    return entry.date_label



def lower_first(value: str) -> str:
    """``Tỉnh Bắc Kạn`` → ``tỉnh Bắc Kạn`` inside a sentence."""
    return value[:1].lower() + value[1:]


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day is not None else None


# ---------------------------------------------------------------------------------------------
# Pages


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
    """What the page makers need besides the model: which pages exist, and the limits."""

    archive: Archive
    list_limit: int
    local_policy_min: int = 2
    # A province of a long agency or policy page with more rows than this gets a sub-page of
    # its own; None: paging.own_page_rows (a tenth of list_limit, less for many provinces).
    own_page_over: int | None = None
    given_journal: jp.Journal | None = None  # the plugin's, so tasks and figures are made once

    @cached_property
    def journal(self) -> jp.Journal:
        """Tasks, figures, chair summaries and the national documents' vocabulary (issue 11)."""
        return self.given_journal or jp.Journal(self.archive)

    @cached_property
    def tasks_by_notice(self) -> dict[str, list[tuple[int, TaskRow]]]:
        """The archive's task rows by notice id, each with its place on the tasks page."""
        out: dict[str, list[tuple[int, TaskRow]]] = {}
        for place, row in enumerate(self.journal.tasks.rows):
            out.setdefault(row.notice_id, []).append((place, row))
        return out

    @cached_property
    def tasks_by_province(self) -> dict[str | None, list[TaskRow]]:
        """The archive's task rows by province id, in the tasks page's order (each province
        page filtered every row: 63 passes over them)."""
        out: dict[str | None, list[TaskRow]] = {}
        for row in self.journal.tasks.rows:
            out.setdefault(row.province_id, []).append(row)
        return out

    @cached_property
    def _notice_rows(self) -> dict[str, NoticeRow]:
        return {}

    def notice_row(self, e: Entry) -> NoticeRow:
        """A notice's row in the lists, made once: a notice is listed on its province's,
        year's, chair's, topics', agencies' and documents' pages."""
        row = self._notice_rows.get(e.page.path)
        if row is None:
            row = self._notice_rows[e.page.path] = NoticeRow(
                e.short_date,
                self.province_link(e.record.province_id, e.record.province),
                notice_label(e),
                Link(e.title, e.page.path),
            )
        return row

    def task_statuses(self, entry: Entry) -> str:
        """The statuses of the notice's tasks on the tasks page (relative to the archive's
        newest notice), in its order."""
        return " ".join(row.status for _, row in self.tasks_by_notice.get(entry.id, ()))

    def shape(self) -> tuple[object, ...]:
        """What a unit's pages read of the rest of the archive (:class:`Unit`): which
        provinces, agencies and topics have pages (a unit's pages link them), with the
        limits. Chairs, cited documents and years are linked only from the whole-archive
        pages (lists, provinces), so their pages coming and going changes no unit: a renamed
        chair or a deleted notice makes again only the units it is in. Task statuses move
        with the newest notice: a unit that shows them says so (``Unit.statuses``)."""
        a = self.archive
        return (
            tuple((p.id, p.has_page) for p in a.provinces.values()),
            tuple(a.agencies),
            tuple(a.topics),
            self.list_limit,
            self.local_policy_min,
            self.own_page_over,
        )

    def has_policy_page(self, page_id: str) -> bool:
        return policy_has_page(self.archive, page_id, self.local_policy_min)

    def province_link(self, province_id: str | None, name: str | None) -> Link:
        label = one_line(name or province_id) or UNKNOWN_PROVINCE
        index = self.archive.provinces.get(province_id or "")
        return Link(label, province_path(index.id) if index and index.has_page else None)

    def agency_link(self, page_id: str, name: str) -> Link:
        return Link(name, agency_path(page_id) if page_id in self.archive.agencies else None)

    def province_ref(self, province: Province, label: str | None = None) -> Link:
        """``tỉnh Thái Nguyên`` (or ``label``) linked when it has a page."""
        index = self.archive.provinces[province.id]
        text = label or province_words(province)
        return Link(text, province_path(province.id) if index.has_page else None)

    def province_name(self, province_id: str | None) -> str:
        if province_id and province_id in self.archive.ref.provinces:
            return self.archive.ref.provinces[province_id].name
        return "Không rõ tỉnh"


def index_pages(
    archive: Archive, list_limit: int = 200, local_policy_min: int = 2,
    own_page_over: int | None = None, journal: jp.Journal | None = None,
) -> list[IndexPage]:
    """Every generated page except the notices themselves, in a stable order."""
    site = Site(archive, list_limit, local_policy_min, own_page_over, journal)
    return [page for unit in index_units(site) for page in unit.make()]


@dataclass(frozen=True)
class Unit:
    """Index pages made together from one part of the index model: one agency's, one cited
    document's, one year's … Their content is a function of ``notices`` (their records and
    places, in this order), ``extra`` and the archive's shape (:meth:`Site.shape`), and, when
    ``statuses``, of the statuses of those notices' tasks (:meth:`Site.task_statuses`);
    ``notices`` None: the pages read the whole archive (lists, tasks, provinces with their
    predecessors). A build after one changed notice makes again only the units whose inputs
    changed (plugins' ``indexviews.py``)."""

    name: str
    notices: Sequence[Entry] | None
    make: Callable[[], list[IndexPage]]
    extra: tuple[object, ...] = ()
    statuses: bool = False


def index_units(site: Site) -> list[Unit]:
    """:func:`index_pages` as units, in the same order."""
    archive = site.archive
    # A cited document's index is made of the citations the alias map sends to it: the
    # aliases are part of what it is made from (a notice's citation can move without the
    # notice changing).
    aliases: dict[str, list[tuple[str, str]]] = {}
    for alias, target in sorted(archive.policy_alias.items()):
        aliases.setdefault(target, []).append((alias, target))
    units = [Unit("provinces", None, partial(province_pages, site))]
    units += [Unit(f"agency:{a.id}", (*a.notices, *(t.entry for t in a.tasks)),
                   partial(agency_pages, site, a))
              for a in archive.agencies.values()]
    for p in archive.policies.values():
        if site.has_policy_page(p.id):
            units += _policy_units(site, p, tuple(aliases.get(p.id, ())))
    units += [Unit(f"chair:{c.id}", c.notices, partial(chair_pages, site, c))
              for c in archive.chairs.values()]
    units += [Unit(f"topic:{t.id}", t.notices, partial(topic_pages, site, t))
              for t in archive.topics.values()]
    units += [Unit(f"year:{y.year}", y.notices, partial(year_pages, site, y.year, y.notices))
              for y in archive.years.values()]
    units.append(Unit("lists", None, partial(list_pages, site)))
    units.append(Unit("tasks", None,
                      partial(jp.tasks_pages, archive, site.journal, site.list_limit)))
    units.append(Unit("indicators", None,
                      partial(jp.indicator_pages, archive, site.journal, site.list_limit)))
    return units


def _policy_units(site: Site, policy: PolicyIndex, aliases: tuple[object, ...]) -> list[Unit]:
    """A cited document's page, and one unit per province sub-page: a document cited
    everywhere (68/NQ-CP) is on a notice of every province, and a change of one notice
    makes again its page and its province's sub-page, not the 62 others. Both show the
    status of the tasks given under the document, relative to the newest notice of the
    archive; a sub-page reads the document's name and symbol, what most citing notices
    say."""
    units = [Unit(f"policy:{policy.id}", [c.entry for c in policy.citations],
                  lambda: [policy_main_page(site, policy)], aliases, statuses=True)]
    for province_id in policy_own_pages(site, policy):
        units.append(Unit(
            f"policy:{policy.id}:{province_id or UNKNOWN_YEAR}",
            [c.entry for c in policy.citations_in(province_id)],
            partial(policy_province_pages, site, policy, province_id),
            (*aliases, policy.name, policy.symbol), statuses=True))
    return units


# -- notice lists -----------------------------------------------------------------------------


def notice_table(site: Site, entries: Sequence[Entry]) -> NoticeTable:
    return NoticeTable(tuple(map(site.notice_row, entries)))


def listing(
    site: Site,
    page: Page,
    entries: Sequence[Entry],
    title: str,
    *,
    level: int = 2,
    owner: str | None = None,
) -> list[IndexPage]:
    """Notices by year under ``page``; beyond the limit, a table of years linking to one
    sub-page per year beside ``page``, or beside ``owner`` when the list is another page's
    (a predecessor's notices on its successor's page): then the owner makes the sub-pages."""
    groups = by_year(entries)
    base = (owner or page.path).rsplit("/", 1)[0]
    if len(entries) <= site.list_limit:
        for year, items in groups.items():
            page.heading(level, year_label(year))
            page.add(notice_table(site, items))
        return []
    page.add(Table(("Năm", "Số văn bản"), tuple(
        ((Link(year_label(year), f"{base}/{_year_slug(year)}.md"),), (number(len(items)),))
        for year, items in groups.items()
    ), (False, True)))
    if owner is not None:
        return []
    subpages = []
    for year, items in groups.items():
        sub = Page(f"{base}/{_year_slug(year)}.md", f"{title} — {year_label(year).lower()}")
        sub.para(f"{number(len(items))} văn bản. Trở về ", Link(title, page.path), ".")
        sub.add(notice_table(site, items))
        subpages.append(sub.done())
    return subpages


def _term_pages(
    site: Site, path: str, title: str, entries: Sequence[Entry], intro: Parts
) -> list[IndexPage]:
    page = Page(path, title)
    page.para(*intro)
    page.heading(2, "Văn bản")
    subpages = listing(site, page, entries, title, level=3)
    return [page.done(), *subpages]


def topic_pages(site: Site, topic: TopicIndex) -> list[IndexPage]:
    """A topic's notices in two lists: those where it is a main topic (at most four per
    notice, by the weight of evidence), then those that only mention it. Each list moves to
    year pages when long; the second one, when long, to a page of its own."""
    title = f"Chủ đề: {topic.name}"
    path = topic_path(topic.id)
    main = [e for e in topic.notices if topic.id in e.record.topics_main]
    others = [e for e in topic.notices if topic.id not in e.record.topics_main]
    page = Page(path, title)
    page.para(*_topic_intro(topic.name, topic.notices))
    page.para(f"Là chủ đề chính của {number(len(main))} văn bản; {number(len(others))} văn bản "
              f"khác có nhắc đến. Chủ đề chính: tối đa {MAIN_LIMIT} chủ đề mỗi văn bản, "
              "theo mức độ văn bản nói về chủ đề đó.")
    page.heading(2, f"Chủ đề chính ({number(len(main))} văn bản)")
    subpages = listing(site, page, main, title, level=3) if main else []
    if not main:
        page.para("Không có văn bản nào lấy chủ đề này làm chủ đề chính.")
    page.heading(2, f"Có nhắc đến ({number(len(others))} văn bản)")
    if not others:
        page.para("Không có.")
    elif len(others) <= site.list_limit:
        for year, items in by_year(others).items():
            page.heading(3, f"{year_label(year)} — có nhắc đến")
            page.add(notice_table(site, items))
    else:
        other_title = f"{title} — văn bản có nhắc đến"
        other = Page(f"chu-de/{topic.id}/nhac-den/index.md", other_title)
        other.para(f"{number(len(others))} văn bản có nhắc đến chủ đề nhưng không lấy làm chủ "
                   "đề chính. Trở về ", Link(title, path), ".")
        subpages += listing(site, other, others, other_title, level=2)
        subpages.append(other.done())
        page.para(Link(f"{number(len(others))} văn bản có nhắc đến", other.path), ".")
    return [page.done(), *subpages]


def _span(entries: Sequence[Entry]) -> str:
    years = sorted({e.year for e in entries if e.year is not None})
    if not years:
        return ""
    return f" ({years[0]})" if years[0] == years[-1] else f" ({years[0]}–{years[-1]})"


def _topic_intro(name: str, entries: Sequence[Entry]) -> Parts:
    provinces = {e.record.province_id for e in entries if e.record.province_id}
    return (
        f"{number(len(entries))} văn bản của {number(len(provinces))} tỉnh, thành phố"
        f"{_span(entries)} thuộc chủ đề ", Strong(name), ", mới nhất trước.",
    )


# -- provinces --------------------------------------------------------------------------------


def province_pages(site: Site) -> list[IndexPage]:
    pages: list[IndexPage] = []
    for index in site.archive.provinces.values():
        if index.has_page:
            pages += province_page(site, index)
    return pages


def province_page(site: Site, index: ProvinceIndex) -> list[IndexPage]:
    title = province_title(index.province)
    page = Page(province_path(index.id), title)
    _province_facts(site, page, index)
    _province_chairs(page, index)
    _province_tasks(site, page, index)
    _province_terms(site, page, index)
    page.heading(2, f"Văn bản của {lower_first(title)}")
    if index.notices:
        subpages = listing(site, page, index.notices, title, level=3)
    else:
        page.para("Lưu trữ chưa có văn bản nào do đơn vị này ban hành.")
        subpages = []
    _province_predecessors(site, page, index)
    return [page.done(), *subpages]


def _province_facts(site: Site, page: Page, index: ProvinceIndex) -> None:
    province = index.province
    code = f"Mã đơn vị hành chính: {province.code}"
    if province.code_now and province.code_now != province.code:
        code += f" (từ {vietnamese_date(MERGER_DATE)}: {province.code_now})"
    page.para(code + ".")
    if index.successor is not None:
        page.add(Note("Sắp xếp đơn vị hành chính năm 2025", (
            f"{province_title(province)} tồn tại đến {vietnamese_date(_iso(province.until))}."
            f" Từ {vietnamese_date(MERGER_DATE)}, địa bàn của tỉnh thuộc ",
            site.province_ref(index.successor),
            f" ({MERGER_ACT}). Văn bản dưới đây vẫn là văn bản của {province_words(province)}, "
            "như khi ban hành.",
        )))
    elif index.predecessors:
        names = joined([(site.province_ref(p.province),) for p in index.predecessors])
        page.add(Note("Sắp xếp đơn vị hành chính năm 2025", (
            f"Từ {vietnamese_date(MERGER_DATE)}, {province_words(province)} gồm cả địa bàn của ",
            *names,
            f" ({MERGER_ACT}). Văn bản của các tỉnh này được liệt kê riêng ở cuối trang.",
        )))
    if index.notices:
        page.para("Lưu trữ có ", Strong(number(len(index.notices))),
                  f" văn bản của {province_words(province)}{_span(index.notices)}, "
                  "mới nhất trước.")


def _province_chairs(page: Page, index: ProvinceIndex) -> None:
    if not index.chairs:
        return
    page.heading(2, "Lãnh đạo chủ trì")
    page.add(Table(("Lãnh đạo", "Chức vụ", "Từ", "Đến", "Số văn bản"), tuple(
        ((Link(term.name, chair_path(term.id)),), (", ".join(term.roles),),
         (vietnamese_date(term.first),), (vietnamese_date(term.last),), (number(term.count),))
        for term in index.chairs
    ), (False, False, False, False, True)))
    page.para("Từ và đến: ngày của văn bản đầu tiên và cuối cùng trong lưu trữ.")


def _province_tasks(site: Site, page: Page, index: ProvinceIndex) -> None:
    rows = site.tasks_by_province.get(index.id, [])
    if not rows:
        return
    due = sum(1 for r in rows if r.status == "due-this-month")
    page.heading(2, "Nhiệm vụ và thời hạn")
    page.para(Strong(number(len(rows))), " nhiệm vụ có thời hạn, ", Strong(number(due)),
              " đến hạn trong tháng của văn bản mới nhất: ",
              jp.tasks_link("xem theo thời hạn, lọc theo cơ quan và tháng", province=index.id),
              ".")


def _province_terms(site: Site, page: Page, index: ProvinceIndex, top: int = 10) -> None:
    if index.agencies:
        page.heading(2, "Cơ quan được giao nhiệm vụ nhiều nhất")
        page.add(Table(("Cơ quan", "Số văn bản"), tuple(
            ((site.agency_link(item.id, item.name),), (number(item.count),))
            for item in index.agencies[:top]
        ), (False, True)))
    if index.topics:
        items: list[Parts] = [
            (Link(t.name, topic_path(t.id)), f" ({number(t.count)})")
            for t in index.topics
            if t.id in site.archive.topics
        ]
        page.heading(2, "Chủ đề")
        page.para(*joined(items, " · "))


def _province_predecessors(site: Site, page: Page, index: ProvinceIndex) -> None:
    for old in index.predecessors:
        title = province_title(old.province)
        page.heading(2, f"Văn bản của {lower_first(title)} (trước "
                        f"{vietnamese_date(MERGER_DATE)})")
        page.para(
            Link(title, province_path(old.id)),
            f" hợp nhất vào {province_words(index.province)} từ {vietnamese_date(MERGER_DATE)}. "
            f"Đây là {number(len(old.notices))} văn bản do {province_words(old.province)} "
            "ban hành.",
        )
        # The year pages, when the list is long, belong to the predecessor's own page.
        listing(site, page, old.notices, title, level=3, owner=province_path(old.id))


# -- agencies ---------------------------------------------------------------------------------


def agency_pages(site: Site, agency: AgencyIndex) -> list[IndexPage]:
    page = Page(agency_path(agency.id), agency.name)
    _agency_facts(site, page, agency)
    provinces = agency.provinces()
    size = len(agency.notices) + len(agency.tasks)
    if size <= site.list_limit:
        for province_id in provinces:
            page.heading(2, site.province_name(province_id))
            _agency_province(site, page, agency, province_id, level=3)
        return [page.done()]
    subpages: list[IndexPage] = []
    by_province(
        page, provinces, name=site.province_name, list_limit=site.list_limit,
        own_page=site.own_page_over,
        sub_path=lambda p: f"co-quan/{agency.id}/{p or UNKNOWN_YEAR}.md",
        sub_title=lambda name: f"{agency.name} — {name}",
        head=("Tỉnh, thành phố", "Văn bản giao nhiệm vụ", "Nhiệm vụ có thời hạn"),
        counts=lambda p: (len(agency.notices_in(p)), len(agency.tasks_in(p))),
        # Never cut by year (no ``years``): every section is of all years.
        section=lambda target, p, level, _all: _agency_province(
            site, target, agency, p, level + 1),
        subpages=subpages,
        # No cut by year: an agency's row is a line (~0.6 KB) and its province pages stay
        # under 500 KB at 10,000 notices; cutting them made 2,079 more pages (docs/site.md).
    )
    return [page.done(), *subpages]


def _agency_facts(site: Site, page: Page, agency: AgencyIndex) -> None:
    ref = agency.agency
    if ref is not None and (ref.succession_note or ref.successors):
        successors = joined([
            (site.agency_link(s, site.archive.ref.agencies[s].name),)
            for s in ref.successors
            if s in site.archive.ref.agencies
        ])
        parts: list[Inline] = []
        if ref.until:
            parts.append(f"Hoạt động đến {vietnamese_date(_iso(ref.until))}. ")
        parts.append(one_line(ref.succession_note))
        if successors:
            parts += [" Cơ quan tiếp nhận: ", *successors, "."]
        page.add(Note("Sắp xếp tổ chức năm 2025", tuple(parts)))
    if agency.province_id:
        province = site.archive.ref.provinces.get(agency.province_id)
        where = site.province_ref(province) if province else agency.province_id
        page.para("Cơ quan của ", where, ".")
    provinces = [p for p in agency.provinces() if p]
    page.para(
        "Được giao nhiệm vụ trong ", Strong(number(len(agency.notices))),
        f" văn bản của {number(len(provinces))} tỉnh, thành phố; ",
        Strong(number(len(agency.tasks))),
        " nhiệm vụ có thời hạn. Theo tỉnh, thành phố; nhiệm vụ theo thời hạn, văn bản mới nhất "
        "trước.",
    )
    if agency.tasks:
        page.para("Xem cùng nhiệm vụ của các cơ quan khác, lọc theo tháng: ",
                  jp.tasks_link(jp.TASKS_TITLE, agency=agency.id), ".")


def _agency_province(
    site: Site, page: Page, agency: AgencyIndex, province_id: str | None, level: int
) -> None:
    """One province's tasks and notices of the agency, under headings of ``level``."""
    tasks = agency.tasks_in(province_id)
    if tasks:
        page.heading(level, "Nhiệm vụ có thời hạn")
        page.add(deadline_table(tasks))
    notices = agency.notices_in(province_id)
    if notices:
        page.heading(level, "Văn bản giao nhiệm vụ")
        page.add(notice_table(site, notices))


def deadline_table(tasks: Iterable[Task]) -> DeadlineTable:
    return DeadlineTable(tuple(
        DeadlineRow(short_date(t.deadline.date), one_line(t.deadline.task),
                    Link(t.entry.title, t.entry.page.path), t.entry.short_date)
        for t in tasks
    ))


# -- policies ---------------------------------------------------------------------------------


def policy_type(policy: PolicyIndex) -> str | None:
    """``Nghị quyết`` out of ``Nghị quyết số 68/NQ-CP``."""
    suffix = f" số {policy.symbol}"
    return policy.name[: -len(suffix)] if policy.name.endswith(suffix) else None


def policy_pages(site: Site, policy: PolicyIndex) -> list[IndexPage]:
    """A cited document's page, then the sub-pages of its provinces with many citations."""
    pages = [policy_main_page(site, policy)]
    for province_id in policy_own_pages(site, policy):
        pages += policy_province_pages(site, policy, province_id)
    return pages


def policy_main_page(site: Site, policy: PolicyIndex) -> IndexPage:
    """A cited document's page: its facts, its provinces (a section each, or a row linking
    the province's sub-page when the list is long)."""
    page = Page(policy_path(policy.id), policy.name)
    _policy_facts(site, page, policy)
    provinces = policy.provinces()
    names = joined([(site.province_link(p, site.province_name(p)),) for p in provinces])
    page.para("Được dẫn chiếu trong ", Strong(number(len(policy.citations))),
              f" văn bản của {number(len(provinces))} tỉnh, thành phố: ", *names, ".")
    if len(policy.citations) <= site.list_limit:
        for province_id in provinces:
            page.heading(2, site.province_name(province_id))
            _policy_province(site, page, policy, province_id, 2)
        return page.done()
    by_province(page, provinces, name=site.province_name, list_limit=site.list_limit,
                own_page=site.own_page_over, subpages=None,
                **_policy_paging(site, policy)._asdict())
    return page.done()


def policy_own_pages(site: Site, policy: PolicyIndex) -> list[str | None]:
    """The provinces of a cited document with a sub-page of their own (by_province's rule)."""
    if len(policy.citations) <= site.list_limit:
        return []
    provinces = policy.provinces()
    threshold = own_page_threshold(site.list_limit, len(provinces), site.own_page_over)
    counts = _policy_paging(site, policy).counts
    return [p for p in provinces if has_own_page(counts(p), threshold)]


def policy_province_pages(
    site: Site, policy: PolicyIndex, province_id: str | None
) -> list[IndexPage]:
    """The sub-page of one province of a cited document (with its years' pages when long)."""
    owner = Page(policy_path(policy.id), policy.name)
    paging = _policy_paging(site, policy)
    return province_subpages(
        owner, province_id, site.province_name(province_id), list_limit=site.list_limit,
        total=len(policy.citations_in(province_id)), sub_path=paging.sub_path,
        sub_title=paging.sub_title, head=paging.head, section=paging.section,
        years=paging.years)


class _Paging(NamedTuple):
    """How a long page is cut by province: what ``paging.by_province`` and
    ``paging.province_subpages`` are given besides the page and its limits."""

    sub_path: Callable[[str | None], str]
    sub_title: Callable[[str], str]
    head: tuple[str, ...]
    counts: Callable[[str | None], tuple[int, ...]]
    section: Section
    years: Callable[[str | None], Mapping[int | None, tuple[int, ...]]]


def _policy_paging(site: Site, policy: PolicyIndex) -> _Paging:
    """How a long cited document's page is cut by province."""
    return _Paging(
        sub_path=lambda p: f"chinh-sach/{policy.id}/{p or UNKNOWN_YEAR}.md",
        sub_title=lambda name: f"{policy.name} — {name}",
        head=("Tỉnh, thành phố", "Số văn bản dẫn chiếu"),
        counts=lambda p: (len(policy.citations_in(p)),),
        section=lambda target, p, level, only: _policy_province(
            site, target, policy, p, level, only),
        years=lambda p: year_counts([[c.entry for c in policy.citations_in(p)]]),
    )


def _policy_province(
    site: Site, page: Page, policy: PolicyIndex, province_id: str | None, level: int,
    only: Only = every,
) -> None:
    citations = [c for c in policy.citations_in(province_id) if only(c.entry)]
    page.add(citation_list(citations, policy.symbol))
    _policy_tasks(site, page, policy, province_id, citations, level=level + 1)


def _policy_facts(site: Site, page: Page, policy: PolicyIndex) -> None:
    docs = site.journal.documents
    known = docs.find(policy.id, policy.symbol) if docs is not None and not policy.local else None
    if known is not None:
        page.para(Strong(known.line), ".", css="tb-lead")
        page.para("Đối chiếu tại: ", Link(known.source, known.source), css="tb-source")
    date = known.date if known is not None else policy.date
    rows = [
        ("Loại văn bản", known.type if known is not None else policy_type(policy)),
        ("Số, ký hiệu", policy.symbol),
        ("Năm ban hành", str(policy.year) if policy.year else "chưa rõ"),
        ("Ngày ban hành", vietnamese_date(date) if date else None),
        ("Cơ quan ban hành", (known.issuer if known is not None else policy.issuer) or "chưa rõ"),
        ("Trích yếu", known.subject if known is not None else None),
    ]
    if policy.local and policy.province_id:
        rows.append(("Phạm vi", f"văn bản của địa phương "
                                f"({site.province_name(policy.province_id)})"))
    page.add(Facts(tuple((label, value) for label, value in rows if value)))


def _policy_tasks(
    site: Site, page: Page, policy: PolicyIndex, province_id: str | None,
    citations: Sequence[Citation], level: int,
) -> None:
    """The tasks with a deadline given under the document in one province: tasks of the citing
    notices whose own text names the document. Every task of a notice that merely cites it
    would list a general notice's twenty tasks under each of its citations (most of the
    policy pages' bytes at scale, and not what "given under it" means)."""
    ids = {c.entry.id for c in citations}
    named = symbol_pattern(policy.symbol)
    rows = [row for _, row in sorted(
        (place, row) for i in ids for place, row in site.tasks_by_notice.get(i, ())
        if named(row.task))]
    if not rows:
        return
    page.heading(level, f"Nhiệm vụ giao theo văn bản này — {site.province_name(province_id)}")
    page.add(TaskTable(tuple(site.journal.task_item(r) for r in rows[: site.list_limit])))
    zipped = jp.TASKS_CSV_ZIP
    _shown_of(page, site.list_limit, len(rows),
              "Mọi nhiệm vụ có trong các văn bản dẫn chiếu ở trên và trong dữ liệu mở ",
              Link(zipped, zipped), ".")


def _shown_of(page: Page, shown: int, total: int, *more: Inline) -> None:
    """Under a task table cut at ``shown`` rows, how many it shows of how many, and where
    the rest are: without it a reader took the rows shown for all of them (before the
    cited documents' year pages, 30,873 of their tasks at 10,000 notices were past such a
    cut, unsaid)."""
    if total > shown:
        page.para(f"Bảng trên hiển thị {number(shown)} trong số {number(total)} nhiệm vụ. ",
                  *more, css="tb-note")


@cache
def symbol_pattern(symbol: str) -> Callable[[str], bool]:
    """Whether a text names the document ``symbol`` (``68/NQ-CP``): case and spaces around
    ``/`` and ``-`` aside, and not inside a longer number or code (``168/NQ-CP``)."""
    pieces = re.split(r"\s*([/-])\s*", symbol.strip())
    body = "".join(rf"\s*{re.escape(p)}\s*" if p in ("/", "-") else re.escape(p)
                   for p in pieces if p)
    pattern = re.compile(rf"(?<![\w/-]){body}(?![\w-])", re.IGNORECASE)
    lead = next((p for p in pieces if p and p not in ("/", "-")), "")
    if lead.isascii() and lead.isdigit():
        # A text without the number cannot name the document: most task texts, tested
        # against every document their notice cites (1.2 M searches at 10,000 notices).
        return lambda text: lead in text and pattern.search(text) is not None
    return lambda text: pattern.search(text) is not None


def quote_parts(quote: str, symbol: str) -> Parts:
    """The citing sentence, the symbol in bold; "…" when it starts mid-sentence."""
    body = one_line(quote)
    if body[:1].islower():
        body = "…" + body
    pieces = body.split(symbol)
    out: list[Inline] = []
    for i, piece in enumerate(pieces):
        if i:
            out.append(Strong(symbol))
        if piece:
            out.append(piece)
    return tuple(out)


def citation_list(citations: Sequence[Citation], symbol: str) -> CitationList:
    return CitationList(tuple(
        CitationItem(Link(c.entry.title, c.entry.page.path), notice_label(c.entry),
                     date_label(c.entry), tuple(quote_parts(q, symbol) for q in c.quotes))
        for c in citations
    ))


# -- chairs, years ----------------------------------------------------------------------------


def chair_pages(site: Site, chair: ChairIndex) -> list[IndexPage]:
    term = chair.term()
    path = chair_path(chair.id)
    province = site.archive.ref.provinces.get(chair.province_id or "")
    where = province_words(province) if province else "tỉnh"
    roles = ", ".join(term.roles) or "Lãnh đạo"
    title = f"{chair.name} — {roles} UBND {where}"
    of: Inline = site.province_ref(province) if province else where
    intro: list[Inline] = [f"{chair.name} chủ trì hoặc kết luận ", Strong(number(term.count)),
                           " văn bản của ", of]
    if term.first:
        intro.append(f", từ {vietnamese_date(term.first)} đến {vietnamese_date(term.last)}")
    intro.append(".")
    page = Page(path, title)
    page.para(*intro)
    summary = site.journal.chair_summary(chair)
    if summary is not None:
        for parts in jp.chair_summary_parts(summary, site.archive):
            page.para(*parts)
        if summary.tasks:
            page.heading(2, f"Nhiệm vụ có thời hạn ({number(len(summary.tasks))})")
            shown = summary.tasks[: site.list_limit]
            page.add(TaskTable(tuple(site.journal.task_item(r) for r in shown)))
            _shown_of(page, len(shown), len(summary.tasks))
            if chair.province_id:
                page.para("Mọi nhiệm vụ của tỉnh: ",
                          jp.tasks_link(jp.TASKS_TITLE, province=chair.province_id), ".")
    page.heading(2, "Văn bản")
    subpages = listing(site, page, chair.notices, title, level=3)
    return [page.done(), *subpages]


def year_pages(site: Site, year: int, entries: Sequence[Entry]) -> list[IndexPage]:
    page = Page(year_path(year), f"Văn bản năm {year}")
    counts: dict[str, int] = {}
    for e in entries:
        counts[e.record.province_id or ""] = counts.get(e.record.province_id or "", 0) + 1
    parts = joined([
        (site.province_link(pid or None, site.province_name(pid or None)), f" ({number(n)})")
        for pid, n in sorted(counts.items())
    ], " · ")
    page.para(Strong(number(len(entries))), " văn bản: ", *parts, ".")
    if len(entries) <= site.list_limit:
        page.add(notice_table(site, entries))
        return [page.done()]
    months: dict[str, list[Entry]] = {}
    for e in entries:
        months.setdefault(e.sort_date[5:7] or "00", []).append(e)
    rows = []
    subpages = []
    for month, items in months.items():
        label = f"Tháng {int(month)}/{year}" if month != "00" else "Chưa rõ tháng"
        sub = Page(f"nam/{year}/thang-{month}.md", f"Văn bản {label.lower()}")
        rows.append(((Link(label, sub.path),), (number(len(items)),)))
        sub.para("Trở về ", Link(f"Năm {year}", page.path), ".")
        sub.add(notice_table(site, items))
        subpages.append(sub.done())
    page.add(Table(("Tháng", "Số văn bản"), tuple(rows), (False, True)))
    return [page.done(), *subpages]


# -- list pages -------------------------------------------------------------------------------


def list_pages(site: Site) -> list[IndexPage]:
    makers: dict[str, Callable[[Site], list[IndexPage]]] = {
        "provinces": _province_list,
        "agencies": _agency_list,
        "policies": _policy_list,
        "chairs": _chair_list,
        "topics": _topic_list,
        "years": _year_list,
    }
    pages = []
    for make in makers.values():
        pages += make(site)
    return pages


def _province_list(site: Site) -> list[IndexPage]:
    provinces = list(site.archive.provinces.values())
    current = [p for p in provinces if p.province.current]
    merged = [p for p in provinces if not p.province.current]
    page = Page(LISTS["provinces"][0], "Các tỉnh, thành phố")
    page.para(
        f"Từ {vietnamese_date(MERGER_DATE)} cả nước có {len(current)} tỉnh, thành phố; "
        f"{len(merged)} tỉnh khác đã hợp nhất ({MERGER_ACT}). Mỗi văn bản thuộc tỉnh đã ban "
        "hành nó, như khi ban hành."
    )
    page.heading(2, f"{len(current)} tỉnh, thành phố hiện nay")
    rows = []
    for index in sorted(current, key=lambda p: p.province.code_now or p.province.code):
        olds = [p for p in site.archive.ref.predecessors(index.id) if p.id != index.id]
        names = joined([(site.province_ref(p, p.display),) for p in olds]) or ("—",)
        count = number(len(index.notices))
        inherited = sum(len(p.notices) for p in index.predecessors)
        if inherited:
            count += f" (+{number(inherited)} của tỉnh cũ)"
        rows.append(((index.province.code_now or index.province.code,),
                     (site.province_ref(index.province, index.province.display),), names,
                     (count,)))
    page.add(Table(("Mã", "Tỉnh, thành phố", "Gồm địa bàn của", "Văn bản"), tuple(rows),
                   (False, False, False, True)))
    page.heading(2, f"{len(merged)} tỉnh đã hợp nhất")
    merged_rows = []
    for index in sorted(merged, key=lambda p: p.province.code):
        successor = index.successor
        now: Parts = (site.province_ref(successor, successor.display),) if successor else ("—",)
        merged_rows.append(((index.province.code,),
                            (site.province_ref(index.province, index.province.display),), now,
                            (number(len(index.notices)),)))
    page.add(Table(("Mã cũ", "Tỉnh", "Nay thuộc", "Văn bản"), tuple(merged_rows),
                   (False, False, False, True)))
    return [page.done(in_nav=True)]


def _agency_list(site: Site) -> list[IndexPage]:
    """Every agency; beyond the limit, the bodies of one province (district committees,
    provincial offices) move to one sub-page per province, the shared ones stay."""
    page = Page(LISTS["agencies"][0], "Cơ quan được giao nhiệm vụ")
    agencies = sorted(site.archive.agencies.values(), key=lambda a: (a.name, a.id))
    if any(a.tasks for a in agencies):
        page.add(jp.agency_chart(site.archive))
        page.para("Mọi nhiệm vụ theo thời hạn, lọc theo cơ quan: ",
                  Link(jp.TASKS_TITLE, jp.TASKS_PATH), ".")
    if len(agencies) <= site.list_limit:
        page.add(_agency_table(site, agencies))
        return [page.done(in_nav=True)]
    shared = [a for a in agencies if not a.province_id]
    local: dict[str, list[AgencyIndex]] = {}
    for agency in agencies:
        if agency.province_id:
            local.setdefault(agency.province_id, []).append(agency)
    page.heading(2, "Cơ quan ở mọi tỉnh, thành phố")
    page.add(_agency_table(site, shared))
    page.heading(2, "Cơ quan của từng tỉnh, thành phố")
    rows = []
    subpages = []
    for province_id, items in sorted(local.items()):
        name = site.province_name(province_id)
        sub = Page(f"co-quan/dia-phuong/{province_id}.md", f"Cơ quan của {name}")
        rows.append(((Link(name, sub.path),), (number(len(items)),)))
        sub.para("Trở về ", Link("Cơ quan được giao nhiệm vụ", page.path), ".")
        sub.add(_agency_table(site, items))
        subpages.append(sub.done())
    page.add(Table(("Tỉnh, thành phố", "Cơ quan"), tuple(rows), (False, True)))
    return [page.done(in_nav=True), *subpages]


def _agency_table(site: Site, agencies: Iterable[AgencyIndex]) -> Table:
    rows = []
    for agency in agencies:
        where = site.province_name(agency.province_id) if agency.province_id else "các tỉnh"
        rows.append(((Link(agency.name, agency_path(agency.id)),), (where,),
                     (number(len(agency.notices)),), (number(len(agency.tasks)),)))
    return Table(("Cơ quan", "Tỉnh, thành phố", "Văn bản", "Nhiệm vụ có thời hạn"),
                 tuple(rows), (False, False, True, True))


def _policy_list(site: Site) -> list[IndexPage]:
    with_pages = [p for p in site.archive.policies.values() if site.has_policy_page(p.id)]
    policies = sorted(sorted(with_pages, key=lambda p: p.id),
                      key=lambda p: len(p.citations), reverse=True)
    others = len(site.archive.policies) - len(with_pages)
    page = Page(LISTS["policies"][0], "Văn bản được dẫn chiếu")
    page.para("Văn bản, chủ trương mà các văn bản trong lưu trữ viện dẫn; được dẫn chiếu nhiều "
              "nhất trước.")
    if others:
        page.para(f"Ngoài ra có {number(others)} văn bản của địa phương chỉ được một văn bản "
                  "dẫn chiếu; chúng được ghi trong trang của văn bản dẫn chiếu.")
    if policies:
        page.add(jp.policy_chart(site.archive))
    if len(policies) <= site.list_limit:
        page.add(_policy_table(policies))
        return [page.done(in_nav=True)]
    page.heading(2, "Được dẫn chiếu nhiều nhất")
    page.add(_policy_table(policies[: site.list_limit // 4]))
    page.heading(2, "Theo năm ban hành")
    by_issue_year: dict[int | None, list[PolicyIndex]] = {}
    for policy in sorted(policies, key=lambda p: (-(p.year or 0), p.id)):
        by_issue_year.setdefault(policy.year, []).append(policy)
    rows = []
    subpages = []
    for year, items in by_issue_year.items():
        label = f"Năm {year}" if year else "Chưa rõ năm"
        sub = Page(f"chinh-sach/nam-{year or 'chua-ro'}.md",
                   f"Văn bản được dẫn chiếu — {label.lower()}")
        rows.append(((Link(label, sub.path),), (number(len(items)),)))
        sub.para("Trở về ", Link("Văn bản được dẫn chiếu", page.path), ".")
        sub.add(_policy_table(sorted(items, key=lambda p: (-len(p.citations), p.id))))
        subpages.append(sub.done())
    page.add(Table(("Năm ban hành", "Số văn bản"), tuple(rows), (False, True)))
    return [page.done(in_nav=True), *subpages]


def _policy_table(policies: Iterable[PolicyIndex]) -> Table:
    return Table(
        ("Văn bản", "Cơ quan ban hành", "Năm", "Văn bản dẫn chiếu", "Tỉnh, thành phố"),
        tuple(
            ((Link(p.name, policy_path(p.id)),), (p.issuer or "",), (str(p.year or ""),),
             (number(len(p.citations)),), (number(len(p.provinces())),))
            for p in policies
        ),
        (False, False, False, True, True),
    )


def _chair_list(site: Site) -> list[IndexPage]:
    page = Page(LISTS["chairs"][0], "Lãnh đạo chủ trì")
    page.para("Người chủ trì phiên họp hoặc có kết luận được thông báo, theo tỉnh, thành phố.")
    chairs = sorted(site.archive.chairs.values(),
                    key=lambda c: (c.province_id or "", c.term().last, c.id))
    rows = []
    for chair in chairs:
        term = chair.term()
        rows.append(((Link(chair.name, chair_path(chair.id)),), (", ".join(term.roles),),
                     (site.province_link(chair.province_id,
                                         site.province_name(chair.province_id)),),
                     (vietnamese_date(term.first),), (vietnamese_date(term.last),),
                     (number(term.count),)))
    page.add(Table(("Lãnh đạo", "Chức vụ", "Tỉnh, thành phố", "Từ", "Đến", "Văn bản"),
                   tuple(rows), (False, False, False, False, False, True)))
    return [page.done(in_nav=True)]


def _topic_list(site: Site) -> list[IndexPage]:
    page = Page(LISTS["topics"][0], "Chủ đề")
    page.para(f"Mỗi văn bản có tối đa {MAIN_LIMIT} chủ đề chính, theo mức độ văn bản nói về chủ "
              "đề đó; các chủ đề khác văn bản chỉ nhắc đến. Chủ đề là chủ đề chính của nhiều "
              "văn bản nhất trước.")
    counts = jp.topic_counts(site.archive)
    topics = sorted(site.archive.topics.values(), key=lambda t: (-counts[t.id][0], t.name))
    page.add(Table(("Chủ đề", "Là chủ đề chính", "Chỉ nhắc đến", "Tổng số văn bản"), tuple(
        ((Link(t.name, topic_path(t.id)),), (number(counts[t.id][0]),),
         (number(counts[t.id][1]),), (number(len(t.notices)),))
        for t in topics
    ), (False, True, True, True)))
    if site.archive.notices:
        page.heading(2, "Chủ đề chính theo tháng")
        page.add(jp.topic_chart(site.archive))
    return [page.done(in_nav=True)]


def _year_list(site: Site) -> list[IndexPage]:
    page = Page(LISTS["years"][0], "Văn bản theo năm")
    rows = []
    for year in site.archive.years.values():
        provinces = {e.record.province_id for e in year.notices if e.record.province_id}
        rows.append(((Link(str(year.year), year_path(year.year)),),
                     (number(len(year.notices)),), (number(len(provinces)),)))
    page.add(Table(("Năm", "Văn bản", "Tỉnh, thành phố"), tuple(rows), (False, True, True)))
    return [page.done(in_nav=True)]


# -- home -------------------------------------------------------------------------------------


def home_sections(
    archive: Archive, latest: int = 10, list_limit: int = 200
) -> dict[str, IndexPage]:
    """Generated parts of the hand-written home page, by marker name (each a headless page)."""
    site = Site(archive, list_limit)
    c = archive.counts
    counts: list[Parts] = [
        (Strong(number(n)), " ", Link(label, LISTS[key][0]) if key else label)
        for n, label, key in (
            (c.notices, "văn bản", None),
            (c.provinces, "tỉnh, thành phố", "provinces"),
            (c.agencies, "cơ quan được giao nhiệm vụ", "agencies"),
            (c.policies, "văn bản được dẫn chiếu", "policies"),
            (c.chairs, "lãnh đạo chủ trì", "chairs"),
            (c.topics, "chủ đề", "topics"),
        )
    ]
    provinces: list[Parts] = [
        (Link(index.province.name, province_path(index.id)), f" ({number(len(index.notices))})")
        for index in archive.provinces.values() if index.notices
    ]

    years: list[Parts] = [
        (Link(str(y.year), year_path(y.year)), f" ({number(len(y.notices))})")
        for y in archive.years.values()
    ]
    blocks = {
        "counts": ("Lưu trữ hiện có ", *joined(counts), "."),
        "provinces": joined(provinces, " · ") or ("Chưa có văn bản.",),
        "topics": jp.topic_links_main_first(archive) or ("Chưa có chủ đề.",),
        "years": joined(years, " · ") or ("Chưa có văn bản.",),
    }
    out = {name: IndexPage(HOME, "", (Para(parts),)) for name, parts in blocks.items()}
    out["latest"] = IndexPage(HOME, "", (notice_table(site, archive.notices[:latest]),))
    if archive.notices:
        # The archive at a glance: its figures in one sentence, then who wrote when.
        out["counts"] = IndexPage(HOME, "", (
            Para(blocks["counts"]),
            Para(("Nhìn nhanh: ", *jp.glance(archive, site.journal, "chat-luong/index.md")),
                 css="tb-glance"),
        ))
        out["provinces"] = IndexPage(HOME, "", (Para(blocks["provinces"]),
                                                jp.province_chart(archive)))
    return {name: out[name] for name in ("counts", "latest", "provinces", "topics", "years")}

