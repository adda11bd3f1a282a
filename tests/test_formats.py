"""PDF and Word notices: every seed as .pdf and .docx gives the record of its .txt.

The fixtures under tests/data/formats/ were made once by tests/data/make_fixtures.py (laid out
as provincial offices lay out notices: two-column header and signature zones, wrapped justified
paragraphs, page numbers from page 2).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml
from expectations import differences
from thongbao.decoding import DecodeError, decode_bytes, read_notice
from thongbao.extract import extract
from thongbao.pdftext import _drop_furniture, _joined, _Line, _reading_order, _Run
from thongbao.programs import _key, load_programs
from thongbao.record import Source

ROOT = Path(__file__).resolve().parents[1]
NOTICES = ROOT / "content" / "notices"
FORMATS = Path(__file__).parent / "data" / "formats"
EXPECTED = yaml.safe_load((Path(__file__).parent / "data" / "seeds_expected.yaml").read_text())
PROGRAMS = load_programs(ROOT / "content" / "reference" / "programs.yml")
CASES = [(e, fmt) for e in EXPECTED for fmt in ("pdf", "docx")]


def _record(path: Path, ref, vocab) -> dict:
    decoded = read_notice(path)
    source = Source(path.name, hashlib.sha256(path.read_bytes()).hexdigest())
    record = extract(decoded.text, source, ref, vocab, PROGRAMS).record.to_dict()
    record.pop("source")
    return record


@pytest.mark.parametrize(("expected", "fmt"), CASES,
                         ids=[f"{Path(e['file']).stem}.{f}" for e, f in CASES])
def test_document_record_equals_text_record(expected, fmt, ref, vocab):
    as_text = _record(NOTICES / expected["path"], ref, vocab)
    as_document = _record(FORMATS / f"{Path(expected['file']).stem}.{fmt}", ref, vocab)
    assert list(as_document) == list(as_text)
    for field in as_text:  # field by field, so a failure names the field
        assert as_document[field] == as_text[field], field
    assert differences(as_document, expected, lambda n: PROGRAMS.by_key.get(_key(n))) == []


def test_decomposed_pdf_text_gives_the_same_record(ref, vocab):
    seed = NOTICES / EXPECTED[0]["path"]
    assert _record(FORMATS / "nfd.pdf", ref, vocab) == _record(seed, ref, vocab)


def test_document_text_is_nfc_and_reports_its_format():
    for fmt in ("pdf", "docx"):
        decoded = read_notice(FORMATS / f"000_5049124c647c21a7.{fmt}")
        assert decoded.encoding == fmt and decoded.fmt == "text"
        assert "Bắc Kạn, ngày 11 tháng 10 năm 2021" in decoded.text


@pytest.mark.parametrize(("name", "message"), [
    ("scan.pdf", "no text layer (scanned PDF): OCR needed"),
    ("legacy.doc", "legacy word-processor format .doc cannot be read; save it as .docx or PDF"),
])
def test_unreadable_documents_are_one_clear_line(name, message):
    with pytest.raises(DecodeError) as info:
        read_notice(FORMATS / name)
    assert str(info.value) == message


@pytest.mark.parametrize(("name", "start"), [
    ("broken.pdf", "broken PDF ("),
    ("broken.docx", "broken Word file ("),
])
def test_broken_documents_are_one_line(name, start):
    with pytest.raises(DecodeError) as info:
        read_notice(FORMATS / name)
    assert str(info.value).startswith(start)
    assert "\n" not in str(info.value)


def test_ole_container_named_docx_is_refused():
    data = (FORMATS / "legacy.doc").read_bytes()
    with pytest.raises(DecodeError, match=r"^encrypted or legacy Word file, not \.docx"):
        decode_bytes(data, "notice.docx")


# ---- layout rules on hand-made runs (points; y grows upwards as in PDF) -------------------


def _line(text: str, left: float, top: float, right: float | None = None) -> _Line:
    width = right - left if right is not None else 6.0 * len(text)
    return _Line([_Run(left, top - 12, left + width, top, text)])


def test_wrapped_lines_join_and_paragraphs_stay_apart():
    lines = [
        _line("Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan rà soát", 80, 700, 540),
        _line("các khoản chi; báo cáo UBND tỉnh trước ngày 15/9/2021.", 80, 682),
        _line("Giao Sở Y tế theo dõi, báo cáo.", 80, 656),
        _line("Nơi nhận:", 80, 638),
    ]
    text = _joined(lines, pitch=18, width=460)
    assert text == (
        "Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan rà soát các khoản chi; báo "
        "cáo UBND tỉnh trước ngày 15/9/2021.\n\nGiao Sở Y tế theo dõi, báo cáo.\nNơi nhận:"
    )


def test_hyphen_at_a_line_end_keeps_the_hyphen_and_loses_the_space():
    lines = [_line("Thực hiện Công văn số 3413/UBND-", 80, 700, 540), _line("TH ngày 22/7.", 80, 682)]
    assert _joined(lines, pitch=18, width=460) == "Thực hiện Công văn số 3413/UBND-TH ngày 22/7."
    spaced = [_line("đánh giá tình hình kinh tế -", 80, 700, 540), _line("xã hội", 80, 682)]
    assert _joined(spaced, pitch=18, width=460) == "đánh giá tình hình kinh tế - xã hội"


def test_list_item_after_a_page_break_starts_a_paragraph():
    last = _line("2.1.1. Về công tác phòng chống dịch COVID-19 trên địa bàn tỉnh", 80, 90, 538)
    first = _line("- Tập trung thực hiện các ý kiến chỉ đạo của Thủ tướng", 80, 780, 540)
    assert _joined([last, first], pitch=18, width=460).count("\n\n") == 1
    flowing = _line("thực hiện các ý kiến chỉ đạo của Thủ tướng", 80, 780)
    assert "\n" not in _joined([last, flowing], pitch=18, width=460)


def test_page_numbers_and_running_headers_are_dropped():
    pages = [
        [_line("CÔNG BÁO TỈNH", 250, 810), _line("Nội dung trang một", 80, 700), _line("1", 300, 40)],
        [_line("CÔNG BÁO TỈNH", 250, 810), _line("- 2 -", 290, 790), _line("Nội dung hai", 80, 700)],
        [_line("CÔNG BÁO TỈNH", 250, 810), _line("Trang 3/3", 280, 790), _line("Hết", 80, 700)],
    ]
    kept = [[line.text for line in page] for page in _drop_furniture(pages)]
    assert kept == [["Nội dung trang một"], ["Nội dung hai"], ["Hết"]]
    # A number inside the body is text, not furniture.
    body = [[_line("Nội dung", 80, 720), _line("15", 80, 700), _line("kết thúc", 80, 680)]]
    assert [line.text for line in _drop_furniture(body)[0]] == ["Nội dung", "15", "kết thúc"]


def test_two_column_zone_reads_left_column_then_right():
    number = _Run(80, 770, 200, 782, "Số: 3413/UBND-TH")
    place = _Run(300, 770, 520, 782, "Thái Nguyên, ngày 22 tháng 7 năm 2021")
    lines = [
        _Line([number, place]),
        _line("V/v triển khai thực hiện một số", 80, 758),
        _line("nhiệm vụ trọng tâm", 80, 740),
        _line("Kính gửi các Sở, Ban, ngành của tỉnh và UBND các huyện, thành phố", 80, 690, 540),
    ]
    parts = _reading_order(lines, pitch=18)
    assert [line.text for line in parts[0].lines] == [
        "Số: 3413/UBND-TH", "V/v triển khai thực hiện một số", "nhiệm vụ trọng tâm"]
    assert [line.text for line in parts[1].lines] == ["Thái Nguyên, ngày 22 tháng 7 năm 2021"]
    assert parts[2] is lines[3]
