"""The ready citation of a notice (Vietnamese practice): a table of records → expected text."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest
from thongbao.citation import format_citation, issuer_name
from thongbao.dates import numeric_date
from thongbao.record import Record, Source

URL = "https://owner.github.io/repo/van-ban/x/"
ACCESSED = datetime.date(2026, 11, 3)
TAIL = f". Lưu trữ tại: {URL}, truy cập ngày 03/11/2026."


def record(**fields: object) -> Record:
    base = Record(
        title=None, doc_type=None, doc_number=None, province=None, province_now=None,
        date=None, meeting_date=None, chair=None, chair_role=None, signer=None,
        signer_capacity=None, topics=(), agencies=(), policies=(), deadlines=(),
        source=Source("notices/x.txt", "0" * 64), id="x",
    )
    return replace(base, **fields)  # type: ignore[arg-type]


CASES = [
    pytest.param(
        {"doc_type": "Công văn", "doc_number": "3413/UBND-TH", "date": "2021-07-22",
         "province": "Thái Nguyên",
         "title": "V/v triển khai thực hiện một số nhiệm vụ trọng tâm 6 tháng cuối năm 2021"},
        "Công văn số 3413/UBND-TH ngày 22/07/2021 của UBND tỉnh Thái Nguyên về việc triển khai "
        "thực hiện một số nhiệm vụ trọng tâm 6 tháng cuối năm 2021",
        id="letter-vv",
    ),
    pytest.param(
        {"doc_type": "Thông báo", "date": "2021-10-11", "province": "Bắc Kạn",
         "title": "Kết luận của Chủ tịch UBND tỉnh tại Hội nghị trực tuyến"},
        "Thông báo ngày 11/10/2021 của UBND tỉnh Bắc Kạn về kết luận của Chủ tịch UBND tỉnh "
        "tại Hội nghị trực tuyến",
        id="notice-without-number",
    ),
    pytest.param(
        {"doc_type": "Thông báo", "doc_number": "12/TB-UBND", "date": "2021-09",
         "province": "Lào Cai", "title": "Về việc tăng cường phòng, chống dịch"},
        "Thông báo số 12/TB-UBND tháng 09/2021 của UBND tỉnh Lào Cai về việc tăng cường phòng, "
        "chống dịch",
        id="blank-day-and-ve-viec",
    ),
    pytest.param(
        {"doc_type": "Thông báo", "province": "Hà Nội", "date": "2022-03-14",
         "title": "UBND thành phố kết luận phiên họp"},
        "Thông báo ngày 14/03/2022 của UBND thành phố Hà Nội về UBND thành phố kết luận phiên họp",
        id="city-and-acronym-kept",
    ),
    pytest.param(
        {"doc_type": "Thông báo", "province": "TP Hồ Chí Minh", "title": "Bắc Kạn làm việc"},
        "Thông báo của UBND Thành phố Hồ Chí Minh về Bắc Kạn làm việc",
        id="no-date-name-kept",
    ),
    pytest.param(
        {"doc_type": "Tin bài", "date": "2023-12-05", "province": "Bắc Kạn",
         "title": "Tỉnh Bắc Kạn đánh giá tình hình kinh tế - xã hội"},
        "Tin bài ngày 05/12/2023 của UBND tỉnh Bắc Kạn “Tỉnh Bắc Kạn đánh giá tình hình kinh tế "
        "- xã hội”",
        id="news-quoted",
    ),
    pytest.param({}, "Văn bản", id="nothing-known-nothing-invented"),
]


@pytest.mark.parametrize(("fields", "head"), CASES)
def test_citation(fields, head):
    assert format_citation(record(**fields), URL, ACCESSED) == head + TAIL


def test_issuer_override_wins():
    text = format_citation(record(province="Bắc Kạn"), URL, ACCESSED, issuer="VP UBND tỉnh")
    assert text.startswith("Văn bản của VP UBND tỉnh.")


def test_title_whitespace_is_one_line():
    text = format_citation(record(title="Kết  luận\nphiên họp"), URL, ACCESSED)
    assert "về kết luận phiên họp." in text


@pytest.mark.parametrize(
    ("province", "expected"),
    [("Bắc Kạn", "UBND tỉnh Bắc Kạn"), ("Huế", "UBND thành phố Huế"),
     ("Thừa Thiên Huế", "UBND tỉnh Thừa Thiên Huế"), ("Cần Thơ", "UBND thành phố Cần Thơ"),
     ("TP Hồ Chí Minh", "UBND Thành phố Hồ Chí Minh"),
     ("Hồ Chí Minh", "UBND Thành phố Hồ Chí Minh"),
     (None, None)],
)
def test_issuer_name(province, expected):
    assert issuer_name(province) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2021-10-01", "ngày 01/10/2021"), ("2021-09", "tháng 09/2021"), ("2021", "năm 2021"),
     (None, None)],
)
def test_vietnamese_date(value, expected):
    assert numeric_date(value) == expected


def test_without_an_access_date_the_citation_ends_for_the_reader_to_complete():
    text = format_citation(record(province="Bắc Kạn"), URL, None)
    assert text.endswith(f"Lưu trữ tại: {URL}, truy cập ngày")
