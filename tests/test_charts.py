"""Charts (thongbao.charts) and the archive overviews drawn with them (thongbao.overviews):
the SVG parsed with xml.etree, its title, desc, values, determinism and escaping; the data
tables; the numbers behind them on the real texts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from journal_corpus import REFERENCE, extractions, records
from thongbao.charts import bar_chart, heat_grid, line_chart
from thongbao.figures import FILE, GROWTH, SHARE, load_indicators, notice_figures
from thongbao.overviews import (
    chart_indicator,
    chart_most_cited_policies,
    chart_most_tasked_agencies,
    chart_notices_per_province_month,
    chart_topics_over_time,
    indicator_series,
    month_label,
    most_cited_policies,
    most_tasked_agencies,
    notices_per_province_month,
    topics_over_time,
)
from thongbao.reference import load_reference

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & Sở "Tài chính" <b>'


def _svg(chart):
    root = ET.fromstring(chart.svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    return root, title.text, desc.text


def _table(chart):
    table = ET.fromstring(chart.table)
    caption = table.find("caption").text
    head = [th.text for th in table.find("thead").iter("th")]
    rows = [[c.text for c in tr] for tr in table.find("tbody").iter("tr")]
    assert all(th.get("scope") == "col" for th in table.find("thead").iter("th"))
    assert all(tr[0].tag == "th" and tr[0].get("scope") == "row" for tr in table.find("tbody"))
    return caption, head, rows


def _texts(root) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def _no_hard_colours(svg: str) -> None:
    # Dark mode: colours come from currentColor and custom properties, never fixed.
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b|\b(?:black|white|rgb\()", svg)
    assert "<script" not in svg and "href" not in svg


def test_bar_chart() -> None:
    chart = bar_chart("Văn bản được dẫn nhiều nhất", [("Nghị quyết số 68/NQ-CP", 6), ("Chỉ thị 16/CT-TTg", 2)])
    root, title, desc = _svg(chart)
    assert title == "Văn bản được dẫn nhiều nhất"
    assert desc == "Văn bản được dẫn nhiều nhất. 2 mục; nhiều nhất: Nghị quyết số 68/NQ-CP: 6; Chỉ thị 16/CT-TTg: 2."
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths[0] == pytest.approx(3 * widths[1], abs=0.2)  # bars proportional to the values
    assert {"6", "2", "Nghị quyết số 68/NQ-CP"} <= set(_texts(root))
    assert _table(chart) == ("Văn bản được dẫn nhiều nhất", ["Mục", "Số văn bản"],
                             [["Nghị quyết số 68/NQ-CP", "6"], ["Chỉ thị 16/CT-TTg", "2"]])
    _no_hard_colours(chart.svg)


def test_hostile_labels_are_escaped_everywhere() -> None:
    charts = [
        bar_chart(HOSTILE, [(HOSTILE, 3)]),
        heat_grid(HOSTILE, [HOSTILE], ["2021-09"], {(HOSTILE, "2021-09"): 2}),
        line_chart(HOSTILE, {HOSTILE: [("2021-09", 1), ("2021-10", 2)]}),
    ]
    for chart in charts:
        root, title, _ = _svg(chart)
        assert title == HOSTILE  # the text survives, as text
        assert not list(root.iter(f"{SVG}script")) and not list(root.iter("script"))
        assert "<script" not in chart.svg and "<script" not in chart.table and "<b>" not in chart.html
        table = ET.fromstring(chart.table)
        assert table.find("caption").text == HOSTILE
        assert not list(table.iter("script")) and not list(table.iter("b"))


def test_heat_grid() -> None:
    chart = heat_grid("Số văn bản theo tỉnh và tháng", ["Lào Cai", "Bắc Kạn"], ["2021-09", "2021-10"],
                      {("Lào Cai", "2021-09"): 3, ("Bắc Kạn", "2021-10"): 1}, column_label=month_label)
    root, title, desc = _svg(chart)
    assert title == "Số văn bản theo tỉnh và tháng"
    assert desc == "Số văn bản theo tỉnh và tháng: 2 hàng × 2 cột; giá trị lớn nhất 3."
    tips = [g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g")]
    assert tips == ["Lào Cai, 9/2021: 3", "Lào Cai, 10/2021: 0", "Bắc Kạn, 9/2021: 0", "Bắc Kạn, 10/2021: 1"]
    opacities = [float(r.get("fill-opacity")) for r in root.iter(f"{SVG}rect") if r.get("fill-opacity")]
    assert opacities[0] > opacities[1]  # darker for more
    assert _table(chart)[1:] == (["Tỉnh", "9/2021", "10/2021"], [["Lào Cai", "3", "0"], ["Bắc Kạn", "0", "1"]])
    _no_hard_colours(chart.svg)


def test_line_chart() -> None:
    chart = line_chart("Giải ngân", {"Nghệ An": [("2022-10", Decimal("48.6"))],
                                      "Lào Cai": [("2021-09", 44), ("2021-05", 18)]},
                       unit="%", x_label=month_label)
    root, _, desc = _svg(chart)
    assert desc == "Giải ngân: 2 đường (Lào Cai, Nghệ An), từ 5/2021 đến 10/2022; đơn vị %."
    points = [t.text for t in root.iter(f"{SVG}title")][2:]
    assert "Lào Cai, 5/2021: 18%" in points and "Nghệ An, 10/2022: 48,6%" in points
    (line,) = root.iter(f"{SVG}polyline")  # one series has one point only: a marker, no line
    ys = [float(p.split(",")[1]) for p in line.get("points").split()]
    assert ys[0] > ys[1]  # 18 % drawn lower than 44 %
    assert _table(chart)[1:] == (["Tỉnh", "5/2021", "9/2021", "10/2022"],
                                 [["Lào Cai", "18%", "44%", "—"], ["Nghệ An", "—", "—", "48,6%"]])
    _no_hard_colours(chart.svg)


def test_charts_are_deterministic_and_ids_distinct() -> None:
    a = chart_notices_per_province_month(records())
    assert a == chart_notices_per_province_month(list(reversed(records())))
    b = chart_most_cited_policies(records())
    assert ET.fromstring(a.svg).find(f"{SVG}title").get("id") != ET.fromstring(b.svg).find(f"{SVG}title").get("id")


def test_notices_per_province_month_on_the_archive() -> None:
    grid = notices_per_province_month(records())
    assert grid.values[("Lào Cai", "2021-09")] == 1
    assert grid.values[("Bắc Kạn", "2021-10")] == 1 and grid.values[("Bắc Kạn", "2023-12")] == 1
    assert grid.columns[0] == "2019-01" and grid.columns[-1] == "2026-02"
    assert len(grid.columns) == len(set(grid.columns)) == 12 * 7 + 2  # every month in between
    assert sum(grid.values.values()) == len(records())
    chart = chart_notices_per_province_month(records())  # the last 24 months by default
    caption, head, rows = _table(chart)
    assert caption == "Số văn bản theo tỉnh và tháng"
    assert head[1:] == [month_label(m) for m in grid.columns[-24:]]
    assert sum(int(c) for row in rows for c in row[1:]) == sum(
        n for (_, m), n in grid.values.items() if m in grid.columns[-24:])


def test_line_chart_with_a_decline() -> None:
    chart = line_chart("GRDP", {"Đắk Lắk": [("2020-04", Decimal("-2.5")), ("2020-07", Decimal("1.2"))]},
                       unit="%")
    root, _, _ = _svg(chart)
    ticks = [t for t in _texts(root) if t.lstrip("-").replace(",", "").isdigit()]
    assert ticks[0].startswith("-") and float(ticks[-1].replace(",", ".")) >= 1.2


def test_topics_over_time_counts_main_topics(ref) -> None:
    names = {slug: t.name for slug, t in ref.topics.items()}
    grid = topics_over_time(records(), names)
    assert sum(grid.values.values()) == sum(len(r.topics_main) for r in records())
    assert grid.values[("Đầu tư công, giải ngân", "2022-10")] == 1  # Nghệ An's disbursement
    _svg(chart_topics_over_time(records(), names))


def test_most_cited_policies_and_most_tasked_agencies() -> None:
    top = most_cited_policies(records(), limit=3)
    assert top[0] == ("68-nq-cp-2021", "Nghị quyết số 68/NQ-CP", 6)
    only_central = most_cited_policies(records(), keep=lambda pid, symbol: "UBND" not in symbol)
    assert all("UBND" not in label for _, label, _ in only_central)
    agencies = most_tasked_agencies(records(), limit=2)
    assert agencies[0][0] == "so-ke-hoach-va-dau-tu" and agencies[0][2] >= agencies[1][2]
    chart = chart_most_tasked_agencies(records(), limit=5)
    assert _table(chart)[2][0][0] == "Sở Kế hoạch và Đầu tư"


@pytest.fixture(scope="module")
def figures():
    ref = load_reference(REFERENCE)
    inds = load_indicators(REFERENCE / FILE)
    return inds, [f for e in extractions().values() for f in notice_figures(e.record, e.body, inds, ref)]


def test_indicator_chart_per_province(figures) -> None:
    inds, figs = figures
    series = indicator_series(figs, "giai-ngan", SHARE)
    assert [m for m, _ in series["Yên Bái"]] == ["2021-05"]
    disbursement = next(i for i in inds if i.id == "giai-ngan")
    chart = chart_indicator(figs, disbursement, SHARE)
    caption, head, rows = _table(chart)
    assert caption == "Giải ngân vốn đầu tư công: tỷ lệ so với kế hoạch theo tháng báo cáo"
    nghe_an = next(r for r in rows if r[0] == "Nghệ An")
    assert nghe_an[head.index("10/2022")] == "48,6%"
    grdp = next(i for i in inds if i.id == "grdp")
    root, title, _ = _svg(chart_indicator(figs, grdp, GROWTH))
    assert title.startswith("Tăng trưởng kinh tế (GRDP)")
    assert "Bắc Kạn, 10/2021: 3,42%" in [t.text for t in root.iter(f"{SVG}title")]
