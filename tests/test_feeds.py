"""Atom feeds: the pure renderer on hand-made records, then every feed of the built site."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET

import pytest
from htmlquery import document
from opendata_site import SITE_URL, shared_site
from sitebuild import SiteHtml, parse
from test_citation import record
from thongbao import feeds
from thongbao.record import AgencyRef, Policy

A = "{http://www.w3.org/2005/Atom}"
SITE = feeds.Site(SITE_URL, "Lưu trữ", rights="CC BY 4.0")


def item(url: str, **fields: object) -> feeds.Item:
    return feeds.Item(record(id=url.strip("/").rsplit("/", 1)[-1], **fields), url)


def parse_feed(text: str) -> ET.Element:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{A}feed"
    return root


def entries(root: ET.Element) -> list[ET.Element]:
    return root.findall(f"{A}entry")


# -- the renderer ----------------------------------------------------------------------------------


def test_required_elements_and_order():
    group = feeds.FeedGroup("tinh/bac-kan/", "Văn bản của UBND tỉnh Bắc Kạn", [
        item("van-ban/a/", date="2021-10-11", title="Cũ", province="Bắc Kạn",
             province_id="bac-kan", summary="Tóm tắt A"),
        item("van-ban/b/", date="2023-12-05", title="Mới", province="Bắc Kạn",
             province_id="bac-kan", province_now="Thái Nguyên"),
    ])
    root = parse_feed(feeds.render_feed(group, SITE))
    assert root.findtext(f"{A}id") == SITE_URL + "tinh/bac-kan/"
    assert root.findtext(f"{A}title").startswith("Văn bản của UBND tỉnh Bắc Kạn")
    assert root.findtext(f"{A}updated") == "2023-12-05T00:00:00+07:00"
    assert root.findtext(f"{A}author/{A}name") == "Lưu trữ"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{A}link")}
    assert links == {"self": SITE_URL + "tinh/bac-kan/atom.xml",
                     "alternate": SITE_URL + "tinh/bac-kan/"}
    new, old = entries(root)
    assert [e.findtext(f"{A}title") for e in (new, old)] == ["Mới", "Cũ"]
    assert new.findtext(f"{A}id") == SITE_URL + "van-ban/b/"
    assert new.find(f"{A}link").get("href") == SITE_URL + "van-ban/b/"
    assert new.findtext(f"{A}updated") == "2023-12-05T00:00:00+07:00"
    assert new.find(f"{A}category").get("label") == "Bắc Kạn"
    assert "Bắc Kạn (nay thuộc Thái Nguyên)" in new.findtext(f"{A}summary")
    assert old.findtext(f"{A}summary").endswith("— Tóm tắt A")
    assert old.findtext(f"{A}author/{A}name") == "UBND tỉnh Bắc Kạn"


def test_dates_month_meeting_and_year_folder_fallbacks():
    group = feeds.FeedGroup("", "", [
        item("van-ban/x/2021/thang/", date="2021-09"),
        item("van-ban/x/2021/hop/", meeting_date="2021-05-04"),
        item("van-ban/x/2019/chi-co-nam/"),
        item("van-ban/khong-ngay/"),  # nothing dates it: left out of feeds
    ])
    root = parse_feed(feeds.render_feed(group, SITE))
    assert [e.findtext(f"{A}updated")[:10] for e in entries(root)] == [
        "2021-09-01", "2021-05-04", "2019-01-01"]


def test_limit_keeps_the_newest():
    group = feeds.FeedGroup("", "", [item(f"van-ban/{d}/", date=f"2021-01-{d:02d}")
                                     for d in range(1, 29)])
    root = parse_feed(feeds.render_feed(group, SITE, limit=5))
    assert [e.findtext(f"{A}updated")[8:10] for e in entries(root)] == [
        "28", "27", "26", "25", "24"]


def test_empty_feed_is_still_valid():
    root = parse_feed(feeds.render_feed(feeds.FeedGroup("", "", []), SITE))
    assert root.findtext(f"{A}updated") == feeds.NO_DATE
    assert entries(root) == []


def test_untrusted_text_is_escaped_and_control_characters_dropped():
    title = 'Kết luận <script>alert("x")</script> & "đầu tư"\x0c\x00'
    group = feeds.FeedGroup("", "", [item("van-ban/a/", date="2021-01-01", title=title,
                                          summary="a\x1bb <b>")])
    text = feeds.render_feed(group, SITE)
    assert "<script>" not in text
    entry = entries(parse_feed(text))[0]
    assert entry.findtext(f"{A}title") == 'Kết luận <script>alert("x")</script> & "đầu tư"'
    assert entry.findtext(f"{A}summary").endswith("— ab <b>")


def test_same_input_in_any_order_gives_the_same_bytes():
    items = [item(f"van-ban/{i}/", date=f"2021-0{1 + i % 3}-01", title=f"T{i}",
                  province_id="bac-kan", province="Bắc Kạn",
                  agencies=(AgencyRef("so-y-te", "Sở Y tế"),), topics=("y-te",))
             for i in range(12)]
    shuffled = items[:]
    random.Random(4).shuffle(shuffled)

    def render(seq: list[feeds.Item]) -> dict[str, str]:
        groups = feeds.group_items(feeds.newest_first(seq))
        return {url: feeds.render_feed(g, SITE) for url, g in groups.items()}

    assert render(items) == render(shuffled)
    assert set(render(items)) == {"tinh/bac-kan/", "co-quan/so-y-te/", "chu-de/y-te/"}


def test_groups_follow_the_site_pages():
    one = item("van-ban/a/", date="2021-01-01", province_id="bac-kan", province="Bắc Kạn",
               policies=(Policy("68-nq-cp", "68/NQ-CP", None, "Chính phủ",
                                name="Nghị quyết số 68/NQ-CP"),
                         Policy("68-nq-cp-2021", "68/NQ-CP", 2021, "Chính phủ",
                                name="Nghị quyết số 68/NQ-CP")))

    def page_id(section: str, term: str, rec: object) -> str:
        return "68-nq-cp-2021" if section == "chinh-sach" else term

    groups = feeds.group_items([one], page_id, {"tinh/bac-kan/": "Bắc Kạn"})
    assert list(groups) == ["chinh-sach/68-nq-cp-2021/", "tinh/bac-kan/"]
    assert len(groups["chinh-sach/68-nq-cp-2021/"].items) == 1  # listed once, not twice
    assert groups["tinh/bac-kan/"].title == "Văn bản của UBND tỉnh Bắc Kạn"
    assert groups["tinh/bac-kan/"].path == "tinh/bac-kan/atom.xml"


# -- the built site ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site() -> SiteHtml:
    return SiteHtml(shared_site())


def all_feeds(site: SiteHtml) -> list[str]:
    return sorted(p.relative_to(site.site).as_posix() for p in site.site.rglob("atom.xml"))


def test_every_feed_is_valid_atom(site):
    paths = all_feeds(site)
    assert "atom.xml" in paths
    for section in ("tinh", "co-quan", "chu-de", "chinh-sach"):
        assert any(p.startswith(section + "/") for p in paths), section
    for path in paths:
        root = parse_feed((site.site / path).read_text(encoding="utf-8"))
        for tag in ("id", "title", "updated"):
            assert root.findtext(f"{A}{tag}"), (path, tag)
        assert root.find(f"{A}link[@rel='self']").get("href") == SITE_URL + path
        items = entries(root)
        assert items, path
        dates = [e.findtext(f"{A}updated") for e in items]
        assert dates == sorted(dates, reverse=True), path
        assert root.findtext(f"{A}updated") == dates[0], path
        for entry in items:
            check_entry(site, path, entry)


def check_entry(site: SiteHtml, path: str, entry: ET.Element) -> None:
    for tag in ("id", "title", "updated", "summary"):
        assert entry.findtext(f"{A}{tag}"), (path, tag)
    href = entry.find(f"{A}link").get("href")
    assert href.startswith(SITE_URL)
    assert site.exists(href.removeprefix(SITE_URL)), (path, href)
    province = entry.find(f"{A}category").get("label")
    assert province in entry.findtext(f"{A}summary")


def test_index_pages_link_their_feed(site):
    for path in all_feeds(site):
        page_url = path.removesuffix("atom.xml")
        html = site.html(page_url)
        assert path in [site.resolve(page_url, h) for h in alternate_hrefs(html)], page_url
        visible = [link for link in parse(html).links if "Theo dõi (Atom)" in link.text]
        assert len(visible) == 1, page_url
        assert site.resolve(page_url, visible[0].href) == path


def test_every_page_links_the_archive_feed(site):
    for url in site.pages():
        if url == "404.html" or 'http-equiv="refresh"' in site.html(url):
            continue
        hrefs = alternate_hrefs(site.html(url))
        assert hrefs, url
        assert site.resolve(url, hrefs[0]) == "atom.xml", url


def alternate_hrefs(html: str) -> list[str]:
    """The hrefs of the page's Atom ``<link>`` elements in its ``<head>``, in order."""
    return document(html).xpath("/html/head/link[@type='application/atom+xml']/@href")


def test_a_policy_gets_a_feed_once_two_notices_cite_it(site):
    policies = [u for u in site.pages() if re.fullmatch(r"chinh-sach/[^/]+/", u)]
    with_feed = [u for u in policies if site.exists(u + "atom.xml")]
    assert with_feed and len(with_feed) < len(policies)
    for url in with_feed:
        root = parse_feed((site.site / url / "atom.xml").read_text(encoding="utf-8"))
        assert len(entries(root)) >= 2, url
    for url in set(policies) - set(with_feed):
        assert "Theo dõi (Atom)" not in site.html(url), url
