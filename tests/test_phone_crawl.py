"""Every page of a site built from content/ (plus the hostile texts of the test corpus), in
Debian's Chromium at a phone's 390 px and a desktop's 1366 px: no console error, no request
that fails (Material's sitemap.xml fetch beside a feed link included), no page wider than the
screen, and no link to a notice narrower than 120 px (the title column a reader taps).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from htmlquery import document
from sitebuild import SEEDS, SiteHtml, build_site, make_project

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "notices"
CORPUS_NOTICES = ("23_binhthuan-tb-caotoc-dulich-2023.txt", "24_vinhphuc-tb-portal-2024.html",
                  "25_tiengiang-tb-saurieng-2022.md")
VIEWPORTS = {"phone": (390, 844), "desktop": (1366, 900)}
MIN_LINK_PX = 120

# Width of every visible link to a notice page in the content (not the panel's own anchors,
# not the text's inline links, not an indicator's value, which links to its sentence with a
# text fragment and is as wide as its number): the width of its table cell or list item.
NOTICE_LINKS_JS = """
() => [...document.querySelectorAll('.md-content a[href*="van-ban/"]')]
  .filter(a => a.offsetParent !== null && !a.closest('.tb-text')
               && !a.getAttribute('href').includes('#:~:text='))
  .map(a => {
    const box = a.closest('td, li') || a;
    return [a.getAttribute('href'), Math.round(box.getBoundingClientRect().width)];
  })
"""
OVERFLOW_JS = "document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("crawl")
    extra = {f"content/notices/corpus/{name}": (CORPUS / name).read_bytes()
             for name in CORPUS_NOTICES}
    make_project(root, notices=SEEDS, extra=extra)
    return build_site(root, strict=False)


def _urls(site: Path) -> list[str]:
    pages = SiteHtml(site)
    return [url for url in pages.pages()
            if not document(pages.html(url)).xpath("//meta[@http-equiv='refresh']")]


def test_feed_links_are_not_taken_for_language_versions(site):
    """Material's bundle reads link[rel=alternate] (that exact value) as a language version and
    fetches sitemap.xml beside it; our feed links carry the tokens "alternate feed"."""
    root = document((site / "tinh" / "bac-kan" / "index.html").read_text("utf-8"))
    links = root.xpath("/html/head/link[@rel]")
    feeds = [link for link in links if link.get("type") == "application/atom+xml"]
    assert len(feeds) == 2
    assert all(link.get("rel").split() == ["alternate", "feed"] for link in feeds)
    assert not [link for link in links if link.get("rel").strip() == "alternate"]


@pytest.mark.browser
@pytest.mark.parametrize("view", VIEWPORTS)
def test_every_page_without_error_overflow_or_narrow_notice_link(site, browser, server, view):
    width, height = VIEWPORTS[view]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    current = {"url": ""}
    page.on("console", lambda m: m.type == "error" and errors.append(
        f"{current['url']}: console {m.text}"))
    page.on("pageerror", lambda e: errors.append(f"{current['url']}: {e}"))
    page.on("response", lambda r: r.status >= 400 and errors.append(
        f"{current['url']}: {r.status} {r.url}"))
    page.on("requestfailed", lambda r: errors.append(f"{current['url']}: failed {r.url}"))
    narrow: list[str] = []
    overflow: list[str] = []
    urls = _urls(site)
    assert len(urls) > 50
    try:
        for url in urls:
            current["url"] = url
            page.goto(server + url, wait_until="networkidle")
            for href, px in page.evaluate(NOTICE_LINKS_JS):
                if px < MIN_LINK_PX:
                    narrow.append(f"{url}: {href} {px}px")
            extra = page.evaluate(OVERFLOW_JS)
            if extra > 1:
                overflow.append(f"{url}: {extra}px wider than the screen")
    finally:
        context.close()
    assert errors == []
    assert narrow == []
    assert overflow == []


@pytest.mark.browser
def test_search_results_come_first_on_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(server + "tim-kiem/?q=giai+ngan")
        page.wait_for_selector("#tb-search-page[data-state=done]")
        first = page.locator("#tb-search-page .tb-result__title").first
        assert first.bounding_box()["y"] < 600  # on the first screen, not below the facets
        facets = page.locator(".tb-search__facet-list")
        assert not facets.is_visible()
        page.locator(".tb-search__fold > summary").focus()
        page.keyboard.press("Enter")  # the fold opens from the keyboard
        assert facets.is_visible()
    finally:
        context.close()


@pytest.mark.browser
def test_citation_copy_button_copies_the_citation(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(server + "van-ban/" + SEEDS[3].removesuffix(".txt") + "/")
        button = page.locator("button.tb-copy")
        assert button.is_visible()
        button.click()
        page.wait_for_selector(".tb-copy__status:has-text('Đã sao chép')")
        copied = page.evaluate("navigator.clipboard.readText()")
        cite = " ".join(page.locator(".tb-cite").inner_text().split())
        assert copied == cite and copied.startswith("Thông báo")
        assert "(ghi ngày truy cập)" not in copied
    finally:
        context.close()
