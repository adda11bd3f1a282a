"""The pages journalists come for (issue 11), on a real MkDocs build of the five seed notices:
tasks and deadlines, topics main-first, policies explained, key figures, charts, chairs, the
archive at a glance; the tasks filter in Chromium."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from browsing import browser, console_errors, server  # noqa: F401  (fixtures)
from exportfiles import read_export
from htmlquery import by_class, document, text
from lxml import etree
from lxml.html import HtmlElement
from sitebuild import SEEDS, SiteHtml, build_site, fragment_found, make_project
from thongbao.archive import build_archive
from thongbao.indexpages import index_pages, symbol_pattern
from thongbao.pipeline import build_pages
from thongbao.reference import load_reference

ROOT = Path(__file__).resolve().parents[1]
LAO_CAI = "van-ban/lao-cai/2021/tb-2021-09-ket-luan-phien-hop-thuong-ky-thang-9/"


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("journal"), SEEDS)
    return build_site(root, strict=True)


@pytest.fixture(scope="module")
def site(site_dir: Path) -> Path:  # the browsing fixtures serve the folder named "site"
    return site_dir


@pytest.fixture(scope="module")
def html(site_dir: Path) -> SiteHtml:
    return SiteHtml(site_dir)


def notice_json(site_dir: Path, url: str) -> dict:
    """The full record of the notice at ``url``, as notices.json.zip publishes it."""
    rows = json.loads(read_export(site_dir, "notices.json"))["notices"]
    return next(row for row in rows if row["url"].endswith("/" + url))


def rows(page_html: str) -> list[HtmlElement]:
    """The task rows of a page (each carries its filter attributes)."""
    return document(page_html).xpath("//table//tr[@data-province]")


# -- tasks and deadlines -----------------------------------------------------------------------


def test_lao_cai_tasks_due_in_september_2021_appear_with_their_text(
    site_dir: Path, html: SiteHtml
) -> None:
    record = notice_json(site_dir, LAO_CAI)
    september = [d for d in record["deadlines"] if d["date"].startswith("2021-09")]
    assert len(september) >= 10
    page = html.html("nhiem-vu/")
    lao_cai_september = [r for r in rows(page)
                         if r.get("data-province") == "lao-cai" and r.get("data-month") == "2021-09"]
    assert len(lao_cai_september) == len(september)
    shown = [text(r) for r in lao_cai_september]
    for deadline in september:
        task = " ".join(deadline["task"].split())
        assert not task.startswith("Hoàn thành"), task  # the task itself, not only its date
        assert any(task in s for s in shown), task
    # Calendar order: the due dates of the page's rows never go back within a month's table.
    assert "Hạn đã qua" in page and "Đến hạn trong tháng 12/2023" in page


def test_tasks_status_is_relative_to_the_newest_notice(html: SiteHtml) -> None:
    page = html.html("nhiem-vu/")
    assert "ngày 05 tháng 12 năm 2023" in page  # the newest seed's date, not the build's
    assert rows(page) and all(r.get("data-status") == "past-due" for r in rows(page))


def test_tasks_filters_offer_provinces_agencies_months(html: SiteHtml) -> None:
    root = document(html.html("nhiem-vu/"))
    [form] = root.xpath("//form[@data-tb-filters]")

    def option(select: str, value: str) -> str:
        found = form.xpath(".//select[@name=$s]/option[@value=$v]", s=select, v=value)
        assert len(found) == 1, (select, value)
        return text(found[0])

    assert form.xpath(".//select[@name='tinh']/@data-attribute") == ["province"]
    assert option("tinh", "lao-cai").startswith("Lào Cai (")
    assert option("thang", "2021-09").startswith("Tháng 9/2021 (")
    assert option("co-quan", "so-ke-hoach-va-dau-tu").startswith("Sở Kế hoạch và Đầu tư (")
    assert root.xpath("//article//script") == []


def test_tasks_open_data_validates_against_its_schema(site_dir: Path, html: SiteHtml) -> None:
    data = json.loads(read_export(site_dir, "nhiem-vu.json"))
    schema = json.loads((site_dir / "nhiem-vu.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for row in data["tasks"]:
        jsonschema.validate(row, schema)
    assert data["reference_date"] == "2023-12-05"
    assert data["count"] == len(data["tasks"]) == len(rows(html.html("nhiem-vu/")))
    table = list(csv.reader(io.StringIO(read_export(site_dir, "nhiem-vu.csv", "utf-8-sig"))))
    assert table[0] == list(schema["properties"])
    assert [r[3] for r in table[1:]] == [t["task"] for t in data["tasks"]]


def test_agency_and_province_pages_link_to_their_tasks(html: SiteHtml) -> None:
    for url, fragment in (("co-quan/so-ke-hoach-va-dau-tu/", "co-quan=so-ke-hoach-va-dau-tu"),
                          ("tinh/lao-cai/", "tinh=lao-cai")):
        targets = [t for _, t in html.links_from(url)]
        assert f"nhiem-vu/#{fragment}" in targets, url
        assert fragment_found(html, "nhiem-vu/", fragment)


# -- topics main-first -------------------------------------------------------------------------


def test_topic_page_lists_main_notices_first_then_the_others(
    site_dir: Path, html: SiteHtml
) -> None:
    data = json.loads(read_export(site_dir, "notices.json"))["notices"]
    def split(slug: str) -> tuple[set[str], set[str]]:
        main = {n["url"].split("/", 3)[3] for n in data if slug in n["topics_main"]}
        others = {n["url"].split("/", 3)[3] for n in data
                  if slug in n["topics"] and slug not in n["topics_main"]}
        return main, others

    slug = "quy-hoach"  # main topic of two seeds, mentioned by the three others
    main, others = split(slug)
    assert main and others
    page = html.html(f"chu-de/{slug}/")
    first, second = page.split(">Có nhắc đến (", 1)
    assert f"Chủ đề chính ({len(main)} văn bản)" in first
    assert second.startswith(f"{len(others)} văn bản)")
    for url in main:
        assert url.rstrip("/").rsplit("/", 1)[1] in first
        assert url.rstrip("/").rsplit("/", 1)[1] not in second
    for url in others:
        assert url.rstrip("/").rsplit("/", 1)[1] in second


def test_topics_main_is_published(site_dir: Path) -> None:
    schema = json.loads((site_dir / "schema.json").read_text(encoding="utf-8"))
    data = json.loads(read_export(site_dir, "notices.json"))["notices"]
    for row in data:
        assert set(row["topics_main"]) <= set(row["topics"]) and len(row["topics_main"]) <= 4
    assert "topics_main" in schema["required"]


# -- policies explained ------------------------------------------------------------------------


def test_policy_page_says_what_68_nq_cp_is(html: SiteHtml) -> None:
    url = "chinh-sach/68-nq-cp-2021/"
    text = html.page(url).text
    line = ("Nghị quyết 68/NQ-CP ngày 01/7/2021 của Chính phủ về một số chính sách hỗ trợ "
            "người lao động và người sử dụng lao động gặp khó khăn do đại dịch COVID-19")
    assert line in text
    assert text.index(line) < text.index("Được dẫn chiếu trong")
    # the public page where the description was checked
    assert any(link.href.startswith("https://") for link in html.page(url).links)


def test_policy_page_lists_only_the_tasks_given_under_it(html: SiteHtml) -> None:
    """Tasks of the citing notices that name the document, not every task of those notices."""
    tasks = {url: [text(td) for td in document(html.html(url)).xpath(
        "//table[contains(@class,'tb-tasks')]//tr/td[2]")]
        for url in ("chinh-sach/76-nq-cp/", "chinh-sach/68-nq-cp-2021/")}
    assert len(tasks["chinh-sach/76-nq-cp/"]) == 1
    assert "Nghị quyết số 76/NQ-CP" in tasks["chinh-sach/76-nq-cp/"][0]
    assert tasks["chinh-sach/68-nq-cp-2021/"] == []  # cited by notices with tasks, none under it


@pytest.mark.parametrize(("symbol", "sentence", "named"), [
    ("68/NQ-CP", "triển khai Nghị quyết số 68/NQ-CP ngày 01/7/2021", True),
    ("68/NQ-CP", "theo Nghị quyết 68 / nq - cp của Chính phủ", True),
    ("68/NQ-CP", "theo Nghị quyết 168/NQ-CP", False),
    ("68/NQ-CP", "theo Văn bản 68/NQ-CPTW", False),
    ("43/2021/QĐ-TTg", "thực hiện Quyết định 43/2021/QĐ-TTg.", True),
    ("43/2021/QĐ-TTg", "thực hiện Quyết định 43/2022/QĐ-TTg.", False),
    ("68/NQ-CP", "theo Nghị quyết của Chính phủ về kinh tế tư nhân", False),  # no number
    ("KH-UBND", "theo kh - ubnd của tỉnh", True),  # no number to look for first
    ("KH-UBND", "theo KH-UBNDT", False),
])
def test_symbol_pattern(symbol: str, sentence: str, named: bool) -> None:
    assert symbol_pattern(symbol)(sentence) is named


# -- key figures and charts --------------------------------------------------------------------


def test_grdp_figure_in_its_table_links_to_its_sentence(html: SiteHtml) -> None:
    root = document(html.html("chi-so/grdp/"))
    links = root.xpath("//h2[contains(., 'Bảng số liệu')]/following::table//a[. = 'tăng 3,42%']")
    assert links, "GRDP 3,42% of Bắc Kạn"
    target = html.resolve("chi-so/grdp/", links[0].get("href"))
    assert target is not None
    path, _, fragment = target.partition("#")
    assert path.startswith("van-ban/bac-kan/2021/")
    assert fragment.startswith(":~:text=") and "3,42" in unquote(fragment)
    assert fragment_found(html, path, fragment)


CHART_PAGES = ("", "chu-de/", "chinh-sach/", "co-quan/", "chi-so/grdp/")


@pytest.mark.parametrize("url", CHART_PAGES)
def test_each_chart_has_title_desc_and_a_data_table(html: SiteHtml, url: str) -> None:
    figures = by_class(document(html.html(url)), "tb-chart", "figure")
    assert figures, url
    for fig in figures:
        [svg] = fig.xpath(".//svg")
        title_id, desc_id = svg.get("aria-labelledby").split()  # named by its title and desc
        assert svg.xpath("./title/@id") == [title_id] and svg.xpath("./desc/@id") == [desc_id]
        assert fig.xpath(".//table/caption")
        assert fig.xpath(".//th[@scope='col']") and fig.xpath(".//th[@scope='row']")
        assert not fig.xpath(".//script")
        assert "#fff" not in etree.tostring(fig, encoding="unicode").lower()


# -- chairs, home, quality ---------------------------------------------------------------------


def test_chair_page_shows_tenure_topics_agencies_and_tasks(html: SiteHtml) -> None:
    chair = next(t for link, t in html.links_from("lanh-dao/") if "lanh-dao/" in t
                 and "lao-cai" in t)
    text = html.page(chair).text
    assert "Thời gian thấy trong lưu trữ: 9/2021" in text
    assert "Chủ đề chính thường gặp:" in text
    assert "Giao nhiệm vụ có thời hạn nhiều nhất cho:" in text
    assert len(rows(html.html(chair))) >= 10


@pytest.mark.parametrize("url", ["", "chat-luong/"])
def test_home_and_quality_pages_show_the_archive_at_a_glance(html: SiteHtml, url: str) -> None:
    text = re.sub(r" ([,;.])", r"\1", html.page(url).text)  # the parser spaces inline tags
    assert re.search(r"Nhìn nhanh: 5 văn bản của 4 tỉnh, thành phố, từ 04/05/2021 đến 05/12/2023; "
                     r"\d+ nhiệm vụ có thời hạn, trong đó 0 đến hạn", text), text[:500]


def test_journal_pages_are_deterministic() -> None:
    ref = load_reference(ROOT / "content" / "reference")
    result = build_pages(ROOT / "content", cache_dir=None, ref=ref)
    first = {p.path: p.text() for p in index_pages(build_archive(result.pages, ref))}
    second = {p.path: p.text() for p in index_pages(build_archive(result.pages, ref))}
    assert first == second
    assert "nhiem-vu/index.md" in first and "chi-so/grdp/index.md" in first


def test_tasks_page_paginates_by_month_beyond_the_limit() -> None:
    ref = load_reference(ROOT / "content" / "reference")
    result = build_pages(ROOT / "content", cache_dir=None, ref=ref)
    pages = {p.path: p for p in index_pages(build_archive(result.pages, ref), list_limit=5)}
    assert "nhiem-vu/2021-09.md" in pages
    assert "nhiem-vu/2021-09.md" in pages["nhiem-vu/index.md"].links()
    assert "Lào Cai" in pages["nhiem-vu/2021-09.md"].text()


# -- in the browser ----------------------------------------------------------------------------


def test_tasks_filter_in_chromium(server: str, browser) -> None:  # noqa: F811
    page = browser.new_page()
    errors = console_errors(page)
    page.goto(server + "nhiem-vu/#tinh=lao-cai&thang=2021-09")
    page.wait_for_selector("form[data-tb-filters]:not([hidden])")
    visible = page.locator("table.tb-tasks tbody tr:visible")
    every = page.locator("table.tb-tasks tbody tr")
    assert 0 < visible.count() < every.count()
    for i in range(visible.count()):
        assert visible.nth(i).get_attribute("data-province") == "lao-cai"
        assert visible.nth(i).get_attribute("data-month") == "2021-09"
    page.select_option("select[name=tinh]", "")
    page.select_option("select[name=thang]", "")
    assert visible.count() == every.count()
    page.select_option("select[name=co-quan]", "so-ke-hoach-va-dau-tu")
    assert "co-quan=so-ke-hoach-va-dau-tu" in page.url
    assert all(visible.nth(i).get_attribute("data-agency") == "so-ke-hoach-va-dau-tu"
               for i in range(visible.count()))
    assert errors == []
    page.close()
