"""The pages journalists come for (issue 11), as listing views: tasks and deadlines, key
figures per indicator, charts where a picture answers faster, the archive at a glance.

Plain Python like ``indexpages``: views of typed blocks that the listing template renders with
autoescape on. The numbers come from the pure core (``tasks``, ``figures``, ``overviews``,
``charts``, ``chair_summaries``, ``national_documents``); this module only decides what goes on
which page. Long lists move to one sub-page per month (tasks) or per year (figures), as the
other listings move to sub-pages (a month of the whole country is not cut further: docs/site.md,
"Pagination").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote

from . import exports
from . import figures as figures_mod
from . import national_documents as national_mod
from .archive import Archive, ChairIndex
from .chair_summaries import ChairSummary, chair_summaries
from .dates import short_date, vietnamese_date
from .figures import (
    AMOUNT,
    GROWTH,
    SHARE,
    Figure,
    Indicator,
    format_number,
    load_indicators,
    notice_figures,
)
from .listing import (
    ChartBlock,
    Filter,
    FilterForm,
    FilterOption,
    IndexPage,
    Link,
    Page,
    Para,
    Parts,
    Strong,
    Table,
    TaskItem,
    TaskTable,
    joined,
    one_line,
)
from .national_documents import NationalDocuments, load_national_documents
from .overviews import (
    chart_indicator,
    chart_most_cited_policies,
    chart_most_tasked_agencies,
    chart_notices_per_province_month,
    chart_topics_over_time,
    month_label,
)
from .paging import number
from .tasks import (
    DUE_THIS_MONTH,
    PAST_DUE,
    STATUS_LABELS,
    UPCOMING,
    TaskRow,
    TasksView,
    task_record,
)
from .tasks import tasks_view as make_tasks_view
from .urls import agency_path, province_path, topic_path

TASKS_PATH = "nhiem-vu/index.md"
TASKS_TITLE = "Nhiệm vụ và thời hạn"
INDICATORS_PATH = "chi-so/index.md"
INDICATORS_TITLE = "Số liệu kinh tế - xã hội"
TASKS_CSV_ZIP = exports.TASKS_CSV_NAME + exports.ZIP_SUFFIX  # docs path of the download
# The filters' names, as the page's address carries them (``nhiem-vu/#co-quan=so-y-te``).
FILTERS = (("tinh", "province", "Tỉnh, thành phố"), ("co-quan", "agency", "Cơ quan"),
           ("thang", "month", "Tháng"))
_MEASURE_LABELS = {GROWTH: "Tốc độ tăng", SHARE: "Tỷ lệ so với kế hoạch", AMOUNT: "Giá trị"}
_SENTENCE_CHARS = 240
_FRAGMENT_WORDS = 8


def indicator_path(indicator_id: str) -> str:
    return f"chi-so/{indicator_id}/index.md"


def tasks_link(label: str, **filters: str) -> Link:
    """A link to the tasks page with its filters set (``tinh="lao-cai"``): the fragment, read
    by ``tasks.js``; a static site has no server to read a query."""
    names = {attribute: name for name, attribute, _ in FILTERS}
    fragment = "&".join(f"{names[k]}={v}" for k, v in filters.items())
    return Link(label, TASKS_PATH, anchor=fragment or None)


# ---------------------------------------------------------------------------------------------
# What the pages share, computed once per build


@dataclass
class Journal:
    """The archive's tasks view, figures and vocabularies: built once, read by every page."""

    archive: Archive

    @cached_property
    def agency_names(self) -> dict[str, str]:
        """Reference agency id → name: how tasks and chair summaries name the bodies."""
        return {aid: a.name for aid, a in self.archive.ref.agencies.items()}

    @cached_property
    def tasks(self) -> TasksView:
        return make_tasks_view((e.record for e in self.archive.notices), self.agency_names)

    @cached_property
    def _task_items(self) -> dict[TaskRow, TaskItem]:
        return {}

    def task_item(self, row: TaskRow) -> TaskItem:
        """:func:`task_item` of ``row``, made once: a task is listed on the tasks page and on
        its agency's, its chair's and its document's pages (four times, at 2,000 notices
        80,000 items made for 20,000 tasks: a twentieth of a warm build)."""
        item = self._task_items.get(row)
        if item is None:
            item = self._task_items[row] = task_item(self.archive, row)
        return item

    @cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        path = Path(self.archive.ref.directory) / figures_mod.FILE
        return load_indicators(path) if path.is_file() else ()

    @cached_property
    def documents(self) -> NationalDocuments | None:
        path = Path(self.archive.ref.directory) / national_mod.FILE
        return load_national_documents(path) if path.is_file() else None

    @cached_property
    def figures(self) -> tuple[Figure, ...]:
        if not self.indicators:
            return ()
        # Found by the build step and cached with each notice; a page made without them
        # (None) is read here.
        return tuple(f for e in self.archive.notices
                     for f in (e.page.figures if e.page.figures is not None else
                               notice_figures(e.record, e.page.loaded().body, self.indicators,
                                              self.archive.ref)))

    def chair_summary(self, chair: ChairIndex) -> ChairSummary | None:
        """The chair's summary, from the chair's own notices: ``chair_summaries`` of the
        whole archive groups the same records in the same order, so it is the same summary,
        and a chair's page made alone (its index unit) does not summarise every chair."""
        made = chair_summaries((e.record for e in chair.notices),
                               agency_names=self.agency_names)
        return {c.id: c for c in made}.get(chair.id)

    @cached_property
    def incomplete(self) -> int:
        return sum(1 for e in self.archive.notices
                   if not e.record.date or not e.record.province_id)


# ---------------------------------------------------------------------------------------------
# Tasks and deadlines


def task_item(archive: Archive, row: TaskRow) -> TaskItem:
    entry = archive.by_id[row.notice_id]
    agency_page = archive.agency_page(row.agency_id, row.province_id) if row.agency_id else ""
    agency = None
    if row.agency_id:
        known = agency_page in archive.agencies
        agency = Link(row.agency_name or row.agency_id, agency_path(agency_page) if known else None)
    index = archive.provinces.get(row.province_id or "")
    province = Link(row.province or "chưa rõ",
                    province_path(index.id) if index and index.has_page else None)
    return TaskItem(
        due=short_date(row.date), task=one_line(row.task), agency=agency,
        province=province, notice=Link(entry.title, entry.page.path),
        notice_date=short_date(row.notice_date), province_id=row.province_id or "",
        agency_id=agency_page, month=row.month, status=row.status,
        status_label=STATUS_LABELS[row.status],
    )


def _filters(items: Sequence[TaskItem]) -> FilterForm:
    provinces = Counter((i.province_id, i.province.label) for i in items if i.province_id)
    agencies = Counter((i.agency_id, i.agency.label) for i in items if i.agency is not None)
    months = Counter(i.month for i in items)

    def options(counts: Counter[tuple[str, str]]) -> tuple[FilterOption, ...]:
        ranked = sorted(counts.items(), key=lambda kv: (kv[0][1].lower(), kv[0][0]))
        return tuple(FilterOption(v, label, n) for (v, label), n in ranked)

    values = {
        "province": options(provinces),
        "agency": options(agencies),
        "month": tuple(FilterOption(m, f"Tháng {month_label(m)}", n)
                       for m, n in sorted(months.items())),
    }
    return FilterForm(tuple(Filter(name, attribute, label, values[attribute])
                            for name, attribute, label in FILTERS))


def _months(
    items: Sequence[TaskItem], newest_first: bool = False
) -> list[tuple[str, list[TaskItem]]]:
    groups: dict[str, list[TaskItem]] = {}
    for item in items:
        groups.setdefault(item.month, []).append(item)
    return sorted(groups.items(), reverse=newest_first)


def month_page_path(month: str) -> str:
    return f"nhiem-vu/{month}.md"


def tasks_pages(archive: Archive, journal: Journal, list_limit: int = 200) -> list[IndexPage]:
    """``nhiem-vu/``: every task in calendar order, this month's first, then those still
    ahead, then those whose date has passed (most recent first); filters by province, agency
    and month. Beyond ``list_limit`` tasks, each month moves to a sub-page."""
    view = journal.tasks
    items = [journal.task_item(row) for row in view.rows]
    page = Page(TASKS_PATH, TASKS_TITLE)
    notices = len({r.notice_id for r in view.rows})
    provinces = len({r.province_id for r in view.rows if r.province_id})
    page.para("Lưu trữ có ", Strong(number(len(items))), " nhiệm vụ có thời hạn, giao trong ",
              Strong(number(notices)), f" văn bản của {number(provinces)} tỉnh, thành phố; "
              "xếp theo thời hạn.")
    if view.reference_date:
        page.para(
            "Mốc tính “đến hạn trong tháng” và “hạn đã qua” là ngày của văn bản mới nhất trong "
            f"lưu trữ, {vietnamese_date(view.reference_date)}, không phải ngày bạn xem trang. "
            "“Hạn đã qua” chỉ nói thời hạn đã trôi qua; lưu trữ không biết nhiệm vụ đã được "
            "hoàn thành hay chưa.", css="tb-note")
    zipped_json = exports.TASKS_JSON_NAME + exports.ZIP_SUFFIX
    zipped_csv = TASKS_CSV_ZIP
    page.para("Dữ liệu mở (nén ZIP): ", Link(zipped_json, zipped_json), ", ",
              Link(zipped_csv, zipped_csv), " (cấu trúc: ",
              Link("nhiem-vu.schema.json", "nhiem-vu.schema.json"), ").")
    if not items:
        page.para("Chưa có nhiệm vụ nào có thời hạn.")
        return [page.done(in_nav=True)]
    paged = len(items) > list_limit
    # The form is always there: province, agency and chair pages link to its state
    # (#co-quan=…). On a long list it filters the rows this page holds (this month's).
    page.add(_filters(items))
    if paged:
        page.para("Danh sách dài: trang này chỉ liệt kê nhiệm vụ đến hạn trong tháng; bộ lọc "
                  "lọc các nhiệm vụ đó. Nhiệm vụ của các tháng khác ở trang riêng từng tháng.",
                  css="tb-note")
    by_status = {s: [i for i in items if i.status == s] for s in STATUS_LABELS}
    ref_month = month_label(view.reference_date[:7]) if view.reference_date else ""
    page.heading(2, f"Đến hạn trong tháng {ref_month}".strip())
    due = by_status[DUE_THIS_MONTH]
    if due:
        page.add(TaskTable(tuple(due[:list_limit])))
        if len(due) > list_limit:
            page.para("Còn nữa: ", Link(f"mọi nhiệm vụ tháng {ref_month}",
                                        month_page_path(due[0].month)), ".")
    else:
        page.para("Không có nhiệm vụ nào đến hạn trong tháng này.")
    subpages: list[IndexPage] = []
    sections = ((UPCOMING, "Còn hạn", False), (PAST_DUE, "Hạn đã qua", True))
    for status, heading, newest in sections:
        page.heading(2, heading)
        group = by_status[status]
        if not group:
            page.para("Không có nhiệm vụ nào.")
            continue
        months = _months(group, newest)
        if not paged:
            for month, rows in months:
                page.heading(3, f"Tháng {month_label(month)}")
                page.add(TaskTable(tuple(rows)))
            continue
        page.add(Table(("Tháng", "Số nhiệm vụ"), tuple(
            ((Link(f"Tháng {month_label(m)}", month_page_path(m)),), (number(len(rows)),))
            for m, rows in months), (False, True)))
    if paged:
        for month, rows in _months(items):
            sub = Page(month_page_path(month), f"{TASKS_TITLE} — tháng {month_label(month)}")
            sub.para(f"{number(len(rows))} nhiệm vụ. Trở về ", Link(TASKS_TITLE, TASKS_PATH), ".")
            sub.add(_filters(rows))
            sub.add(TaskTable(tuple(rows)))
            subpages.append(sub.done())
    return [page.done(in_nav=True), *subpages]


# ---------------------------------------------------------------------------------------------
# Key figures


def text_fragment(words: str) -> str:
    """A text fragment (``:~:text=…``) for ``words``: the browser scrolls to them and
    highlights them on the notice's page. The delimiters ``-``, ``,`` and ``&`` are
    percent-encoded as the specification asks."""
    return ":~:text=" + quote(" ".join(words.split()), safe="").replace("-", "%2D")


def figure_excerpt(figure: Figure) -> str:
    """The words of the sentence that hold the figure: up to ``_FRAGMENT_WORDS`` words ending
    with its number as written (``GRDP tăng 3,42%``); the sentence's first words when the
    number was rescaled (``419.016 triệu đồng`` read as tỷ đồng) and is not found as written."""
    words = figure.sentence.split()
    number = format_number(abs(figure.value))
    for i, word in enumerate(words):
        if word.startswith(number):
            return " ".join(words[max(0, i - _FRAGMENT_WORDS + 1): i + 1])
    return " ".join(words[:_FRAGMENT_WORDS])


def figure_value(figure: Figure) -> str:
    text = figure.text
    return f"{text} (ước tính)" if figure.estimated and "ước" not in text else text


def _sentence(figure: Figure) -> str:
    """The sentence, cut around the figure when long (``…`` where cut)."""
    one = " ".join(figure.sentence.split())
    if len(one) <= _SENTENCE_CHARS:
        return one
    at = max(0, one.find(figure_excerpt(figure)))
    start = max(0, min(at - _SENTENCE_CHARS // 3, len(one) - _SENTENCE_CHARS))
    cut = one[start: start + _SENTENCE_CHARS].strip()
    return ("…" if start else "") + cut + ("…" if start + _SENTENCE_CHARS < len(one) else "")


def _figure_table(archive: Archive, rows: Sequence[Figure]) -> Table:
    out = []
    for f in rows:
        entry = archive.by_id[f.notice_id]
        value = Link(figure_value(f), entry.page.path, anchor=text_fragment(figure_excerpt(f)))
        index = archive.provinces.get(f.province_id or "")
        province = Link(f.province or "chưa rõ",
                        province_path(index.id) if index and index.has_page else None)
        out.append(((short_date(f.notice_date),), (province,), (f.period or "—",),
                    (_MEASURE_LABELS[f.measure],), (value,), (_sentence(f),)))
    head = ("Ngày văn bản", "Tỉnh, thành phố", "Kỳ", "Chỉ tiêu", "Số liệu", "Câu trong văn bản")
    return Table(head, tuple(out), (False, False, False, False, True, False))


def indicator_pages(archive: Archive, journal: Journal, list_limit: int = 200) -> list[IndexPage]:
    """``chi-so/``: the indicators with how many figures each; ``chi-so/<id>/``: its chart per
    measure and its table across provinces and time, each value linking to its sentence."""
    if not journal.indicators:
        return []
    tables = figures_mod.indicator_tables(journal.figures, journal.indicators)
    index = Page(INDICATORS_PATH, INDICATORS_TITLE)
    index.para("Các chỉ số kinh tế mà văn bản báo cáo (tăng trưởng GRDP, thu ngân sách, giải "
               "ngân vốn đầu tư công …), đọc từ câu văn của văn bản; chỉ lấy số liệu đọc được "
               "chắc chắn, không lấy chỉ tiêu, mục tiêu hay số của nơi khác. Mỗi số liệu dẫn "
               "tới câu văn của nó.")
    rows = []
    pages: list[IndexPage] = []
    for table in tables:
        provinces = table.provinces
        latest = max((f.notice_date or "" for f in table.rows), default="")
        rows.append(((Link(table.indicator.name, indicator_path(table.indicator.id)),),
                     (number(len(table.rows)),), (number(len(provinces)),),
                     (short_date(latest) if latest else "—",)))
        pages += _indicator_page(archive, table, list_limit)
    index.add(Table(("Chỉ số", "Số liệu", "Tỉnh, thành phố", "Văn bản mới nhất"), tuple(rows),
                    (False, True, True, False)))
    return [index.done(in_nav=True), *pages]


def _indicator_page(
    archive: Archive, table: figures_mod.IndicatorTable, list_limit: int
) -> list[IndexPage]:
    ind = table.indicator
    page = Page(indicator_path(ind.id), ind.name)
    page.para(f"{number(len(table.rows))} số liệu của {number(len(table.provinces))} tỉnh, "
              "thành phố, theo ngày văn bản. Bấm vào số liệu để đến câu văn trong văn bản. ",
              Link("Mọi chỉ số", INDICATORS_PATH), ".")
    if not table.rows:
        page.para("Chưa đọc được số liệu nào của chỉ số này.")
        return [page.done()]
    for measure in (GROWTH, SHARE, AMOUNT):
        if any(f.measure == measure for f in table.rows):
            chart = chart_indicator(table.rows, ind, measure)
            page.heading(2, _MEASURE_LABELS[measure])
            page.add(ChartBlock(chart.title, chart.html))
    page.heading(2, "Bảng số liệu")
    if len(table.rows) <= list_limit:
        page.add(_figure_table(archive, table.rows))
        return [page.done()]
    years: dict[str, list[Figure]] = {}
    for f in table.rows:
        years.setdefault((f.notice_date or "")[:4] or "chua-ro", []).append(f)
    subpages = []
    links = []
    for year, rows in sorted(years.items(), reverse=True):
        sub = Page(f"chi-so/{ind.id}/{year}.md", f"{ind.name} — năm {year}")
        sub.para("Trở về ", Link(ind.name, page.path), ".")
        sub.add(_figure_table(archive, rows))
        subpages.append(sub.done())
        links.append(((Link(f"Năm {year}", sub.path),), (number(len(rows)),)))
    page.add(Table(("Năm", "Số liệu"), tuple(links), (False, True)))
    return [page.done(), *subpages]


# ---------------------------------------------------------------------------------------------
# Charts on the list pages, the archive at a glance


def chart_block(chart: object) -> ChartBlock:
    return ChartBlock(chart.title, chart.html)  # type: ignore[attr-defined]


def province_chart(archive: Archive) -> ChartBlock:
    return chart_block(chart_notices_per_province_month([e.record for e in archive.notices]))


def topic_chart(archive: Archive) -> ChartBlock:
    names = {slug: t.name for slug, t in archive.ref.topics.items()}
    return chart_block(chart_topics_over_time([e.record for e in archive.notices], names))


def policy_chart(archive: Archive) -> ChartBlock:
    return chart_block(chart_most_cited_policies([e.record for e in archive.notices]))


def agency_chart(archive: Archive) -> ChartBlock:
    names = {aid: a.name for aid, a in archive.ref.agencies.items()}
    return chart_block(chart_most_tasked_agencies([e.record for e in archive.notices],
                                                  names=names))


def glance(archive: Archive, journal: Journal, quality_path: str | None = None) -> Parts:
    """One sentence of the archive's figures: notices, provinces, date range, tasks due this
    month and past due, incomplete notices."""
    dates = sorted(e.sort_date for e in archive.notices if e.sort_date)
    view = journal.tasks
    parts: list[object] = [Strong(number(archive.counts.notices)), " văn bản của ",
                           Strong(number(archive.counts.provinces)), " tỉnh, thành phố"]
    if dates:
        parts.append(f", từ {short_date(dates[0])} đến {short_date(dates[-1])}")
    parts += ["; ", Strong(number(len(view.rows))), " ",
              tasks_link("nhiệm vụ có thời hạn"), ", trong đó ",
              Strong(number(len(view.due_this_month))), " đến hạn trong tháng của văn bản mới "
              "nhất và ", Strong(number(len(view.past_due))), " đã qua hạn; ",
              Strong(number(journal.incomplete)), " "]
    parts.append(Link("văn bản chưa đủ ngày hoặc tỉnh", quality_path) if quality_path
                 else "văn bản chưa đủ ngày hoặc tỉnh")
    parts.append(".")
    return tuple(parts)  # type: ignore[return-value]


def topic_counts(archive: Archive) -> dict[str, tuple[int, int]]:
    """Topic → (notices where it is main, notices where it is only mentioned)."""
    main: Counter[str] = Counter()
    every: Counter[str] = Counter()
    for e in archive.notices:
        main.update(set(e.record.topics_main))
        every.update(set(e.record.topics))
    return {slug: (main[slug], every[slug] - main[slug]) for slug in archive.topics}


def topic_links_main_first(archive: Archive) -> Parts:
    """``Đầu tư công (12 chính · 20 nhắc đến)`` for each topic, main counts first."""
    counts = topic_counts(archive)
    ranked = sorted(archive.topics.values(), key=lambda t: (-counts[t.id][0], t.name))
    return joined([
        (Link(t.name, topic_path(t.id)),
         f" ({number(counts[t.id][0])} chính · {number(counts[t.id][1])} nhắc đến)")
        for t in ranked
    ], " · ")


def chair_summary_parts(summary: ChairSummary, archive: Archive) -> list[Parts]:
    """Paragraphs of a chair's page: tenure, what they asked for most."""
    out: list[Parts] = []
    out.append(("Thời gian thấy trong lưu trữ: ", Strong(summary.tenure),
                f" (văn bản đầu tiên {short_date(summary.first)}, cuối cùng "
                f"{short_date(summary.last)}; không phải nhiệm kỳ chính thức)."))
    if summary.topics:
        names = {slug: t.name for slug, t in archive.ref.topics.items()}
        out.append(("Chủ đề chính thường gặp: ", *joined([
            (Link(names.get(slug, slug), topic_path(slug) if slug in archive.topics else None),
             f" ({number(n)})") for slug, n in summary.topics]), "."))
    if summary.agencies:
        items: list[Parts] = []
        for aid, name, n in summary.agencies:
            page_id = archive.agency_page(aid, summary.province_id)
            items.append((Link(name, agency_path(page_id) if page_id in archive.agencies
                               else None), f" ({number(n)} nhiệm vụ)"))
        out.append(("Giao nhiệm vụ có thời hạn nhiều nhất cho: ", *joined(items), "."))
    return out



# ---------------------------------------------------------------------------------------------
# Open data


def archive_task_zips(archive: Archive, journal: Journal, site_url: str,
                      site_name: str) -> list[tuple[str, bytes]]:
    """``nhiem-vu.json.zip`` and ``nhiem-vu.csv.zip``: the tasks page's rows (their schema is
    ``exports.task_schema_json``)."""
    urls = {notice_id: site_url + entry.url for notice_id, entry in archive.by_id.items()}
    return task_zips(journal.tasks, urls, site_url, site_name)


TASKS_ZIPS = (exports.TASKS_JSON_NAME + exports.ZIP_SUFFIX,
              exports.TASKS_CSV_NAME + exports.ZIP_SUFFIX)


def task_zips(tasks: TasksView, urls: dict[str, str], site_url: str,
              site_name: str) -> list[tuple[str, bytes]]:
    """``nhiem-vu.json.zip`` and ``nhiem-vu.csv.zip`` of ``tasks``; ``urls``: a notice's id →
    the absolute URL of its page."""
    def rows() -> Iterator[dict[str, Any]]:  # made as they are written (exports.zipped)
        for row in tasks.rows:
            yield {**task_record(row), "notice_url": urls[str(row.notice_id)]}

    return [
        exports.zipped(exports.TASKS_JSON_NAME, exports.tasks_json_chunks(
            rows(), len(tasks.rows), site_url, site_name, tasks.reference_date)),
        exports.zipped(exports.TASKS_CSV_NAME, exports.tasks_csv_chunks(rows())),
    ]


def with_glance(view: IndexPage, archive: Archive, journal: Journal) -> IndexPage:
    """``view`` (the quality page) with the archive's figures at a glance after its heading."""
    blocks = list(view.blocks)
    blocks.insert(1, Para(("Nhìn nhanh: ", *glance(archive, journal)), css="tb-glance"))
    return IndexPage(view.path, view.title, tuple(blocks), view.in_nav)
