"""The archive site as a reader meets it: one real MkDocs build of the five seed notices,
shared by every test of this module, and assertions on the HTML."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from htmlquery import document, hrefs, one_by_class, text
from sitebuild import SEEDS, SiteHtml, broken_links, build_site, make_project, site_pages

BAC_KAN_2021 = "van-ban/bac-kan/2021/tb-2021-10-11-ket-luan-hoi-nghi-kinh-te-xa-hoi-thang-9/"
BAC_KAN_2023 = "van-ban/bac-kan/2023/tin-2023-12-05-danh-gia-kinh-te-xa-hoi-11-thang/"
LAO_CAI = "van-ban/lao-cai/2021/tb-2021-09-ket-luan-phien-hop-thuong-ky-thang-9/"
THAI_NGUYEN = "van-ban/thai-nguyen/2021/cv-3413-ubnd-th-2021-07-22/"
CAO_BANG = "van-ban/cao-bang/2021/tb-2021-05-ket-luan-phien-hop-thang-4/"
NOTICES = (BAC_KAN_2021, BAC_KAN_2023, LAO_CAI, THAI_NGUYEN, CAO_BANG)
INDEX_PREFIXES = ("tinh/", "co-quan/", "chinh-sach/", "lanh-dao/", "chu-de/", "nam/")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteHtml:
    root = make_project(tmp_path_factory.mktemp("seeds"), SEEDS, pages=site_pages())
    return SiteHtml(build_site(root, strict=True))


def targets(site: SiteHtml, url: str) -> set[str]:
    return {target.split("#")[0] for _, target in site.links_from(url)}


def panel_targets(site: SiteHtml, url: str) -> set[str]:
    """Targets of the links in a notice's metadata panel."""
    panel = one_by_class(document(site.html(url)), "tb-panel")
    found = {site.resolve(url, href) for href in hrefs(panel)}
    return {t.split("#")[0] for t in found if t is not None}


def section(html: str, heading: str) -> str:
    """The HTML from an <h2> whose text starts with ``heading`` to the next <h2>."""
    m = re.search(rf"<h2[^>]*>{re.escape(heading)}.*?(?=<h2|</article>)", html, re.S)
    assert m, f"no section {heading!r}"
    return m.group(0)


def follow(site: SiteHtml, url: str, text: str) -> str:
    """The URL of the first link on ``url`` whose text is ``text``."""
    for link, target in site.links_from(url):
        if link.text == text:
            return target.split("#")[0]
    raise AssertionError(f"{url}: no link {text!r}")


# -- what the issue asks, literally --------------------------------------------------------------


def test_policy_68_nq_cp_lists_the_three_provinces(site: SiteHtml) -> None:
    url = follow(site, "chinh-sach/", "Nghị quyết số 68/NQ-CP")
    page = site.page(url)
    provinces = [text for tag, text in page.headings if tag == "h2"]
    assert {"Bắc Kạn", "Lào Cai", "Thái Nguyên"} <= set(provinces)
    assert {BAC_KAN_2021, LAO_CAI, THAI_NGUYEN} <= targets(site, url)
    # The document itself comes first: what it is, who issued it.
    assert "Chính phủ" in page.text and "Nghị quyết" in page.text
    # ... and every citing notice with the sentence that cites it.
    assert "68/NQ-CP" in section(site.html(url), "Lào Cai").split("</a>", 1)[1]


def test_bac_kan_lists_both_notices_and_names_thai_nguyen(site: SiteHtml) -> None:
    page = site.page("tinh/bac-kan/")
    assert {BAC_KAN_2021, BAC_KAN_2023} <= targets(site, "tinh/bac-kan/")
    successor = [link for link, target in site.links_from("tinh/bac-kan/")
                 if target == "tinh/thai-nguyen/"]
    assert successor and "Thái Nguyên" in successor[0].text
    assert "Sắp xếp đơn vị hành chính năm 2025" in page.text


def test_thai_nguyen_lists_its_predecessors_notices_as_such(site: SiteHtml) -> None:
    html = site.html("tinh/thai-nguyen/")
    own = section(html, "Văn bản của tỉnh Thái Nguyên")
    predecessor = section(html, "Văn bản của tỉnh Bắc Kạn")
    assert "cv-3413-ubnd-th-2021-07-22" in own and "bac-kan" not in own.split("</h2>", 1)[1]
    assert "tb-2021-10-11-ket-luan" in predecessor and "tin-2023-12-05" in predecessor


def test_ke_hoach_dau_tu_tasks_by_province_and_date(site: SiteHtml) -> None:
    html = site.html("co-quan/so-ke-hoach-va-dau-tu/")
    lao_cai = section(html, "Lào Cai")
    thai_nguyen = section(html, "Thái Nguyên")
    assert "15/09/2021" in lao_cai
    assert "25/07/2021" in thai_nguyen
    assert "25/07/2021" not in lao_cai
    assert LAO_CAI.rstrip("/").rsplit("/", 1)[1] in lao_cai
    assert THAI_NGUYEN.rstrip("/").rsplit("/", 1)[1] in thai_nguyen


@pytest.mark.parametrize("notice", NOTICES)
def test_notice_index_notice_round_trip(site: SiteHtml, notice: str) -> None:
    # Every page the metadata panel links to lists the notice. (An inline mention in the
    # text, such as an agency among those attending, links to a page that need not.)
    index_targets = {t for t in panel_targets(site, notice) if t.startswith(INDEX_PREFIXES)}
    assert index_targets, "a notice links to its index pages"
    for target in sorted(index_targets):
        if target.count("/") == 1:  # the list pages of the nav
            continue
        assert notice in targets(site, target), f"{target} does not link back to {notice}"


def test_no_broken_internal_link(site: SiteHtml) -> None:
    assert broken_links(site) == []


# -- the notice page ------------------------------------------------------------------------------


def test_notice_links_province_chair_topics_agencies_policies(site: SiteHtml) -> None:
    found = panel_targets(site, LAO_CAI)
    assert "tinh/lao-cai/" in found
    assert "lanh-dao/trinh-xuan-truong-lao-cai/" in found
    assert any(t.startswith("chu-de/") and t != "chu-de/" for t in found)
    assert "co-quan/so-ke-hoach-va-dau-tu/" in found
    assert "co-quan/so-giao-thong-van-tai-xay-dung/" in found  # Lào Cai's own department
    assert any(t.startswith("chinh-sach/68-nq-cp") for t in found)


def test_notice_panel_shows_metadata_in_vietnamese(site: SiteHtml) -> None:
    text = site.page(BAC_KAN_2021).text
    for expected in ("Ngày ban hành", "ngày 11 tháng 10 năm 2021", "Ngày họp",
                     "ngày 06 tháng 10 năm 2021", "Chủ trì", "Nguyễn Đăng Bình",
                     "Chủ tịch UBND tỉnh", "Người ký", "Vũ Đức Chính", "Văn bản dẫn chiếu",
                     "Tệp gốc", "thuộc tỉnh Thái Nguyên"):
        assert expected in text


def test_notice_text_links_agencies_and_policies_inline(site: SiteHtml) -> None:
    body = one_by_class(document(site.html(LAO_CAI)), "tb-text")
    resolved = (site.resolve(LAO_CAI, href) for href in hrefs(body))
    inline = {t.split("#")[0] for t in resolved if t is not None}
    assert "co-quan/so-ke-hoach-va-dau-tu/" in inline
    assert any(t.startswith("chinh-sach/68-nq-cp") for t in inline)
    # Never inside a document number ("Số: /TB-VPUBND") or a heading: no link follows "TB-".
    for link in body.iter("a"):
        before = link.getprevious().tail if link.getprevious() is not None else link.getparent().text
        assert not (before or "").endswith("TB-"), text(link)
    assert all("headerlink" in link.classes for link in site.page(LAO_CAI).links
               if link.in_heading)


def test_notice_deadlines_listed_with_agency(site: SiteHtml) -> None:
    root = document(site.html(THAI_NGUYEN))
    panel = one_by_class(root, "tb-deadlines")
    deadlines = text(panel)
    assert panel.xpath(".//time[@datetime='2021-07-25']")
    assert "25/07/2021" in deadlines
    assert "Sở Kế hoạch và Đầu tư" in deadlines
    # The cut of the task links to the block of the text that holds its whole sentence.
    anchors = [h[1:] for h in hrefs(panel) if h.startswith("#nhiem-vu-")]
    assert anchors and all(a in site.page(THAI_NGUYEN).ids for a in anchors)


def test_original_file_offered_for_download(site: SiteHtml) -> None:
    downloads = [(link, target) for link, target in site.links_from(LAO_CAI)
                 if target.startswith("tep-goc/")]
    assert len(downloads) == 1
    original = site.path(downloads[0][1])
    assert original.read_bytes().startswith(b"\n\nS")  # the file as received
    names = document(site.html(LAO_CAI)).xpath("//a/@download")
    assert "tb-2021-09-ket-luan-phien-hop-thuong-ky-thang-9.txt" in names


def test_originals_linked_in_the_repository_when_originals_url_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the Pages workflow does: no copy in the site, a link to the file at the commit.
    repository = "https://github.com/example/thongbao/blob/0123abc/"
    monkeypatch.setenv("ORIGINALS_URL", repository)
    lao_cai = next(rel for rel in SEEDS if rel.startswith("lao-cai/"))
    site = SiteHtml(build_site(make_project(tmp_path, [lao_cai], pages=site_pages())))
    assert not (site.site / "tep-goc").exists()
    links = document(site.html(LAO_CAI)).xpath("//a[@download]/@href")
    assert links == [repository + "content/notices/" + quote(lao_cai)]


def test_notice_not_in_navigation(site: SiteHtml) -> None:
    navs = document(site.html(LAO_CAI)).xpath("//*[@data-md-type='navigation']")
    assert len(navs) == 1
    links = hrefs(navs[0])
    assert not any("van-ban/" in href for href in links)
    assert len(links) <= 12  # home, six lists, tasks, figures, open data, about (+ Material's own)


def test_title_and_headings_in_vietnamese(site: SiteHtml) -> None:
    page = site.page(BAC_KAN_2021)
    assert page.title.startswith("Kết luận của Chủ tịch UBND tỉnh")
    assert document(site.html(BAC_KAN_2021)).get("lang") == "vi"


# -- index pages ---------------------------------------------------------------------------------


def test_province_list_names_every_province(site: SiteHtml) -> None:
    text = site.page("tinh/").text
    for name in ("Hà Giang", "Bắc Kạn", "Thái Nguyên", "Hồ Chí Minh", "Cà Mau", "Lào Cai"):
        assert name in text
    assert "34 tỉnh, thành phố hiện nay" in text and "29 tỉnh đã hợp nhất" in text


def test_no_page_for_terms_without_notices(site: SiteHtml) -> None:
    assert not site.exists("tinh/ha-giang/")  # no notice, no predecessor with notices
    assert site.exists("tinh/bac-kan/") and site.exists("tinh/thai-nguyen/")
    linked = targets(site, "tinh/")
    assert "tinh/ha-giang/" not in linked and "tinh/bac-kan/" in linked


def test_chair_page_lists_notices_newest_first(site: SiteHtml) -> None:
    url = "lanh-dao/nguyen-dang-binh-bac-kan/"
    found = [t for _, t in site.links_from(url) if t.startswith("van-ban/")]
    assert found.index(BAC_KAN_2023) < found.index(BAC_KAN_2021)


def test_year_and_topic_pages(site: SiteHtml) -> None:
    assert {BAC_KAN_2021, LAO_CAI, THAI_NGUYEN, CAO_BANG} <= targets(site, "nam/2021/")
    assert BAC_KAN_2023 in targets(site, "nam/2023/")
    assert "nam/2021/" in targets(site, "nam/")
    topic = next(t for t in targets(site, "chu-de/") if t.count("/") == 2)
    assert any(t.startswith("van-ban/") for t in targets(site, topic))


def test_home_page_latest_entry_points_and_counts(site: SiteHtml) -> None:
    home = site.page("")
    assert "<!-- thongbao:" not in site.html("")
    assert "Lưu trữ hiện có 5 văn bản" in home.text
    found = targets(site, "")
    assert {BAC_KAN_2023, THAI_NGUYEN} <= found
    assert {"tinh/bac-kan/", "tinh/lao-cai/", "nam/2021/"} <= found
    assert any(t.startswith("chu-de/") and t != "chu-de/" for t in found)


def test_heading_anchors_keep_d(site: SiteHtml) -> None:
    # MkDocs' default slugify would give "c-quan-c-giao-…": đ dropped, ơ folded away.
    assert "co-quan-duoc-giao-nhiem-vu-nhieu-nhat" in site.page("tinh/lao-cai/").ids


def test_single_cited_local_document_named_without_link(site: SiteHtml) -> None:
    panel = one_by_class(document(site.html(THAI_NGUYEN)), "tb-policies")
    assert "Công văn số 2673/UBND-TH" in text(panel)  # cited by this notice only: no page
    linked = [text(a) for a in panel.iter("a")]
    assert not any(t.startswith("Công văn số 2673/UBND-TH") for t in linked)
    assert any(t.startswith("Nghị quyết số 68/NQ-CP") for t in linked)


def test_primary_nav_links_the_same_pages_from_every_page(site: SiteHtml) -> None:
    """The primary nav is rendered once per depth and first URL segment for the pages the nav
    does not list (plugins/thongbao_mkdocs/navcache.py): from every page, each nav label must
    still lead to the same page as from the home page, and the nav must be there."""
    def nav_targets(url: str) -> list[tuple[str, str | None]]:
        root = document(site.html(url))
        navs = root.xpath("//div[@data-md-type='navigation']//nav[contains(@class,'md-nav--primary')]")
        assert navs, f"{url}: no primary nav"
        # Not the active page's own headings (Material lists them under its nav item).
        return [(text(a), site.resolve(url, a.get("href"))) for a in navs[0].iter("a")
                if "md-nav__link" in (a.get("class") or "").split()
                and not a.get("href", "").startswith("#")]

    expected = nav_targets("")
    assert len(expected) >= 10
    # 404.html is the theme's error page, written with absolute URLs: not one of these.
    pages = [url for url in site.pages()
             if url != "404.html" and "md-sidebar--primary" in site.html(url)]
    assert len(pages) > 50
    for url in pages:
        assert nav_targets(url) == expected, url
