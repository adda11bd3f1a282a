"""The listing fragment (overrides/partials/thongbao/listing.html) renders views safely.

Rendered with autoescape on, as the plugin renders it (``listing_template``): hostile names,
titles and quotes stay text, links are only those the view holds, headings get their ids.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from thongbao.listing import (
    CitationItem,
    CitationList,
    Link,
    NoticeRow,
    NoticeTable,
    Page,
    Strong,
    Table,
)
from thongbao_mkdocs.generated import link_from

OVERRIDES = Path(__file__).resolve().parents[1] / "overrides"
EVIL = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def render(blocks: tuple, href=lambda path: "../" + path) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(OVERRIDES), autoescape=True)
    return env.get_template("partials/thongbao/listing.html").render(
        blocks=blocks, href=href, link=link_from(href))


def test_link_escapes_its_path_anchor_and_label() -> None:
    # A notices table's cells are drawn by link(): one with a page, one without.
    page = Page("tinh/x/index.md", "x")
    page.add(NoticeTable((NoticeRow(EVIL, Link(EVIL, None), EVIL,
                                    Link(EVIL, "van-ban/a.md", anchor='"><b>')),)))
    html = render(page.done().blocks, href=lambda path: '../"' + path)
    assert "<script" not in html and "<b>" not in html and "<img" not in html
    assert html.count('<a href="../') == 1 and 'href="../&#34;van-ban/a.md#&#34;&gt;&lt;b&gt;"' in html


def test_hostile_values_stay_text() -> None:
    page = Page("tinh/x/index.md", EVIL)
    page.para("Có ", Strong(EVIL), " và ", Link(EVIL, "co-quan/y/index.md"), ".")
    page.add(NoticeTable((NoticeRow(EVIL, Link(EVIL, None), EVIL, Link(EVIL, "van-ban/a.md")),)))
    page.add(Table(("Cơ quan", "Số"), (((Link(EVIL, None),), ("3",)),), (False, True)))
    page.add(CitationList((CitationItem(Link(EVIL, "van-ban/a.md"), EVIL, EVIL,
                                        ((EVIL, Strong("68/NQ-CP")),)),)))
    html = render(page.done().blocks)
    assert "<script" not in html and "<img" not in html
    assert html.count("&lt;script&gt;") == 12  # every value that held it
    # Only the links the view holds, to the renderer's URLs.
    assert html.count("<a href=") == 3
    assert '<a href="../co-quan/y/index.md">' in html
    assert '<strong>68/NQ-CP</strong>' in html


def test_headings_get_unique_toc_ids_and_permalinks() -> None:
    page = Page("tinh/x/index.md", "Tỉnh Đắk Lắk")
    page.heading(2, "Năm 2021")
    page.heading(2, "Năm 2021")
    html = render(page.done().blocks)
    assert '<h1 id="tinh-dak-lak">Tỉnh Đắk Lắk<a class="headerlink" href="#tinh-dak-lak"' in html
    assert 'id="nam-2021"' in html and 'id="nam-2021_1"' in html


def test_numeric_columns_align_right() -> None:
    table = Table(("Năm", "Văn bản"), (((Link("2021", "nam/2021/index.md"),), ("12",)),),
                  (False, True))
    html = render((table,))
    assert '<td style="text-align: right;">12</td>' in html
    assert '<td><a href="../nam/2021/index.md">2021</a></td>' in html
