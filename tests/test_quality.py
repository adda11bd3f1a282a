"""Field completeness: the pure report, and ``thongbao check`` over a real content folder."""

from __future__ import annotations

import subprocess
import sys

from test_pipeline import make_content
from thongbao.quality import incomplete_message, quality_report, report_lines
from thongbao.record import Record, Source


def _record(**fields) -> Record:
    base = dict(title=None, doc_type=None, doc_number=None, province=None, province_now=None,
                date=None, meeting_date=None, chair=None, chair_role=None, signer=None,
                signer_capacity=None, topics=(), agencies=(), policies=(), deadlines=(),
                source=Source("x.txt", "0"))
    base.update(fields)
    return Record(**base)


def test_incomplete_message_names_what_is_missing():
    assert incomplete_message(_record()) == "incomplete: no date; no province; no chair"
    assert incomplete_message(_record(date="2021-10-11", province="Bắc Kạn")) == (
        "incomplete: no chair")
    assert incomplete_message(_record(date="2021-10", province="Bắc Kạn", chair="A B")) is None


def test_report_counts_fields_and_corrections():
    pages = [
        ("notices/b.txt", "van-ban/b/", _record(title="T", date="2021-10-11",
                                                 corrected=("date",))),
        ("notices/a.txt", "van-ban/a/", _record(province="Bắc Kạn", chair="Nguyễn Văn A",
                                                 date="2022-01-02", title="U")),
    ]
    report = quality_report(pages)
    assert report.total == 2
    assert report.lacking["date"] == 0 and report.lacking["province"] == 1
    assert report.lacking["chair"] == 1 and report.lacking["title"] == 0
    assert report.corrected == {"date": 1} and report.corrected_notices == 1
    assert [(i.src, i.missing) for i in report.incomplete] == [
        ("notices/b.txt", ("province", "chair"))]
    lines = report_lines(report)
    assert "  without province: 1 (50%)" in lines
    assert "  notices/b.txt: no province; no chair" in lines


def test_check_cli_prints_completeness_and_fails_strict_only_on_refusals(tmp_path):
    content = make_content(tmp_path)
    (content / "notices" / "trich.txt").write_text(
        "Các đại biểu thảo luận về kế hoạch trồng rừng mùa xuân.\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "thongbao.cli", "check", str(content), "--no-cache"]
    ok = subprocess.run([*cmd, "--strict"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "2 notices" in ok.stdout
    assert "notices/trich.txt: no date; no province; no chair" in ok.stdout
    (content / "notices" / "rong.txt").write_bytes(b"   \n")
    refused = subprocess.run([*cmd, "--strict"], capture_output=True, text=True)
    assert refused.returncode == 1
    assert "notices/rong.txt: empty" in refused.stderr
