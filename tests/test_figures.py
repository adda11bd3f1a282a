"""Key figures (thongbao.figures, content/reference/indicators.yml): table-driven cases in the
phrasing of real provincial reports (sentences of our own), the indicators' own examples, and
the seeds and corpus read field by field against hand labels."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from journal_corpus import REFERENCE, extractions
from thongbao.figures import (
    FILE,
    IndicatorError,
    find_figures,
    format_number,
    indicator_tables,
    load_indicators,
    notice_figures,
    parse_number,
)
from thongbao.reference import load_reference

INDICATORS = load_indicators(REFERENCE / FILE)


def _read(text: str) -> set[tuple[str, str, Decimal, str]]:
    return {(f.indicator, f.measure, f.value, f.unit) for f in find_figures(text, INDICATORS)}


@pytest.mark.parametrize(
    ("text", "number"),
    [("419.016", "419016"), ("4,1", "4.1"), ("29.232,75", "29232.75"), ("1.000", "1000"),
     ("0,5", "0.5"), ("12", "12")],
)
def test_vietnamese_numbers(text: str, number: str) -> None:
    assert parse_number(text) == Decimal(number)
    assert format_number(Decimal(number)) == text


CASES = [
    # growth
    ("Tổng sản phẩm trên địa bàn (GRDP) 6 tháng đầu năm ước tăng 6,85% so với cùng kỳ.",
     {("grdp", "growth", Decimal("6.85"), "%")}),
    ("Tăng trưởng GRDP cả năm ước đạt 7,2%, cao nhất từ trước đến nay.",
     {("grdp", "growth", Decimal("7.2"), "%")}),
    ("GRDP quý III giảm 2,5% so với cùng kỳ do ảnh hưởng của dịch.",
     {("grdp", "growth", Decimal("-2.5"), "%")}),
    ("Chỉ số sản xuất công nghiệp (IIP) 9 tháng tăng 10,3% so với cùng kỳ năm trước.",
     {("iip", "growth", Decimal("10.3"), "%")}),
    # amounts: decimal comma, thousand dot, scales
    ("Tổng thu ngân sách nhà nước trên địa bàn 6 tháng ước đạt 3.370 tỷ đồng, bằng 59,9% dự toán.",
     {("thu-ngan-sach", "amount", Decimal("3370"), "tỷ đồng"),
      ("thu-ngan-sach", "share", Decimal("59.9"), "% dự toán")}),
    ("Thu ngân sách nhà nước đạt 21,3 nghìn tỷ đồng, tăng 5% so với cùng kỳ.",
     {("thu-ngan-sach", "amount", Decimal("21300"), "tỷ đồng"),
      ("thu-ngan-sach", "growth", Decimal("5"), "%")}),
    ("Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng đạt 29.232,75 tỷ đồng.",
     {("ban-le", "amount", Decimal("29232.75"), "tỷ đồng")}),
    ("Kim ngạch xuất khẩu ước đạt 525 triệu USD, tăng 16,98% so với cùng kỳ.",
     {("xuat-khau", "amount", Decimal("525"), "triệu USD"),
      ("xuat-khau", "growth", Decimal("16.98"), "%")}),
    ("Kim ngạch xuất khẩu 9 tháng đạt 4,36 tỷ USD.",
     {("xuat-khau", "amount", Decimal("4360"), "triệu USD")}),
    ("Tổng lượt khách du lịch đến tỉnh đạt 3.475 nghìn lượt, tăng 14,8% so với cùng kỳ.",
     {("khach-du-lich", "amount", Decimal("3475000"), "lượt khách"),
      ("khach-du-lich", "growth", Decimal("14.8"), "%")}),
    # disbursement: share of the plan, named or not
    ("Đến ngày 30/6, giải ngân vốn đầu tư công đạt 38,5% kế hoạch vốn được giao.",
     {("giai-ngan", "share", Decimal("38.5"), "% kế hoạch")}),
    ("Tỷ lệ giải ngân đến hết tháng 10 mới đạt 52%.",
     {("giai-ngan", "share", Decimal("52"), "% kế hoạch")}),
    # targets and requirements are not results
    ("Phấn đấu GRDP năm 2024 tăng 8% trở lên.", set()),
    ("Yêu cầu các chủ đầu tư phải giải ngân đạt tối thiểu 60% kế hoạch trước ngày 30/9.", set()),
    ("Mục tiêu thu ngân sách năm 2025 đạt 5.000 tỷ đồng.", set()),
    ("Các đơn vị bảo đảm tỷ lệ giải ngân đạt trên 95% kế hoạch vốn.", set()),
    # the country, an average, other provinces, parts of a whole are not the province's figure
    ("Tăng trưởng GRDP bình quân cả nước đạt 6,42%.", set()),
    ("Kim ngạch xuất khẩu tăng 12%, trong đó xuất khẩu sang thị trường Mỹ tăng 25%.",
     {("xuat-khau", "growth", Decimal("12"), "%")}),
    ("Trong đó, khách du lịch quốc tế đạt 91 nghìn lượt.", set()),
    ("Khách du lịch quốc tế ước đạt 32,2 nghìn lượt.", set()),
    # a change in money, a month-on-month change, the next item of a list
    ("Thu ngân sách tăng 1.436 tỷ đồng so với cùng kỳ.", set()),
    ("Chỉ số sản xuất công nghiệp tháng 5 tăng 3,1% so với tháng trước.", set()),
    ("Giá trị sản xuất công nghiệp tăng 9%, trồng rừng đạt 128% kế hoạch.",
     {("gia-tri-cong-nghiep", "growth", Decimal("9"), "%")}),
    # words that are not the indicator
    ("Ngân hàng Chính sách xã hội tỉnh đã giải ngân 350 tỷ đồng cho 8.000 hộ vay vốn.", set()),
    ("Giải ngân vốn vay ưu đãi đạt 95% kế hoạch.", set()),
    ("Bộ phận Một cửa đã đón tiếp 1.200 lượt công dân đến giải quyết thủ tục.", set()),
    ("Tỉnh ước đón 350 nghìn lượt khách dịp Tết.",
     {("khach-du-lich", "amount", Decimal("350000"), "lượt khách")}),
    ("Xây dựng Đề án tăng thu ngân sách từ đất đai, phấn đấu tăng 10%.", set()),
    ("Kim ngạch xuất nhập khẩu đạt 46 triệu USD.",
     {("xuat-nhap-khau", "amount", Decimal("46"), "triệu USD")}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_phrasings(text: str, expected: set) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    "indicator_example",
    [(ind, ex) for ind in INDICATORS for ex in ind.examples],
    ids=[f"{ind.id}-{i}" for ind in INDICATORS for i, _ in enumerate(ind.examples)],
)
def test_indicator_examples(indicator_example) -> None:
    ind, ex = indicator_example
    assert (ind.id, ex["measure"], Decimal(ex["value"]), ex["unit"]) in _read(ex["text"])


def test_period_qualifier_and_estimate() -> None:
    (f,) = find_figures("GRDP 6 tháng đầu năm 2023 ước tăng trên 5%, so với cùng kỳ năm 2022.", INDICATORS)
    assert (f.period, f.qualifier, f.estimated, f.text) == ("6 tháng đầu năm 2023", "trên", True, "tăng trên 5%")
    (f,) = find_figures("Giá trị sản xuất công nghiệp tháng 4/2021 tăng 67% so với tháng 03.", INDICATORS)
    assert f.period == "tháng 4/2021"  # not the month it is compared with


# Hand labels: (file, indicator, measure, value, unit, period) of every figure each text reports
# of its own province; everything else in the texts (targets, national figures, parts) must be
# left out. Read from the texts by hand.
LABELS = {
    "tb-2021-10-11-ket-luan-hoi-nghi-kinh-te-xa-hoi-thang-9.txt": {
        ("grdp", "growth", "3.42", "%", "9 tháng đầu năm 2021"),
        ("thu-ngan-sach", "growth", "21.5", "%", None),
    },
    "tin-2023-12-05-danh-gia-kinh-te-xa-hoi-11-thang.txt": {
        ("grdp", "growth", "6.33", "%", "cả năm"),
        ("gia-tri-cong-nghiep", "growth", "11", "%", "cả năm"),
        ("ban-le", "share", "117", "% kế hoạch", None),
    },
    "tb-2021-05-ket-luan-phien-hop-thang-4.txt": {
        ("gia-tri-cong-nghiep", "amount", "434.933", "tỷ đồng", "tháng 4/2021"),
        ("gia-tri-cong-nghiep", "growth", "67", "%", "tháng 4/2021"),
        ("ban-le", "amount", "699.51", "tỷ đồng", "tháng 4/2021"),
        ("ban-le", "growth", "34.7", "%", "tháng 4/2021"),
        ("xuat-nhap-khau", "amount", "46", "triệu USD", "tháng 4/2021"),
        ("thu-ngan-sach", "amount", "419.016", "tỷ đồng", None),
    },
    "tb-2021-09-ket-luan-phien-hop-thuong-ky-thang-9.txt": {
        ("gia-tri-cong-nghiep", "growth", "13.6", "%", None),
        ("giai-ngan", "share", "44", "% kế hoạch", None),
        ("xuat-nhap-khau", "growth", "23.8", "%", None),
        ("thu-ngan-sach", "growth", "26.4", "%", None),
    },
    "cv-3413-ubnd-th-2021-07-22.txt": set(),
    "01_hagiang-tb-ketluan-dulich-2019.txt": {
        ("khach-du-lich", "amount", "1200000", "lượt khách", "Năm 2019"),
        ("khach-du-lich", "growth", "14", "%", "Năm 2019"),
    },
    "02_nghean-tb-pct-giaingan-2022.txt": {
        ("giai-ngan", "share", "48.6", "% kế hoạch", "Đến ngày 30/9/2022"),
    },
    "04_longan-cv-chutich-giaingan-2020.txt": {
        ("giai-ngan", "share", "21.3", "% kế hoạch", "Đến ngày 31/5/2020"),
    },
    "07_daklak-bc-88-ktxh-quy1-2020.txt": {
        ("grdp", "growth", "4.1", "%", "quý I"),
        ("thu-ngan-sach", "amount", "1512", "tỷ đồng", "quý I"),
        ("thu-ngan-sach", "share", "24.6", "% dự toán", "quý I"),
        ("giai-ngan", "share", "15.2", "% kế hoạch", "đến ngày 31/3/2020"),
    },
    "14_laocai-tb-phienhop-2026-01.txt": {("grdp", "growth", "8.2", "%", "Năm 2025")},
    "17_kontum-tb-quyenchutich-mtqg-2023.txt": set(),  # a national programme's rate, not overall
    "20_news-cantho-phienhop-thang2-2024.txt": {
        ("ban-le", "amount", "27000", "tỷ đồng", None),
        ("ban-le", "growth", "12.4", "%", None),
        ("thu-ngan-sach", "share", "19.6", "% dự toán", None),
        ("giai-ngan", "share", "5.1", "% kế hoạch", None),
    },
    "28_yenbai-tb-phienhop-thang4-2021.txt": {
        ("giai-ngan", "share", "18", "% kế hoạch", "đến ngày 30/4/2021"),
    },
    "31_gialai-bc-tm-kt-2025.txt": {
        ("thu-ngan-sach", "amount", "9850", "tỷ đồng", "10 tháng"),
        ("giai-ngan", "share", "62", "% kế hoạch", None),
    },
}


@pytest.fixture(scope="module")
def corpus_figures():
    ref = load_reference(REFERENCE)
    return {
        name: notice_figures(e.record, e.body, INDICATORS, ref) for name, e in extractions().items()
    }


@pytest.mark.parametrize("name", sorted(LABELS))
def test_real_texts_against_hand_labels(corpus_figures, name: str) -> None:
    got = {(f.indicator, f.measure, f.value, f.unit, f.period) for f in corpus_figures[name]}
    want = {(i, m, Decimal(v), u, p) for i, m, v, u, p in LABELS[name]}
    assert got == want


def test_no_figure_outside_the_labelled_texts(corpus_figures) -> None:
    # Every other real text reports no figure of its province: precision over recall.
    extra = {name: figs for name, figs in corpus_figures.items() if figs and name not in LABELS}
    assert extra == {}


def test_figures_carry_province_notice_and_sentence(corpus_figures) -> None:
    figs = corpus_figures["07_daklak-bc-88-ktxh-quy1-2020.txt"]
    assert {f.province for f in figs} == {"Đắk Lắk"}
    assert all(f.notice_date and f.sentence for f in figs)
    grdp = next(f for f in figs if f.indicator == "grdp")
    assert "GRDP" in grdp.sentence and grdp.text == "tăng 4,1%"


def test_indicator_tables_across_provinces(corpus_figures) -> None:
    tables = {t.indicator.id: t for t in indicator_tables(
        [f for figs in corpus_figures.values() for f in figs], INDICATORS)}
    assert [t for t in tables] == [ind.id for ind in INDICATORS]
    disbursement = tables["giai-ngan"]
    dates = [f.notice_date for f in disbursement.rows]
    assert dates == sorted(dates)
    assert {"Nghệ An", "Long An", "Lào Cai"} <= set(disbursement.provinces)


def test_bad_indicator_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / FILE
    path.write_text("- {id: x, name: X, cues: [x], measures: [amount]}\n", encoding="utf-8")
    with pytest.raises(IndicatorError, match=r"entry 0 \(x\): an amount needs units"):
        load_indicators(path)


def test_other_provinces_figures_are_not_this_province(corpus_figures) -> None:
    ref = load_reference(REFERENCE)
    record = extractions()["tb-2021-09-ket-luan-phien-hop-thuong-ky-thang-9.txt"].record
    body = ("GRDP của tỉnh 6 tháng ước tăng 7,1% so với cùng kỳ. Tỉnh Bắc Giang dẫn đầu với GRDP "
            "tăng 14,14%. Thu ngân sách tỉnh Lào Cai đạt 5.000 tỷ đồng (tỉnh Yên Bái đạt 3.000 tỷ "
            "đồng).")
    got = {(f.indicator, f.measure, f.value) for f in notice_figures(record, body, INDICATORS, ref)}
    assert got == {("grdp", "growth", Decimal("7.1")), ("thu-ngan-sach", "amount", Decimal("5000"))}
    # Without the reference, the same text gives the other province's figure too: the check
    # is what keeps it out.
    assert ("grdp", "growth", Decimal("14.14")) in {
        (f.indicator, f.measure, f.value) for f in find_figures(body, INDICATORS)}
