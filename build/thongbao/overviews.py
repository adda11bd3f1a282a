"""The archive at a glance: the numbers behind its charts, and the charts themselves.

Pure functions over records (and figures); the template calls them once per build. Counts are
of notices (a notice citing 68/NQ-CP three times counts once), except for agencies, which are
counted by the tasks (deadlines) given to them. Ties break by name, so builds agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from .charts import Chart, bar_chart, heat_grid, line_chart
from .figures import AMOUNT, GROWTH, SHARE, Figure, Indicator
from .record import Record
from .tasks import notice_date


def month_label(month: str) -> str:
    """``2021-09`` → ``9/2021``."""
    return f"{int(month[5:7])}/{month[:4]}" if len(month) >= 7 else month


@dataclass(frozen=True)
class Grid:
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    values: Mapping[tuple[str, str], int]


def notices_per_province_month(records: Iterable[Record], last: int | None = None) -> Grid:
    """Provinces (most notices first) × months (calendar order, every month in between; only
    the ``last`` months up to the newest when given: a phone cannot show ten years)."""
    counts: Counter[tuple[str, str]] = Counter()
    for record in records:
        day = notice_date(record)
        if record.province and day:
            counts[(record.province, day[:7])] += 1
    return _grid(counts, last)


def topics_over_time(
    records: Iterable[Record], names: Mapping[str, str], last: int | None = None
) -> Grid:
    """Main topics (by name, most frequent first) × months: what the archive was about when."""
    counts: Counter[tuple[str, str]] = Counter()
    for record in records:
        day = notice_date(record)
        if not day:
            continue
        for slug in record.topics_main or record.topics[:1]:
            counts[(names.get(slug, slug), day[:7])] += 1
    return _grid(counts, last)


def _grid(counts: Counter[tuple[str, str]], last: int | None) -> Grid:
    months = sorted({m for _, m in counts})
    columns = tuple(_months_between(months[0], months[-1])) if months else ()
    if last is not None:
        columns = columns[-last:]
        kept = set(columns)
        counts = Counter({key: n for key, n in counts.items() if key[1] in kept})
    totals: Counter[str] = Counter()
    for (row, _), n in counts.items():
        totals[row] += n
    rows = tuple(sorted(totals, key=lambda r: (-totals[r], r)))
    return Grid(rows, columns, counts)


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out


def most_cited_policies(
    records: Iterable[Record],
    limit: int = 10,
    keep: Callable[[str, str], bool] | None = None,
) -> list[tuple[str, str, int]]:
    """(policy id, label, notices citing it), most cited first; the label is the policy's
    short name ("Nghị quyết số 68/NQ-CP"). ``keep(id, symbol)`` narrows the count (e.g. to
    the national documents the vocabulary explains)."""
    counts: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for record in records:
        for policy in {p.id: p for p in record.policies}.values():
            if keep is not None and not keep(policy.id, policy.symbol):
                continue
            counts[policy.id] += 1
            labels.setdefault(policy.id, policy.name or policy.symbol)
    ranked = sorted(counts, key=lambda pid: (-counts[pid], labels[pid], pid))[:limit]
    return [(pid, labels[pid], counts[pid]) for pid in ranked]


def most_tasked_agencies(
    records: Iterable[Record], limit: int = 10, names: Mapping[str, str] | None = None
) -> list[tuple[str, str, int]]:
    """(agency id, name, tasks with a deadline given to it), most tasked first."""
    counts: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for record in records:
        own = {a.id: a.name for a in record.agencies}
        for deadline in record.deadlines:
            if deadline.agency:
                counts[deadline.agency] += 1
                labels.setdefault(
                    deadline.agency,
                    (names or {}).get(deadline.agency) or own.get(deadline.agency)
                    or deadline.agency,
                )
    ranked = sorted(counts, key=lambda aid: (-counts[aid], labels[aid], aid))[:limit]
    return [(aid, labels[aid], counts[aid]) for aid in ranked]


def indicator_series(
    figures: Iterable[Figure], indicator: str, measure: str
) -> dict[str, list[tuple[str, Figure]]]:
    """Province → [(month of the notice, figure)] of one indicator and measure, in month
    order; of two figures of one province and month, the first reported is kept."""
    out: dict[str, dict[str, Figure]] = {}
    for figure in figures:
        if figure.indicator != indicator or figure.measure != measure:
            continue
        if not figure.province or not figure.notice_date:
            continue
        out.setdefault(figure.province, {}).setdefault(figure.notice_date[:7], figure)
    return {p: sorted(by_month.items()) for p, by_month in sorted(out.items())}


# -- the charts -------------------------------------------------------------------------------

_MEASURE_UNIT = {GROWTH: "%", SHARE: "%"}


def chart_notices_per_province_month(records: Sequence[Record], last: int | None = 24) -> Chart:
    grid = notices_per_province_month(records, last)
    return heat_grid(
        "Số văn bản theo tỉnh và tháng", grid.rows, grid.columns, grid.values,
        row_head="Tỉnh, thành phố", column_label=month_label,
    )


def chart_topics_over_time(
    records: Sequence[Record], names: Mapping[str, str], last: int | None = 24
) -> Chart:
    grid = topics_over_time(records, names, last)
    return heat_grid(
        "Chủ đề chính theo tháng", grid.rows, grid.columns, grid.values,
        row_head="Chủ đề", column_label=month_label,
    )


def chart_most_cited_policies(records: Sequence[Record], limit: int = 10) -> Chart:
    items = [(label, n) for _, label, n in most_cited_policies(records, limit)]
    return bar_chart(
        "Văn bản được dẫn nhiều nhất", items, label_head="Văn bản", value_head="Số văn bản dẫn"
    )


def chart_most_tasked_agencies(
    records: Sequence[Record], limit: int = 10, names: Mapping[str, str] | None = None
) -> Chart:
    items = [(label, n) for _, label, n in most_tasked_agencies(records, limit, names)]
    return bar_chart(
        "Cơ quan được giao nhiều nhiệm vụ có thời hạn nhất", items,
        label_head="Cơ quan", value_head="Số nhiệm vụ",
    )


def chart_indicator(figures: Iterable[Figure], indicator: Indicator, measure: str) -> Chart:
    """One indicator over time per province (growth, share of plan, or amount)."""
    series = indicator_series(figures, indicator.id, measure)
    unit = _MEASURE_UNIT.get(measure, "")
    if measure == AMOUNT and series:
        first = next(iter(series.values()))[0][1]
        unit = f" {first.unit}"
    what = {GROWTH: "tốc độ tăng", SHARE: "tỷ lệ so với kế hoạch", AMOUNT: "giá trị"}[measure]
    return line_chart(
        f"{indicator.name}: {what} theo tháng báo cáo",
        {p: [(m, f.value) for m, f in points] for p, points in series.items()},
        unit=unit, series_head="Tỉnh, thành phố", x_label=month_label,
    )
