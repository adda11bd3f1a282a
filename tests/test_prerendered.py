"""Generated pages make their HTML when MkDocs writes them, not when it reads them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from thongbao_mkdocs.prerendered import PrerenderedPage


def _page(tmp_path: Path, calls: list[str]) -> tuple[PrerenderedPage, Files, object]:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: thử\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    file = File("a/index.md", str(tmp_path / "docs"), str(tmp_path / "site"), True)

    def render(page: PrerenderedPage, files: Files) -> str:
        calls.append(page.file.src_uri)
        return "<p>Văn bản</p>"

    page = PrerenderedPage(file, config, {"title": "Trang"}, render)
    return page, Files([file]), config


def test_html_is_made_at_write_time_and_let_go_after(tmp_path: Path) -> None:
    calls: list[str] = []
    page, files, config = _page(tmp_path, calls)
    page.read_source(config)
    page.render(config, files)
    assert calls == [] and page.content == ""  # MkDocs renders every page before any is written
    page.materialize()
    assert calls == ["a/index.md"] and page.content == "<p>Văn bản</p>"
    page.materialize()  # a second call makes nothing again
    assert calls == ["a/index.md"]
    page.release()
    assert page.content == ""


def test_a_written_page_lets_go_of_what_made_it(tmp_path: Path) -> None:
    # An index page's render callable holds its view (every row): released with the HTML.
    calls: list[str] = []
    page, files, config = _page(tmp_path, calls)
    page.read_source(config)
    page.render(config, files)
    page.materialize()
    page.release()
    page.render(config, files)  # MkDocs never does this in one build; if it did, say so
    with pytest.raises(RuntimeError, match="rendered again after it was written"):
        page.materialize()


def test_html_is_made_at_once_when_a_plugin_reads_every_page(tmp_path: Path) -> None:
    calls: list[str] = []
    page, files, config = _page(tmp_path, calls)
    config.plugins.events["page_content"].append(lambda html, **_: html)
    page.read_source(config)
    page.render(config, files)
    assert calls == ["a/index.md"] and page.content == "<p>Văn bản</p>"
    page.release()  # not deferred: the page keeps what the plugin may have changed
    assert page.content == "<p>Văn bản</p>"
