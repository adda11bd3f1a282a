"""The editors' page ``chat-luong/`` ("Chất lượng dữ liệu"): field completeness and the list of
incomplete notices, from :mod:`thongbao.quality`, as a listing view like every index page."""

from __future__ import annotations

from .archive import Archive
from .listing import IndexPage, Link, Page, Table, one_line
from .quality import COUNTED, FIELD_NAMES, QualityReport, quality_report

QUALITY_PATH = "chat-luong/index.md"


def quality_page(archive: Archive) -> IndexPage:
    # The report's "url" is the notice's docs path here: the listing links docs paths.
    report = quality_report((e.page.src, e.page.path, e.record) for e in archive.notices)
    return quality_view(report)


def quality_view(report: QualityReport) -> IndexPage:
    page = Page(QUALITY_PATH, "Chất lượng dữ liệu")
    page.para(f"Lưu trữ có {report.total} văn bản. Trường nào không tìm thấy trong văn bản thì "
              "để trống, không đoán; biên tập viên bổ sung bằng tệp .yml đặt cạnh văn bản.")
    page.heading(2, "Trường còn thiếu")
    rows = []
    for name in COUNTED:
        count = report.lacking[name]
        share = f"{100 * count / report.total:.0f}%" if report.total else "0%"
        rows.append(((FIELD_NAMES[name],), (str(count),), (share,)))
    page.add(Table(("Trường", "Số văn bản thiếu", "Tỷ lệ"), tuple(rows), (False, True, True)))
    page.heading(2, "Đã sửa bằng tệp bổ sung")
    page.para(f"{report.corrected_notices} văn bản có trường được biên tập viên sửa.")
    if report.corrected:
        page.add(Table(("Trường", "Số văn bản"), tuple(
            ((FIELD_NAMES.get(name, name),), (str(count),))
            for name, count in report.corrected.items()), (False, True)))
    page.heading(2, "Văn bản chưa đủ thông tin")
    if not report.incomplete:
        page.para("Không có văn bản nào thiếu ngày, tỉnh hoặc người chủ trì.")
    else:
        page.add(Table(("Văn bản", "Tệp", "Còn thiếu"), tuple(
            ((Link(one_line(item.title) or "(không có tiêu đề)", item.url),), (item.src,),
             (", ".join(FIELD_NAMES[m] for m in item.missing),))
            for item in report.incomplete)))
    return page.done()
