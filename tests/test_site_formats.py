"""A real site built from PDF and Word notices, with duplicates and unreadable documents.

Cao Bằng's seed arrives as a PDF only, Thái Nguyên's as a .docx only; Bắc Kạn's as its .txt
and again as a PDF under another name (one notice: the PDF is kept); a Hà Nội notice twice with
the same number, province and date but an edited text. A scan, a legacy .doc and a broken
.docx are each one line.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from sitebuild import SEEDS, SiteHtml, build_site, make_project, site_pages

FORMATS = Path(__file__).parent / "data" / "formats"
BAC_KAN, _, CAO_BANG, _, THAI_NGUYEN = SEEDS
HA_NOI = """UBND THÀNH PHỐ HÀ NỘI

Số: 12/TB-UBND

Hà Nội, ngày 14 tháng 3 năm 2022

THÔNG BÁO

Kết luận của Chủ tịch UBND thành phố tại phiên họp tháng 3 năm 2022

Ngày 10/3/2022, Chủ tịch UBND thành phố Chu Ngọc Anh chủ trì phiên họp.

1. Giao Sở Kế hoạch và Đầu tư chủ trì, báo cáo trước ngày 30/3/2022.

TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG

Nguyễn Văn A
"""
HA_NOI_EDITED = HA_NOI.replace("chủ trì phiên họp.", "chủ trì phiên họp thường kỳ.")


def _fixture(name: str) -> bytes:
    return (FORMATS / name).read_bytes()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cao_bang = "content/notices/" + CAO_BANG.removesuffix(".txt")
    thai_nguyen = "content/notices/" + THAI_NGUYEN.removesuffix(".txt")
    return make_project(
        tmp_path_factory.mktemp("formats"),
        [BAC_KAN],
        extra={
            f"{cao_bang}.pdf": _fixture("001_cf7ad4f12e7c13a6.pdf"),
            f"{thai_nguyen}.docx": _fixture("004_3d6fad9da971c8da.docx"),
            "content/notices/bac-kan/2021/ban-sao-thong-bao.pdf": _fixture("000_5049124c647c21a7.pdf"),
            "content/notices/ha-noi/2022/tb-12-2022.txt": HA_NOI,
            "content/notices/ha-noi/2022/tb-12-2022-ban-sua.txt": HA_NOI_EDITED,
            "content/notices/ha-noi/2022/scan.pdf": _fixture("scan.pdf"),
            "content/notices/ha-noi/2022/cu.doc": _fixture("legacy.doc"),
            "content/notices/ha-noi/2022/hong.docx": _fixture("broken.docx"),
        },
        pages=site_pages(),
    )


@pytest.fixture(scope="module")
def built(project: Path) -> tuple[SiteHtml, list[str]]:
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        site = build_site(project, strict=False)
    finally:
        logger.removeHandler(handler)
    return SiteHtml(site), records


def _lines_about(messages: list[str], name: str) -> list[str]:
    return [m for m in messages if f"{name}:" in m]


def test_pdf_and_word_notices_become_pages_with_their_records(built):
    site, _ = built
    cao_bang = site.page("van-ban/cao-bang/2021/tb-2021-05-ket-luan-phien-hop-thang-4/")
    assert "Hoàng Xuân Ánh" in cao_bang.text
    thai_nguyen = site.page("van-ban/thai-nguyen/2021/cv-3413-ubnd-th-2021-07-22/")
    assert "3413/UBND-TH" in thai_nguyen.text and "Trịnh Việt Hùng" in thai_nguyen.text


def test_originals_are_published_byte_for_byte(built, project):
    site, _ = built
    for rel in ("cao-bang/2021/tb-2021-05-ket-luan-phien-hop-thang-4.pdf",
                "thai-nguyen/2021/cv-3413-ubnd-th-2021-07-22.docx"):
        published = site.site / "tep-goc" / rel
        assert published.read_bytes() == (project / "content" / "notices" / rel).read_bytes()
    page = site.html("van-ban/cao-bang/2021/tb-2021-05-ket-luan-phien-hop-thang-4/")
    assert "tb-2021-05-ket-luan-phien-hop-thang-4.pdf" in page


def test_same_text_twice_is_one_notice_kept_as_the_pdf(built):
    site, messages = built
    txt = "bac-kan/2021/tb-2021-10-11-ket-luan-hoi-nghi-kinh-te-xa-hoi-thang-9"
    assert site.exists("van-ban/bac-kan/2021/ban-sao-thong-bao/")
    lines = _lines_about(messages, f"notices/{txt}.txt")
    assert len(lines) == 1
    assert "duplicate of notices/bac-kan/2021/ban-sao-thong-bao.pdf (same text)" in lines[0]
    # The dropped file's address redirects to the notice kept.
    redirect = site.html(f"van-ban/{txt}/")
    assert "ban-sao-thong-bao/" in redirect and "refresh" in redirect
    year = site.html("nam/2021/")
    assert year.count("ban-sao-thong-bao/") >= 1 and f"{txt}/" not in year


def test_same_number_province_and_date_is_one_notice(built):
    site, messages = built
    lines = _lines_about(messages, "notices/ha-noi/2022/tb-12-2022.txt")
    assert len(lines) == 1
    assert ("duplicate of notices/ha-noi/2022/tb-12-2022-ban-sua.txt (same number, province and "
            "date (12/TB-UBND, Hà Nội, 2022-03-14))") in lines[0]
    assert site.exists("van-ban/ha-noi/2022/tb-12-2022-ban-sua/")


@pytest.mark.parametrize(("name", "message"), [
    ("scan.pdf", "no text layer (scanned PDF): OCR needed"),
    ("cu.doc", "legacy word-processor format .doc cannot be read; save it as .docx or PDF"),
    ("hong.docx", "broken Word file ("),
])
def test_unreadable_documents_are_one_line_each(built, name, message):
    site, messages = built
    lines = _lines_about(messages, f"notices/ha-noi/2022/{name}")
    assert len(lines) == 1 and message in lines[0]
    assert not (site.site / "tep-goc" / "ha-noi" / "2022" / name).exists()


def test_strict_build_fails_on_them(project):
    with pytest.raises(Abort):
        build_site(project, strict=True, site_dir=project / "site-strict")
