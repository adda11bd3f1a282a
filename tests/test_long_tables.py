"""Long tables of index pages come in chunks the browser lays out only near the screen
(``table_chunk``, listing.html, journal.css; docs/phone.md, "Long tables"): the same rows in
the same order as one table, every chunk a whole table with its header, the tasks filter
still right across chunks. Real MkDocs builds of the seed notices with chunks of 2 rows and
with chunks larger than any table; the filter in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import browser, console_errors, server  # noqa: F401  (fixtures)
from htmlquery import by_class, document, text
from lxml.html import HtmlElement
from sitebuild import SEEDS, build_site, make_project

CHUNK = 2
KINDS = ("tb-tasks", "tb-notices", "tb-deadline-list")
# Each month heading of the tasks page: whether it is hidden, and the rows shown in each of
# the chunk boxes after it.
_HEADINGS = """() => [...document.querySelectorAll('article h3')]
  .filter(h => h.nextElementSibling && h.nextElementSibling.classList.contains('tb-scroll'))
  .map(h => {
    const shown = [];
    for (let n = h.nextElementSibling; n && n.classList.contains('tb-scroll');
         n = n.nextElementSibling) {
      shown.push([...n.querySelectorAll('tbody tr')].filter(r => !r.hidden).length);
    }
    return [h.hidden, shown];
  })"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("chunks")
    chunked = build_site(make_project(tmp / "chunked", SEEDS, options={"table_chunk": CHUNK}))
    whole = build_site(make_project(tmp / "whole", SEEDS, options={"table_chunk": 100_000}))
    return chunked, whole


@pytest.fixture(scope="module")
def site(sites: tuple[Path, Path]) -> Path:  # served by the browsing fixtures
    return sites[0]


def _pages(site: Path) -> dict[str, HtmlElement]:
    return {p.relative_to(site).as_posix(): document(p.read_text("utf-8"))
            for p in sorted(site.rglob("*.html"))}


def _rows(page: HtmlElement, kind: str) -> list[str]:
    return [text(tr) for tr in page.xpath(f"//table[@class='{kind}']/tbody/tr")]


def _article(page: HtmlElement) -> str:
    """The article's text without the tables' header rows (a chunk repeats them)."""
    found = page.xpath("//article")
    if not found:
        return ""
    article = found[0]
    for head in article.xpath(".//thead"):
        head.getparent().remove(head)
    return text(article)


def test_chunks_hold_the_same_rows_in_the_same_order(sites: tuple[Path, Path]) -> None:
    chunked, whole = (_pages(s) for s in sites)
    assert sorted(chunked) == sorted(whole)
    split = 0
    for path, page in chunked.items():
        for kind in KINDS:
            assert _rows(page, kind) == _rows(whole[path], kind), (path, kind)
        assert _article(page) == _article(whole[path]), path
        split += len(by_class(page, "tb-chunk"))
    assert split > 20  # the seeds' tasks page, agency and province pages have long tables


def test_every_chunk_is_a_whole_table_of_at_most_the_chunk(sites: tuple[Path, Path]) -> None:
    chunked, whole = (_pages(s) for s in sites)
    kinds_split: set[str] = set()
    for path, page in chunked.items():
        assert not by_class(whole[path], "tb-chunk")
        for box in by_class(page, "tb-chunk"):
            tables = box.xpath("./table")
            assert len(tables) == 1, path
            assert tables[0].xpath("./thead/tr/th"), path
            assert 1 <= len(tables[0].xpath("./tbody/tr")) <= CHUNK, path
            kinds_split.add(tables[0].get("class"))
        # Each table of the whole site becomes its rows in chunks of CHUNK, each chunk in a
        # box; a table of at most CHUNK rows stays one table, outside any box.
        for kind in KINDS:
            expected = []
            for table in whole[path].xpath(f"//table[@class='{kind}']"):
                n = len(table.xpath("./tbody/tr"))
                if n <= CHUNK:
                    expected.append((n, False))
                else:
                    expected += [(min(CHUNK, n - i), True) for i in range(0, n, CHUNK)]
            found = [(len(t.xpath("./tbody/tr")),
                      bool(t.xpath("./ancestor::*[contains(concat(' ', @class, ' '),"
                                   " ' tb-chunk ')]")))
                     for t in page.xpath(f"//table[@class='{kind}']")]
            assert found == expected, (path, kind)
    assert kinds_split == set(KINDS)


def test_tasks_filter_across_chunks_in_chromium(server: str, browser) -> None:  # noqa: F811
    page = browser.new_page()
    errors = console_errors(page)
    page.goto(server + "nhiem-vu/#tinh=lao-cai")
    page.wait_for_selector("form[data-tb-filters]:not([hidden])")
    # The browser defers the chunks' layout (content-visibility), it does not drop them.
    assert page.evaluate(
        "getComputedStyle(document.querySelector('.tb-chunk')).contentVisibility") == "auto"
    visible = page.locator("table.tb-tasks tbody tr:visible")
    assert visible.count() > 0
    assert all(visible.nth(i).get_attribute("data-province") == "lao-cai"
               for i in range(visible.count()))
    # A month's heading is shown when one of its chunks has a row, hidden when none has:
    # checked for every province, and one of them has a month whose first chunk is empty
    # while a later one is not (the heading must follow the later one).
    later_only = 0
    for name in ("tinh", "co-quan"):
        for value in page.evaluate(
                f"[...document.querySelector('select[name={name}]').options].map(o => o.value)"):
            page.select_option("select[name=tinh]", "")
            page.select_option(f"select[name={name}]", value)
            headings = page.evaluate(_HEADINGS)
            assert all(hidden == (sum(rows) == 0) for hidden, rows in headings), (name, value)
            later_only += sum(1 for _, rows in headings if rows[0] == 0 and sum(rows) > 0)
        page.select_option(f"select[name={name}]", "")
    assert later_only > 0
    page.select_option("select[name=tinh]", "lao-cai")
    count = page.locator(".tb-filter-count").text_content() or ""
    assert count.startswith(f"{visible.count()} ")
    page.select_option("select[name=tinh]", "")
    assert visible.count() == page.locator("table.tb-tasks tbody tr").count()
    assert page.evaluate("[...document.querySelectorAll('article h3')].every(h => !h.hidden)")
    assert errors == []
    page.close()
