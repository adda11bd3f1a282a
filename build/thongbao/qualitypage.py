"""The editors' page ``chat-luong/`` ("Chất lượng dữ liệu"): field completeness and the list of
incomplete notices, from :mod:`thongbao.quality`. Markdown, like every index page."""

from __future__ import annotations

import posixpath
import re

from .archive import Archive
from .indexpages import IndexPage
from .quality import COUNTED, FIELD_NAMES, QualityReport, quality_report
from .render import escape_text

QUALITY_PATH = "chat-luong/index.md"
_NEWLINES = re.compile(r"\s*\n\s*")


def quality_page(archive: Archive) -> IndexPage:
    report = quality_report((e.page.src, e.page.path, e.record) for e in archive.notices)
    return IndexPage(QUALITY_PATH, quality_markdown(report))


def quality_markdown(report: QualityReport) -> str:
    lines = [
        "# Chất lượng dữ liệu", "",
        f"Lưu trữ có {report.total} văn bản. Trường nào không tìm thấy trong văn bản thì để "
        "trống, không đoán; biên tập viên bổ sung bằng tệp `.yml` đặt cạnh văn bản.", "",
        "## Trường còn thiếu", "",
        "| Trường | Số văn bản thiếu | Tỷ lệ |", "| --- | ---: | ---: |",
    ]
    for name in COUNTED:
        count = report.lacking[name]
        share = f"{100 * count / report.total:.0f}%" if report.total else "0%"
        lines.append(f"| {FIELD_NAMES[name]} | {count} | {share} |")
    lines += ["", "## Đã sửa bằng tệp bổ sung", "",
              f"{report.corrected_notices} văn bản có trường được biên tập viên sửa."]
    for name, count in report.corrected.items():
        lines.append(f"- {FIELD_NAMES.get(name, name)}: {count}")
    lines += ["", "## Văn bản chưa đủ thông tin", ""]
    if not report.incomplete:
        lines.append("Không có văn bản nào thiếu ngày, tỉnh hoặc người chủ trì.")
    else:
        lines += ["| Văn bản | Tệp | Còn thiếu |", "| --- | --- | --- |"]
    for item in report.incomplete:
        label = _cell(item.title) or "(không có tiêu đề)"
        link = posixpath.relpath(item.url, posixpath.dirname(QUALITY_PATH))
        missing = ", ".join(FIELD_NAMES[m] for m in item.missing)
        lines.append(f"| [{label}]({link}) | `{item.src}` | {missing} |")
    return "\n".join(lines) + "\n"


def _cell(value: str | None) -> str:
    return escape_text(_NEWLINES.sub(" ", value or "").strip()).replace("|", "\\|")
