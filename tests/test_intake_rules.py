"""Table-driven cases for the shapes real portal texts come in (issue 9, item 3): strings in,
expected values out — furniture, pasted lines, yearless dates, news about one document, false
meetings, chairs, deadline forms, types from codes, flattened headers, entities, annexes,
excerpts, bodies named through their head, and a page's address as evidence."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from thongbao.agencies import finder_for
from thongbao.cleaning import clean, decode_entities, unflatten_cell_rows
from thongbao.dates import yearless_dates
from thongbao.deadlines import find_deadlines
from thongbao.extract import extract, meeting_date, type_code
from thongbao.furniture import is_furniture
from thongbao.people import find_chair
from thongbao.places import province_words
from thongbao.record import Source
from thongbao.reported import reported_document
from thongbao.sources import load_portals

PORTALS = load_portals(Path(__file__).resolve().parents[1] / "content/reference/portals.yml")


def _extract(text: str, ref, vocab, url: str | None = None, page_title: str | None = None):
    source = Source("t.txt", hashlib.sha256(text.encode()).hexdigest(), url)
    return extract(text, source, ref, vocab, None, PORTALS, page_title).record


FURNITURE = [
    ("Trang chủ » Tin tức » Tin tức chỉ đạo điều hành", True),
    ("Trang chủ > Tin tức - Sự kiện > Chỉ đạo điều hành", True),
    ("Tin tức chỉ đạo điều hành", True),
    ("Đăng nhập | Đăng ký", True),
    ("A-  A  A+   In bài   Gửi email", True),
    ("Lượt xem: 1.234", True),
    ("Số lượt xem: 56", True),
    ("Quang cảnh phiên họp", True),
    ("Toàn cảnh hội nghị.", True),
    ("Chốt kiểm dịch tại cửa ngõ phía Tây của tỉnh. Ảnh: anh-tin-bai-1.jpg", True),
    ("anh-tin-bai-1.jpg", True),
    ("Nguồn: Văn phòng UBND tỉnh", True),
    ("Nguồn: Báo Gia Lai", False),  # an outlet's credit is the byline
    ("(Nguồn: CV 88/UBND-VP)", False),  # names the notice's own document
    ("THÔNG BÁO", False),
    ("Cổng thông tin điện tử tỉnh Bắc Kạn", True),  # the site's own name above the article
    ("Cỡ chữ: A- A A+   In trang", True),
    ("Nguồn: Chinhphu.vn", False),  # an outlet credited by its address: the byline
    ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", False),  # an issuer line of a letter: never dropped
    ("Sở Y tế chủ trì, phối hợp với các đơn vị liên quan triển khai tiêm vắc xin.", False),
    ("Toàn cảnh kinh tế tỉnh năm 2022 cho thấy tăng trưởng khá, thu ngân sách vượt dự toán; "
     "tuy nhiên giải ngân vốn đầu tư công còn chậm so với kế hoạch được giao đầu năm.", False),
]


@pytest.mark.parametrize(("line", "expected"), FURNITURE)
def test_portal_furniture(line, expected):
    assert is_furniture(line) is expected


def test_furniture_never_costs_a_paragraph_and_trailers_end_the_article():
    text = ("Tin cùng chuyên mục\nQuảng Ninh khởi công cầu (10/08/2021)\n"
            + "Đoạn văn dài của bài viết vẫn được giữ lại " * 6 + "\n")
    cleaned = clean("Tiêu đề bài\n" + text)
    assert "khởi công cầu" not in cleaned
    assert "Đoạn văn dài của bài viết" in cleaned
    assert clean(".\nTrang chủ » Tin tức\nTiêu đề bài viết\n").strip() == "Tiêu đề bài viết"
    # a site menu above the article goes; a list inside the article stays
    menu = "- Trang chủ\n- Giới thiệu\n- Tin tức\n\nTiêu đề bài viết\n\n- Sở Y tế\n- Sở Tài chính\n"
    assert clean(menu) == "Tiêu đề bài viết\n\n- Sở Y tế\n- Sở Tài chính\n"


PASTED = [
    # headline, stamp and lead on consecutive lines: three units
    ("UBND tỉnh họp phiên thường kỳ tháng 3/2022\nThứ bảy, 12/03/2022 - 18:20\n"
     "(BLC) - Sáng 12/3, UBND tỉnh họp phiên thường kỳ tháng 3 năm 2022.",
     3),
    # a headline before its long lead in a pasted page (several unwrapped lines)
    ("Bình Phước yêu cầu rà soát các dự án điện mặt trời\n"
     + ("UBND tỉnh yêu cầu các ngành rà soát toàn bộ dự án đã được chấp thuận chủ trương "
        "nhưng chưa đấu nối vào lưới điện quốc gia trong năm nay.\n") * 3,
     4),
    # a stamp with its zone in brackets, or followed by counters, is its own unit
    ("UBND tỉnh họp phiên thường kỳ tháng 8\nThứ năm, 15/08/2019, 17:05 [GMT+7]\n"
     "Ngày 14-8, UBND tỉnh tổ chức phiên họp thường kỳ tháng 8.", 3),
    ("Chỉ đạo bảo đảm an toàn giao thông mùa mưa bão\nNgày đăng: 27/09/2022 | Lượt xem: 318\n"
     "Thực hiện chỉ đạo của UBND tỉnh, các ngành triển khai các biện pháp.", 3),
    # a typed, hard-wrapped paragraph stays one
    ("Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với các sở, ngành\n"
     "liên quan tham mưu UBND tỉnh phân bổ vốn đầu tư công năm 2022\n"
     "cho các dự án trọng điểm.", 1),
    # a pasted page keeps a heading wrapped over two short lines together
    ("Kết luận của Chủ tịch UBND tỉnh tại phiên họp\nUBND tỉnh thường kỳ tháng 8 năm 2021\n\n"
     + ("Ngày 27/8/2021, UBND tỉnh tổ chức phiên họp thường kỳ tháng 8 năm 2021 theo hình thức "
        "trực tuyến với các huyện, thành phố trong tỉnh.\n\n") * 3, 4),
]


@pytest.mark.parametrize(("text", "units"), PASTED)
def test_pasted_lines_are_units(text, units):
    paragraphs = [p for p in clean(text).split("\n\n") if p.strip()]
    assert len(paragraphs) == units


YEARLESS = [
    ("Ngày 5/11, UBND tỉnh họp", "2021-11-20", ["2021-11-05"]),
    ("Sáng 12/3, UBND tỉnh họp", "2022-03-12", ["2022-03-12"]),
    ("Chiều 18/7, Chủ tịch UBND tỉnh làm việc", "2024-07-19", ["2024-07-18"]),
    ("Đêm 9/2, Chủ tịch ký công điện", "2026-02-28", ["2026-02-09"]),
    ("ngày 14-8, tỉnh tổ chức", "2022-08-20", ["2022-08-14"]),
    ("Ngày 21.10, Sở Y tế", "2023-10-25", ["2023-10-21"]),
    ("Ngày 28/12, UBND tỉnh họp", "2023-01-03", ["2022-12-28"]),  # last year's December
    ("Ngày 12/4/2022, UBND tỉnh", "2022-04-14", []),  # has its year: not yearless
    ("Sáng 12/3, UBND tỉnh họp", None, []),  # nothing to take a year from
    ("tăng 12/3 so với", "2022-03-12", []),  # a ratio, not a day
]


@pytest.mark.parametrize(("text", "context", "expected"), YEARLESS)
def test_yearless_dates(text, context, expected):
    assert [d.value for d in yearless_dates(text, context)] == expected


REPORTED = [
    (["Ngày 12/8/2021, UBND tỉnh Quảng Ninh ban hành Công văn số 4821/UBND-VX về việc tăng "
      "cường kiểm soát."], [], None, ("Công văn", "4821", "UBND-VX", "2021-08-12")),
    (["Đêm 9/2, Chủ tịch UBND tỉnh An Giang Nguyễn Hoàng Lâm ký ban hành Công điện số "
      "04/CĐ-UBND về việc phòng cháy."], [], "2026-02-28",
     ("Công điện", "04", "CĐ-UBND", "2026-02-09")),
    (["Văn bản số 15/CT-UBND nêu rõ các nhiệm vụ."], [], None, ("Công văn", "15", "CT-UBND", None)),
    (["Chỉ đạo này được nêu tại Văn bản số 1342/UBND-KT ngày 9/4 của UBND tỉnh về việc rà soát."],
     [], "2024-04-10", ("Công văn", "1342", "UBND-KT", "2024-04-09")),
    ([], ["Các sở thực hiện.", "(Theo Công văn số 2020/UBND-KT ngày 5/4/2022)"], None,
     ("Công văn", "2020", "UBND-KT", "2022-04-05")),
    ([], ["(Nguồn: CV 88/UBND-VP)"], None, ("Công văn", "88", "UBND-VP", None)),
    # the lead dates the letter a trailing credit numbers
    (["Ngày 20/6, UBND tỉnh Bến Tre có công văn gửi các sở về việc cấp nước."],
     ["(Nguồn: CV 2315/UBND-KT)"], "2022-06-22", ("Công văn", "2315", "UBND-KT", "2022-06-20")),
    (["Chủ tịch UBND tỉnh Trần Minh Quân vừa ký Công văn số 1025/UBND-KT ngày 8/3 yêu cầu "
      "các sở rà soát."], [], "2024-03-11", ("Công văn", "1025", "UBND-KT", "2024-03-08")),
    (["Thực hiện chỉ đạo của UBND tỉnh tại Văn bản số 5631/UBND-GTCNXD ngày 26/9/2022, các "
      "ngành triển khai."], [], None, ("Công văn", "5631", "UBND-GTCNXD", "2022-09-26")),
    # a ministry's letter is cited, not reported as the notice's own
    (["Ngày 5/4/2022, Bộ Y tế ban hành Công văn số 1500/BYT-DP về tiêm vắc xin."], [], None,
     None),
    (["Thực hiện Nghị quyết số 68/NQ-CP ngày 01/7/2021 của Chính phủ, tỉnh hỗ trợ."], [], None,
     None),
]


@pytest.mark.parametrize(("opening", "closing", "context", "expected"), REPORTED)
def test_news_about_one_document(opening, closing, context, expected):
    found = reported_document(opening, closing, context)
    got = (found.doc_type, found.number, found.symbol, found.date) if found else None
    assert got == expected


MEETINGS = [
    (["Sáng 12/3, UBND tỉnh họp phiên thường kỳ tháng 3 năm 2022."], "2022-03-12", "2022-03-12"),
    (["Chiều 18/7, dưới sự chủ trì của đồng chí A, UBND tỉnh họp."], "2024-07-19", "2024-07-18"),
    (["Sáng 5/7, HĐND tỉnh khai mạc Kỳ họp thứ 11, dự kiến diễn ra trong 3 ngày làm việc."],
     "2023-07-05", None),
    (["Ngày 5/7, Sở Tài chính hoàn thành trong 30 ngày làm việc."], "2023-07-05", None),
    (["Ngày 27/8/2021, UBND tỉnh tổ chức phiên họp thường kỳ tháng 8."], None, "2021-08-27"),
    # the day the reported notice was issued is not the day of the meeting it concludes
    (["Ngày 6-9, UBND tỉnh ban hành Thông báo số 287/TB-UBND kết luận tại cuộc họp Ban Chỉ đạo "
      "diễn ra chiều 4-9."], "2021-09-06", "2021-09-04"),
]


@pytest.mark.parametrize(("opening", "context", "expected"), MEETINGS)
def test_meetings_and_false_meetings(opening, context, expected):
    assert meeting_date(None, opening, context) == expected


CHAIRS = [
    ("Đồng chí Hoàng Quốc Thịnh – Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh và các Phó Chủ tịch UBND "
     "tỉnh Lục Văn Đoàn, Giàng Seo Mìn cùng chủ trì phiên họp.", ("Hoàng Quốc Thịnh", "Chủ tịch")),
    ("Chiều 18/7, dưới sự chủ trì của đồng chí Hồ Văn Mười, Phó Bí thư Tỉnh ủy, Chủ tịch UBND "
     "tỉnh, UBND tỉnh họp.", ("Hồ Văn Mười", "Chủ tịch")),
    ("Đồng chí Cao Tường Huy, Quyền Chủ tịch UBND tỉnh, chủ trì phiên họp.",
     ("Cao Tường Huy", "Quyền Chủ tịch")),
    ("Phó Chủ tịch UBND tỉnh Lục Văn Đoàn trình bày dự thảo chương trình phục hồi kinh tế.", None),
    ("Phó Chủ tịch UBND tỉnh Lê Văn A đề nghị các sở đẩy nhanh tiến độ.", None),
    ("Văn bản do Phó Chủ tịch UBND tỉnh Phạm Thu Huyền ký, nêu rõ các yêu cầu.",
     ("Phạm Thu Huyền", "Phó Chủ tịch")),
    ("Kỳ họp thứ 11 HĐND tỉnh do đồng chí Tạ Văn Dũng, Chủ tịch HĐND tỉnh chủ trì; Chủ tịch UBND "
     "tỉnh Huỳnh Quốc Việt trình bày báo cáo.", None),
]


@pytest.mark.parametrize(("sentence", "expected"), CHAIRS)
def test_chair_forms(sentence, expected, ref):
    chair = find_chair([sentence], None, province_words(ref))
    assert ((chair.name, chair.role) if chair else None) == expected


DEADLINES = [
    ("Công an tỉnh báo cáo kết quả trước 14 giờ, ngày 16/8/2021.", "2021-08-12",
     [("2021-08-16", "cong-an-tinh")]),
    ("Sở Y tế bảo đảm đủ thuốc từ nay đến ngày 28/02/2026.", "2026-02-09",
     [("2026-02-28", "so-y-te")]),
    ("Sở Y tế hoàn thành tập huấn chậm nhất ngày 15-10.", "2021-10-08",
     [("2021-10-15", "so-y-te")]),
    ("Riêng trong tháng 10/2021, tỉnh đã được phân bổ 480.000 liều vắc xin.", "2021-10-08", []),
    ("Sở Y tế báo cáo trong tháng 10/2021.", "2021-10-08", [("2021-10", "so-y-te")]),
    # news writes a yearless day with a dot after "ngày"
    ("Sở Y tế trình UBND tỉnh trước ngày 5.11; hướng dẫn nông dân.", "2020-10-21",
     [("2020-11-05", "so-y-te")]),
    ("Sở Y tế chi trước 2.5 tỷ đồng.", "2020-10-21", []),
]


@pytest.mark.parametrize(("sentence", "issued", "expected"), DEADLINES)
def test_deadline_forms(sentence, issued, expected, ref):
    mentions = finder_for(ref, "thanh-hoa").find(sentence)
    found = find_deadlines(sentence, mentions, None, issued)
    assert [(d.date, d.agency) for d in found] == expected


@pytest.mark.parametrize(
    ("symbol", "code"),
    [("CT-UBND", "CT"), ("2022/QĐ-UBND", "QĐ"), ("QD-UBND", "QĐ"), ("KH-UBND", "KH"),
     ("TB-UBND", "TB"), ("UBND-VX", "UBND"), (None, None)],
)
def test_type_code(symbol, code):
    assert type_code(symbol) == code


TYPED = [
    ("UBND TỈNH THANH HÓA\nSố: 120/KH-UBND\nV/v triển khai tiêm vắc xin\n"
     "Thanh Hóa, ngày 08 tháng 10 năm 2021\n\nCác sở thực hiện.\n", "Kế hoạch", "120/KH-UBND"),
    ("UBND TỈNH BÌNH DƯƠNG\nSố: 301/TB-UBND\nV/v dự án đường ĐT746\n"
     "Bình Dương, ngày 18 tháng 9 năm 2020\n\nCác sở thực hiện.\n", "Thông báo", "301/TB-UBND"),
    ("ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI\nSố: 1850/QĐ-UBND\nĐồng Nai, ngày 03 tháng 6 năm 2019\n\n"
     "Về việc công bố dịch tả lợn châu Phi\n\nĐiều 1. Công bố dịch.\n", "Quyết định",
     "1850/QĐ-UBND"),
    ("UBND TỈNH NGHỆ AN\nSố: 12/KL-UBND\nNghệ An, ngày 02 tháng 6 năm 2023\n\nKẾT LUẬN\n"
     "Của Chủ tịch UBND tỉnh tại phiên họp\n\nCác sở thực hiện.\n", "Kết luận", "12/KL-UBND"),
    # a department's letter: & in its symbol
    ("UBND TỈNH HÀ TĨNH\nSỞ NÔNG NGHIỆP VÀ PTNT\nSố: 1275/SNN&PTNT-KH\nV/v sản xuất vụ Hè Thu\n"
     "Hà Tĩnh, ngày 05 tháng 5 năm 2020\n\nCác đơn vị thực hiện.\n", "Công văn",
     "1275/SNN&PTNT-KH"),
]


@pytest.mark.parametrize(("text", "doc_type", "number"), TYPED)
def test_type_from_the_numbers_code(text, doc_type, number, ref, vocab):
    record = _extract(text, ref, vocab)
    assert (record.doc_type, record.doc_number) == (doc_type, number)


def test_flattened_header_and_signature_cells(ref, vocab):
    text = ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
            "TỈNH HÒA BÌNH | Độc lập - Tự do - Hạnh phúc |\n"
            "Số: 15/CT-UBND | Hòa Bình, ngày 20 tháng 3 năm 2023 |\n\nCHỈ THỊ\n"
            "Về phòng cháy, chữa cháy rừng\n\nGiám đốc Sở Tài chính bố trí kinh phí.\n\n"
            "Nơi nhận: | CHỦ TỊCH |\n- TT Tỉnh ủy; | |\n- Lưu: VT. | Quách Văn Tuyến |\n")
    assert unflatten_cell_rows("Số: 15/CT-UBND | Hòa Bình, ngày 20 tháng 3 năm 2023 |") == (
        "Số: 15/CT-UBND\n\nHòa Bình, ngày 20 tháng 3 năm 2023\n")
    # a real Markdown table row (leading "|") is left alone
    assert unflatten_cell_rows("| 1 | Sở Tư pháp | 30/4/2025 |") == "| 1 | Sở Tư pháp | 30/4/2025 |"
    record = _extract(text, ref, vocab)
    assert (record.doc_type, record.doc_number, record.province, record.date) == (
        "Chỉ thị", "15/CT-UBND", "Hòa Bình", "2023-03-20")
    assert (record.signer, record.chair) == ("Quách Văn Tuyến", "Quách Văn Tuyến")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Sở KH&amp;ĐT", "Sở KH&ĐT"), ("Đăng&nbsp;&ndash; Chủ tịch", "Đăng – Chủ tịch"),
     ("&quot;giải ngân&quot;", '"giải ngân"'), ("l&#7845;y", "lấy"), ("AT&T và", "AT&T và")],
)
def test_entities_left_in_text(text, expected):
    assert decode_entities(text) == expected


def test_annex_table_after_the_signature_gives_citations_and_deadlines(ref, vocab):
    text = ("UBND TỈNH NINH BÌNH\nSố: 41/KH-UBND\nNinh Bình, ngày 14 tháng 02 năm 2025\n\n"
            "KẾ HOẠCH\nThực hiện Nghị quyết số 57-NQ/TW\n\nCác sở thực hiện theo phụ lục.\n\n"
            "Nơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nĐinh Văn Hùng\n\nPHỤ LỤC\n"
            "(Kèm theo Kế hoạch số 41/KH-UBND ngày 14/02/2025 của UBND tỉnh)\n"
            "| TT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn | Căn cứ |\n"
            "| 1 | Rà soát quy định | Sở Tư pháp | 30/4/2025 | Quyết định số 06/QĐ-TTg ngày "
            "06/01/2022 |\n")
    record = _extract(text, ref, vocab)
    assert [(d.date, d.agency) for d in record.deadlines] == [("2025-04-30", "so-tu-phap")]
    assert "06/QĐ-TTg" in {p.symbol for p in record.policies}
    assert "41/KH-UBND" not in {p.symbol for p in record.policies}  # the plan itself
    assert record.signer == "Đinh Văn Hùng"


def test_an_excerpt_cut_off_mid_sentence_is_a_notice_with_what_it_says(ref, vocab):
    text = ("... trên cơ sở ý kiến các đại biểu, đồng chí Ngô Quang Vinh, Chủ tịch UBND tỉnh Bắc "
            "Giang kết luận như sau:\n\nSở Công Thương chủ trì tổ chức hội nghị xúc tiến tiêu "
            "thụ vải thiều, báo cáo kết quả trước ngày 30/6/20")
    record = _extract(text, ref, vocab)
    assert record.title is None and record.date is None
    assert (record.province, record.chair) == ("Bắc Giang", "Ngô Quang Vinh")
    assert [a.id for a in record.agencies] == ["so-cong-thuong"]


BODIES_BY_HEAD = [
    ("Chánh Văn phòng UBND tỉnh theo dõi, đôn đốc.", "quang-ngai", ["van-phong-ubnd-tinh"]),
    ("Giám đốc Sở Y tế chỉ đạo các bệnh viện.", "quang-ngai", ["so-y-te"]),
    ("Chủ tịch UBND đặc khu Lý Sơn lập danh mục trụ sở.", "quang-ngai", ["ubnd-dac-khu-ly-son"]),
    ("Chủ tịch UBND thành phố Nguyễn Đức Lâm chủ trì.", "can-tho", []),  # a person
    ("báo cáo kết quả về Sở Giao thông vận tải trước ngày 30/11/2022.", "gia-lai", []),
    # communes and wards, the second tier since July 2025
    ("Sở Xây dựng phối hợp với UBND xã Mèo Vạc và UBND xã Đồng Văn thông tuyến.",
     "tuyen-quang", ["so-xay-dung", "ubnd-xa-meo-vac", "ubnd-xa-dong-van"]),
    ("UBND phường Tuy Hòa chỉnh trang đô thị ven biển.", "dak-lak", ["ubnd-phuong-tuy-hoa"]),
    # a city named with a dash; a dash before another body ends the name
    ("phối hợp với UBND thành phố Phan Rang - Tháp Chàm rà soát hồ sơ.", "ninh-thuan",
     ["ubnd-thanh-pho-phan-rang-thap-cham"]),
    ("UBND huyện Ninh Hải - Sở Y tế kiểm tra.", "ninh-thuan", ["ubnd-huyen-ninh-hai", "so-y-te"]),
    # the named cities of a list that opens with the districts in general
    ("Chủ tịch UBND các huyện, thành phố Long Khánh, thành phố Biên Hòa chịu trách nhiệm thi "
     "hành.", "dong-nai", ["ubnd-thanh-pho-long-khanh", "ubnd-thanh-pho-bien-hoa"]),
    # … but an addressee line of a letter names who receives it, not who is tasked
    ("- UBND các huyện, thị xã Kiến Tường, thành phố Tân An;", "long-an", []),
    # the recipient of a draft is not tasked
    ("hoàn chỉnh dự thảo, gửi Văn phòng UBND tỉnh trước ngày 9/12.", "phu-yen", []),
    # in a centrally-run city, "Thanh tra thành phố" is the provincial inspectorate
    ("Thanh tra thành phố kiểm tra trách nhiệm của các phường.", "da-nang", ["thanh-tra-tinh"]),
]


@pytest.mark.parametrize(("clause", "province", "expected"), BODIES_BY_HEAD)
def test_bodies_named_through_their_head(clause, province, expected, ref):
    found = finder_for(ref, province).tasked(clause, dt.date(2025, 9, 1))
    assert [m.id for m in found] == expected


CAPITALS = [
    # the provincial capital's committee while the province is a tỉnh …
    ("UBND thành phố Huế rà soát các khu cách ly.", "hue", dt.date(2021, 9, 10),
     ["ubnd-thanh-pho-hue"]),
    ("Sở Y tế phối hợp với UBND thành phố Sơn La truy vết.", "son-la", dt.date(2021, 12, 1),
     ["so-y-te", "ubnd-thanh-pho-son-la"]),
    # … but the issuing committee itself in a centrally-run city
    ("UBND thành phố Cần Thơ chỉ đạo các sở thực hiện.", "can-tho", dt.date(2021, 9, 10), []),
]


@pytest.mark.parametrize(("clause", "province", "on", "expected"), CAPITALS)
def test_a_capital_city_committee(clause, province, on, expected, ref):
    found = finder_for(ref, province).tasked(clause, on)
    assert [m.id for m in found] == expected


ADDRESSED = [
    # a stamp-less item on a provincial paper: the address gives the province and the date
    ("UBND tỉnh yêu cầu đẩy nhanh giải ngân\nSở Tài chính rà soát các dự án chậm giải ngân.\n",
     "https://baolaocai.vn/ubnd-tinh-yeu-cau-20240315093011123.htm", ("Lào Cai", "2024-03-15")),
    # a department's subdomain, a month folder: province only (a month does not date news)
    ("Sở Nông nghiệp hướng dẫn gieo cấy vụ Hè Thu\nCác huyện triển khai gieo cấy đúng lịch.\n",
     "https://snnhatinh.gov.vn/tin-tuc/202005/gieo-cay.html", ("Hà Tĩnh", None)),
    # the text names its own committee: it wins over the address
    ("UBND tỉnh Bình Phước yêu cầu rà soát điện mặt trời\nCác sở thực hiện.\n",
     "https://baolaocai.vn/x-20240410093011123.htm", ("Bình Phước", "2024-04-10")),
    # a national outlet names no province
    ("Thủ tướng yêu cầu các địa phương đẩy nhanh giải ngân\nCác bộ thực hiện.\n",
     "https://baochinhphu.vn/thu-tuong-102240410093011123.htm", (None, "2024-04-10")),
]


@pytest.mark.parametrize(("text", "url", "expected"), ADDRESSED)
def test_the_address_is_evidence(text, url, expected, ref, vocab):
    record = _extract(text, ref, vocab, url=url)
    assert (record.province, record.date) == expected


def test_a_saved_pages_title_is_a_fallback_title(ref, vocab):
    # the pasted text starts mid-sentence: no title of its own
    record = _extract("và các sở, ngành triển khai thực hiện.\n", ref, vocab,
                      page_title="UBND tỉnh họp phiên thường kỳ tháng 7 - Cổng TTĐT tỉnh Đắk Nông")
    assert record.title == "UBND tỉnh họp phiên thường kỳ tháng 7"


HEADLINES = [
    # a saved page's <h1> under its menus and date bar is the title
    ("Thứ Sáu, 23/09/2022 Đăng nhập English\n\n# Hà Nội xử lý các công trình vi phạm\n\n"
     "22/09/2022 15:30\n\nUBND thành phố Hà Nội vừa ban hành văn bản về trật tự xây dựng.\n",
     "Hà Nội xử lý các công trình vi phạm"),
    # a department's masthead in capitals above the headline
    ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ\n\nPhê duyệt danh mục 25 dự án kêu gọi đầu tư\n\n"
     "Ngày 5/11/2021, UBND tỉnh Hải Dương ban hành quyết định phê duyệt danh mục dự án.\n",
     "Phê duyệt danh mục 25 dự án kêu gọi đầu tư"),
    # "VỀ VIỆC" printed alone above the summary is a label
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ\nSố: 09/CT-UBND\nCần Thơ, ngày 22 tháng 9 năm 2025\n"
     "VỀ VIỆC\nTăng cường chống khai thác hải sản bất hợp pháp\n\n"
     "Chủ tịch UBND thành phố chỉ thị các sở thực hiện.\n",
     "Tăng cường chống khai thác hải sản bất hợp pháp"),
    # "V/v" on the summary's own line stays part of it
    ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH DƯƠNG\nSố: 12/UBND-KT\nV/v đẩy nhanh giải ngân vốn\n"
     "Bình Dương, ngày 2 tháng 3 năm 2020\n\nKính gửi: Các sở, ngành.\n",
     "V/v đẩy nhanh giải ngân vốn"),
]


@pytest.mark.parametrize(("text", "title"), HEADLINES)
def test_headline_under_page_chrome(text, title, ref, vocab):
    assert _extract(text, ref, vocab).title == title


BYLINES = [
    ("Bài, ảnh: TẮC SẬY", "Tắc Sậy"),
    ("Tin, ảnh: MINH ĐỨC", "Minh Đức"),
    ("Quang Trung - Thu Hà", "Quang Trung - Thu Hà"),  # two reporters, kept as written
    ("Nguồn: Chinhphu.vn", "Chinhphu.vn"),
    ("Phòng Xúc tiến đầu tư", "Phòng Xúc tiến đầu tư"),  # an office of the department
    ("Nguồn: Văn phòng UBND tỉnh", None),  # a source line, not a byline
    ("Các sở thực hiện nghiêm.", None),
]


@pytest.mark.parametrize(("line", "author"), BYLINES)
def test_bylines(line, author, ref, vocab):
    text = ("Tỉnh Hậu Giang rà soát dự án chậm tiến độ\n\n"
            "Ngày 5/4/2023, UBND tỉnh Hậu Giang họp rà soát các dự án chậm tiến độ.\n\n"
            f"{line}\n")
    assert _extract(text, ref, vocab).author == author


def test_a_neighbour_named_does_not_outweigh_the_address(ref, vocab):
    text = ("Tăng cường quản lý trật tự xây dựng ven biển\n\n"
            "UBND thành phố yêu cầu kiểm tra dải ven biển đến giáp ranh tỉnh Quảng Nam.\n")
    record = _extract(text, ref, vocab, url="https://danang.gov.vn/web/guest/chi-tiet?id=1")
    assert record.province == "Đà Nẵng"


def test_the_committee_named_outweighs_a_place_named_with_its_kind(ref, vocab):
    text = ("Đẩy nhanh giải phóng mặt bằng đường Vành đai 3\n\n"
            "Ngày 11/9/2023, UBND tỉnh Long An ban hành công văn về dự án đường Vành đai 3 "
            "Thành phố Hồ Chí Minh đoạn qua tỉnh.\n\n"
            "Dự án đường Vành đai 3 Thành phố Hồ Chí Minh phải bàn giao mặt bằng trong tháng 9.\n")
    assert _extract(text, ref, vocab).province == "Long An"


def test_signature_typed_beside_the_distribution_list(ref, vocab):
    text = ("ỦY BAN NHÂN DÂN\nTỈNH HẬU GIANG\nSố: 45/TB-VPUBND\n"
            "Hậu Giang, ngày 2 tháng 4 năm 2024\n\nTHÔNG BÁO\n\nKết luận về dự án\n\n"
            "Giao Sở Tài chính thẩm định phương án.\n\n"
            "Nơi nhận:                         TL. CHỦ TỊCH\n"
            "- Như trên;                       KT. CHÁNH VĂN PHÒNG\n"
            "- Lưu: VT, KT.                    PHÓ CHÁNH VĂN PHÒNG\n\n"
            "                                  Huỳnh Thị Ngọc Diễm\n")
    record = _extract(text, ref, vocab)
    assert record.signer == "Huỳnh Thị Ngọc Diễm"
    assert record.signer_capacity == "TL. Chủ tịch, KT. Chánh Văn phòng, Phó Chánh Văn phòng"


def test_a_weekday_and_date_line_is_a_stamp(ref, vocab):
    text = ("Bảo đảm cung cấp nước sạch trong mùa khô\nThứ tư, 22/06/2022\n"
            "UBND tỉnh Bến Tre yêu cầu các sở bảo đảm nước sạch cho người dân.\n")
    assert _extract(text, ref, vocab).date == "2022-06-22"
