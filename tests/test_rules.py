"""Table-driven cases for the extraction rules: real strings in, expected values out."""

from __future__ import annotations

import pytest
from thongbao import citations
from thongbao.agencies import finder_for
from thongbao.cleaning import clean
from thongbao.dates import find_dates, place_and_date, portal_stamp, short_date, vietnamese_date
from thongbao.deadlines import find_deadlines
from thongbao.people import capacity_text, chair_from_signature, find_chair, person_name
from thongbao.places import province_words
from thongbao.structure import _stamp

DATES = [
    ("ngày 11 tháng 10 năm 2021", ["2021-10-11"]),
    ("Ngày 06/10/2021, UBND tỉnh", ["2021-10-06"]),
    ("đến 04/5/2021 và 30/4", ["2021-05-04"]),
    ("ngày 5-3-2022", ["2022-03-05"]),
    ("ngày 5.3.2022", ["2022-03-05"]),
    ("tháng 4/2021", ["2021-04"]),
    ("tháng 9 năm 2021", ["2021-09"]),
    ("Lào Cai, ngày   tháng 9 năm 2021", ["2021-09"]),
    ("ngày 12/6/20201", []),  # a misprinted year is no date
    ("giai đoạn 2021-2025", []),
    ("ngày 31/02/2021", []),
    ("NGÀY 05 THÁNG 02 NĂM 2024", ["2024-02-05"]),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_find_dates(text, expected):
    assert [d.value for d in find_dates(text)] == expected


PLACE_LINES = [
    ("Bắc Kạn, ngày 11 tháng 10 năm 2021", ("Bắc Kạn", "2021-10-11")),
    ("Thành phố Hồ Chí Minh, ngày 18 tháng 8 năm 2021", ("Thành phố Hồ Chí Minh", "2021-08-18")),
    ("TP. Hồ Chí Minh, ngày 02/7/2025", ("TP. Hồ Chí Minh", "2025-07-02")),
    ("Lào Cai, ngày tháng 9 năm 2021", ("Lào Cai", "2021-09")),
    ("HÀ NỘI, NGÀY 05 THÁNG 3 NĂM 2022", ("HÀ NỘI", "2022-03-05")),
    ("Ngày 06/10/2021, UBND tỉnh tổ chức", None),
    ("Theo đó, ngày 12 tháng 3 năm 2021 các sở", None),
]


@pytest.mark.parametrize(("line", "expected"), PLACE_LINES)
def test_place_and_date(line, expected):
    assert place_and_date(line) == expected


STAMPS = [
    ("2023-12-05 08:54:52", "2023-12-05"),
    ("05/12/2023 08:54", "2023-12-05"),
    ("Thứ Hai, 14/10/2019 15:30", "2019-10-14"),
    ("Ngày đăng: 05/12/2024 08:54 | Lượt xem: 312", "2024-12-05"),
    ("Cập nhật: 14:20 | 05/12/2023", "2023-12-05"),
    ("Thứ năm, 05/12/2023 - 08:54", "2023-12-05"),
    ("Ngày đăng: 05-12-2023", "2023-12-05"),
    ("Ngày 06/10/2021, UBND tỉnh tổ chức Hội nghị trực tuyến", None),
]


@pytest.mark.parametrize(("line", "expected"), STAMPS)
def test_portal_stamps(line, expected):
    assert _stamp(line) == expected
    if expected and line[0].isdigit():
        assert portal_stamp(line) == expected


def test_vietnamese_dates_follow_decree_30():
    assert vietnamese_date("2021-10-11") == "ngày 11 tháng 10 năm 2021"
    assert vietnamese_date("2021-02-05") == "ngày 05 tháng 02 năm 2021"
    assert vietnamese_date("2021-09") == "tháng 9 năm 2021"
    assert vietnamese_date(None) == ""


def test_short_dates_line_up_in_a_column():
    # Table cells: day and month always two digits, whatever Decree 30 asks of running text.
    assert short_date("2021-10-11") == "11/10/2021"
    assert short_date("2021-09-05") == "05/09/2021"
    assert short_date("2021-09") == "tháng 09/2021"
    assert short_date("2021") == "năm 2021"
    assert short_date(None) == short_date("") == "—"
    assert len({len(short_date(f"2021-{m:02d}-{d:02d}")) for m in (1, 12) for d in (1, 31)}) == 1


CITATIONS = [
    ("theo Nghị quyết số 68/NQ-CP ngày 01/7/2021 của Chính phủ",
     [("68/NQ-CP", 2021, "Chính phủ", False)]),
    ("Công điện số 570/CD-TTg", [("570/CĐ-TTg", 2021, "Thủ tướng Chính phủ", False)]),
    ("Quyết định số 43/2021/QĐ-TTg ngày 07/7/2021 của Chính phủ",
     [("43/2021/QĐ-TTg", 2021, "Thủ tướng Chính phủ", False)]),
    ("Nghị quyết 01,02/NQ-CP của Chính phủ",
     [("01/NQ-CP", None, "Chính phủ", False), ("02/NQ-CP", None, "Chính phủ", False)]),
    ("Nghị quyết số 01/NQ-CP và 02/NQ-CP ngày 01/01/2022",
     [("01/NQ-CP", 2022, "Chính phủ", False), ("02/NQ-CP", 2022, "Chính phủ", False)]),
    ("các Kết luận số 126, 127-KL/TW của Bộ Chính trị",
     [("126-KL/TW", None, "Bộ Chính trị", False), ("127-KL/TW", None, "Bộ Chính trị", False)]),
    ("Chỉ thị số 10-CT/TU ngày 24/8/2021 của Ban Thường vụ Tỉnh ủy",
     [("10-CT/TU", 2021, "Ban Thường vụ Tỉnh ủy Bắc Kạn", True)]),
    ("Kế hoạch số 57-KH/TU ngày 27/8/2021 của Tỉnh ủy",
     [("57-KH/TU", 2021, "Tỉnh ủy Bắc Kạn", True)]),
    ("Kết luận số 247-KL/TU ngày 05/7/2021 của Ban Chấp hành Đảng bộ tỉnh",
     [("247-KL/TU", 2021, "Ban Chấp hành Đảng bộ tỉnh Bắc Kạn", True)]),
    ("Công văn số 2673/UBND-TH ngày 12/6/20201", [("2673/UBND-TH", 2021, "UBND tỉnh Bắc Kạn", True)]),
    ("Công văn số 3413 /UBND-TH", [("3413/UBND-TH", 2021, "UBND tỉnh Bắc Kạn", True)]),
    ("Nghị quyết số 05–NQ/TU", [("05-NQ/TU", None, "Ban Thường vụ Tỉnh ủy Bắc Kạn", True)]),
    ("Nghị quyết số 202/2025/QH15 của Quốc hội", [("202/2025/QH15", 2025, "Quốc hội", False)]),
    ("Tờ trình số 85/TTr-SXD ngày 10/3/2022",
     [("85/TTr-SXD", 2022, "Sở Xây dựng tỉnh Bắc Kạn", True)]),
    ("theo Luật Đầu tư công năm 2019 và tháng 4/2021, Quý II/2021", []),
    ("Lưu: VT, TH2,3,4.", []),
]


@pytest.mark.parametrize(("text", "expected"), CITATIONS)
def test_citations(text, expected, vocab):
    ctx = citations.Context("Bắc Kạn", "bac-kan", "tỉnh", 2021)
    found = citations.resolve(citations.find_mentions(text, vocab), ctx, vocab)
    assert [(p.symbol, p.year, p.issuer, p.local) for p in found] == expected


def test_local_documents_are_told_apart_by_province(vocab):
    text = "Nghị quyết số 05-NQ/TU ngày 15/3/2016"
    ids = set()
    for name, pid in (("Bến Tre", "ben-tre"), ("Hà Giang", "ha-giang")):
        ctx = citations.Context(name, pid, "tỉnh", 2019)
        ids |= {p.id for p in citations.resolve(citations.find_mentions(text, vocab), ctx, vocab)}
    assert ids == {"05-nq-tu-2016-ben-tre", "05-nq-tu-2016-ha-giang"}


AGENCIES = [
    ("Giao Sở KH&ĐT chủ trì", "lao-cai", ["so-ke-hoach-va-dau-tu"]),
    ("Các Sở: Tài chính, Tài nguyên và Môi trường, Công Thương theo chức năng", "bac-kan",
     ["so-tai-chinh", "so-tai-nguyen-va-moi-truong", "so-cong-thuong"]),
    ("Giao các Sở: Tài chính, Kế hoạch và Đầu tư, Giao thông vận tải - Xây dựng phối hợp",
     "lao-cai", ["so-tai-chinh", "so-ke-hoach-va-dau-tu", "so-giao-thong-van-tai-xay-dung"]),
    ("Sở Lao động TBXH, các cơ quan", "lao-cai", ["so-lao-dong-thuong-binh-va-xa-hoi"]),
    ("yêu cầu 5K của Bộ Y tế và Bộ Giáo dục và Đào tạo", "cao-bang", []),
    ("Sở Y Tế, Thương binh và Xã hội, Sở Giáo dục và Đào tạo", "cao-bang",
     ["so-y-te", "so-giao-duc-va-dao-tao"]),
    ("phối hợp với UBND huyện Si Ma Cai đề xuất", "lao-cai", ["ubnd-huyen-si-ma-cai"]),
    ("Chủ tịch UBND thành phố Nguyễn Đức Lâm chủ trì", "hai-phong", []),
    ("Công an Thành phố bảo đảm an ninh", "ha-noi", ["cong-an-tinh"]),
    ("Công an thành phố Lào Cai", "lao-cai", []),
    ("Số: 12/TB-VPUBND; Công văn 15/VPUBND-TH; giao VPUBND tỉnh, Sở Y tế-Sở Tài chính", "lao-cai",
     ["van-phong-ubnd-tinh", "so-y-te", "so-tai-chinh"]),
]


@pytest.mark.parametrize(("text", "province", "expected"), AGENCIES)
def test_agencies(text, province, expected, ref):
    assert [m.id for m in finder_for(ref, province).find(text)] == expected


def test_tasked_bodies_leave_out_messengers_reporters_and_former_bodies(ref):
    import datetime as dt

    finder = finder_for(ref, "ho-chi-minh")
    on = dt.date(2025, 9, 1)
    assert finder.tasked("Văn phòng UBND tỉnh thông báo để các cơ quan biết, thực hiện./.", on) == []
    assert finder.tasked("Theo báo cáo của Sở Tài chính, thu ngân sách đạt 20%", on) == []
    assert finder.tasked("hồ sơ do Sở Giao thông vận tải tỉnh Bình Dương (cũ) quản lý", on) == []
    assert [m.id for m in finder.tasked("Sở Xây dựng chủ trì rà soát", on)] == ["so-xay-dung"]


DEADLINES = [
    ("Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Cục Thống kê tham mưu trước 15/9/2021.",
     [("2021-09-15", "so-ke-hoach-va-dau-tu")]),
    ("Sở Y tế báo cáo UBND tỉnh trước ngày 25/7/2021.", [("2021-07-25", "so-y-te")]),
    ("Hoàn thành trong tháng 9/2021.", [("2021-09", "FALLBACK")]),
    ("Các cơ quan, đơn vị hoàn thành trước ngày 15/10/2021.", [("2021-10-15", None)]),
    ("gửi Sở Kế hoạch và Đầu tư trong tháng 10/2021 để tổng hợp.", [("2021-10", "FALLBACK")]),
    ("Sở Tài chính báo cáo chậm nhất ngày 20/10/2021.", [("2021-10-20", "so-tai-chinh")]),
    ("theo Nghị quyết số 68/NQ-CP ngày 01/7/2021 của Chính phủ.", []),
    ("đã yêu cầu báo cáo trước ngày 30/6/2021 nhưng chưa có.", []),  # before the issue date
    ("Các Sở: Tài chính, Xây dựng hoàn thành trước ngày 25/9/2021.",
     [("2021-09-25", "so-tai-chinh"), ("2021-09-25", "so-xay-dung")]),
    ("Sở Y tế báo cáo trước ngày 15/9.", [("2021-09-15", "so-y-te")]),  # the notice's year
    ("Hoàn thành trong tháng 9.", [("2021-09", "FALLBACK")]),
    ("Trong tháng 8/2021 vừa qua, tỉnh đã giải ngân 40%.", []),
    ("Sở Y tế báo cáo trước ngày 30/6.", []),  # a past month without a year is history
]


@pytest.mark.parametrize(("sentence", "expected"), DEADLINES)
def test_deadlines(sentence, expected, ref):
    mentions = finder_for(ref, "lao-cai").find(sentence)
    found = find_deadlines(sentence, mentions, "FALLBACK", "2021-07-22")
    assert [(d.date, d.agency) for d in found] == expected


CAPACITIES = [
    (["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"], "TL. Chủ tịch, Chánh Văn phòng", None),
    (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "KT. Chủ tịch, Phó Chủ tịch", "Phó Chủ tịch"),
    (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "TM. Ủy ban nhân dân, Chủ tịch", "Chủ tịch"),
    (["CHỦ TỊCH"], "Chủ tịch", "Chủ tịch"),
    (["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"],
     "KT. Chánh Văn phòng, Phó Chánh Văn phòng", None),
    (["Q. CHỦ TỊCH"], "Q. Chủ tịch", "Quyền Chủ tịch"),
    (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH THƯỜNG TRỰC"], "KT. Chủ tịch, Phó Chủ tịch Thường trực",
     "Phó Chủ tịch"),
]


@pytest.mark.parametrize(("lines", "text", "role"), CAPACITIES)
def test_signature_capacity(lines, text, role):
    assert capacity_text(lines) == text
    assert chair_from_signature(lines) == role


CHAIRS = [
    ("Chủ tịch UBND tỉnh Nguyễn Đăng Bình và các đồng chí Phó Chủ tịch UBND tỉnh chủ trì",
     ("Nguyễn Đăng Bình", "Chủ tịch")),
    ("đồng chí Trịnh Xuân Trường - Chủ tịch UBND tỉnh chủ trì phiên họp",
     ("Trịnh Xuân Trường", "Chủ tịch")),
    ("Chủ tịch UBND tỉnh Cao Bằng Hoàng Xuân Ánh chủ trì", ("Hoàng Xuân Ánh", "Chủ tịch")),
    ("đồng chí A Kim Thuận - Quyền Chủ tịch UBND tỉnh chủ trì", ("A Kim Thuận", "Quyền Chủ tịch")),
    ("Phó Chủ tịch Thường trực UBND tỉnh Lê Văn Hai chủ trì", ("Lê Văn Hai", "Phó Chủ tịch")),
    ("Kết luận của Thủ tướng Chính phủ Phạm Minh Chính tại cuộc họp", None),
    ("Phiên họp do đồng chí Lê Ngọc Châu - Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh chủ trì.",
     ("Lê Ngọc Châu", "Chủ tịch")),
    ("Đồng chí Nguyễn Văn Sơn, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh chủ trì hội nghị.",
     ("Nguyễn Văn Sơn", "Chủ tịch")),
]


@pytest.mark.parametrize(("sentence", "expected"), CHAIRS)
def test_chairs(sentence, expected, ref):
    chair = find_chair([sentence], None, province_words(ref))
    assert (chair.name, chair.role) == expected if expected else chair is None


def test_person_names():
    assert person_name("MA DOÃN HIỆU") == "Ma Doãn Hiệu"
    assert person_name("Nguyễn Thanh Tùng (Báo Cần Thơ)") == "Nguyễn Thanh Tùng"
    assert person_name("Theo Báo Đồng Khởi") == "Báo Đồng Khởi"


def test_cleaning_rejoins_page_breaks_and_keeps_every_word():
    text = ("tập trung thực hiện tốt một số\n\nnhiệm vụ trọng tâm sau:\n\n"
            "công tác phòng chống dịch Covid-\n\n19 trên địa bàn.\n\n1.1. Giao Sở Y tế\n2.2. Sở Nội vụ:")
    cleaned = clean(text)
    assert "một số nhiệm vụ trọng tâm sau:" in cleaned
    assert "Covid-19 trên địa bàn." in cleaned
    assert "Giao Sở Y tế\n\n2.2. Sở Nội vụ:" in cleaned


def test_a_december_notice_dates_january_deadlines_in_the_next_year(ref):
    found = find_deadlines("Sở Tài chính hoàn thành trước ngày 15/01.", [], None, "2023-12-05")
    assert [d.date for d in found] == ["2024-01-15"]


def test_a_signed_mark_beside_the_name_is_not_part_of_it(ref, vocab):
    from thongbao.extract import extract
    from thongbao.record import Source

    text = (
        "UBND TỈNH NAM ĐỊNH\nSố: 88/TB-UBND\n\nNam Định, ngày 05 tháng 3 năm 2024\n\nTHÔNG BÁO\n"
        "Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với Sở Y tế\n\n"
        "Ngày 01/3/2024, Chủ tịch UBND tỉnh Phạm Đình Nghị chủ trì buổi làm việc với Sở Y tế.\n\n"
        "1. Sở Y tế hoàn thành đề án trước ngày 30/4.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"
        "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nTrần Văn Hùng (đã ký)\n")
    record = extract(text, Source("x.txt", ""), ref, vocab).record
    assert (record.signer, record.chair) == ("Trần Văn Hùng", "Phạm Đình Nghị")
    assert (record.province, record.province_now) == ("Nam Định", "Ninh Bình")
    assert [(d.date, d.agency) for d in record.deadlines] == [("2024-04-30", "so-y-te")]
