"""Progress of long steps and the build's summary line (no terminal here: log lines)."""

from __future__ import annotations

from pathlib import Path

from sitebuild import SEEDS, build_with_config, make_project
from thongbao.progress import Reporter


def test_log_lines_off_a_terminal_and_nothing_for_small_steps() -> None:
    lines: list[str] = []
    report = Reporter(lines.append, bar=False, minimum=3)
    assert list(report(iter(range(2)), total=2, label="small")) == [0, 1]
    assert lines == []
    ticker = report.ticker(4, "pages")
    assert ticker is not None
    ticker.every = 0.0  # a line per item, to see the counts and the estimate
    for _ in range(4):
        ticker.tick()
    ticker.close()
    assert lines[0].startswith("pages: 1/4 (25%), ") and "s left" in lines[0]
    assert lines[-1].startswith("pages: 4/4 in ") and len(lines) == 4


def test_a_bar_on_a_terminal_counts_every_item(capsys) -> None:
    report = Reporter(lambda line: None, bar=True, minimum=1)
    assert list(report(iter("abc"), total=3, label="extraction")) == ["a", "b", "c"]
    assert "extraction" in capsys.readouterr().err


def test_summary_line_counts_notices_refused_and_pages(tmp_path: Path, caplog) -> None:
    extra = {"content/notices/ha-noi/2022/scan.pdf": b"%PDF-1.4"}
    root = make_project(tmp_path / "p", SEEDS[:2], extra=extra, pages=["index.md"])
    with caplog.at_level("INFO", logger="mkdocs.plugins.thongbao_mkdocs.plugin"):
        site, _ = build_with_config(root, strict=False)
    pages = len(list(site.rglob("*.html")))
    line = next(r.getMessage() for r in caplog.records if "notices built" in r.getMessage())
    assert line.removeprefix("thongbao_mkdocs: ").startswith("2 notices built (0 incomplete: no date, province or chair), 1 refused; ")
    # Every page MkDocs wrote but the 404 (not a page of the nav or the files).
    assert f"; {pages - 1} pages in " in line
