"""Content-Security-Policy: every page carries one (overrides/partials/csp.html) that the site
itself satisfies, on a site built from the seeds and the hostile texts of the test corpus
(``<script>`` and ``javascript:`` links in a notice).

In Debian's Chromium (Playwright) each kind of page is loaded on a local server: no
``securitypolicyviolation`` event, no CSP message in the console, no dialog, nothing asked of
another host, no request that fails; then the things that need JavaScript still work under
the policy: the search box, the citation's access date, the light/dark toggle.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sitebuild import SEEDS, build_site, make_project

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "notices"
HOSTILE = "23_binhthuan-tb-caotoc-dulich-2023.txt"
CORPUS_NOTICES = (HOSTILE, "24_vinhphuc-tb-portal-2024.html", "25_tiengiang-tb-saurieng-2022.md")
META = re.compile(r"""<meta\b[^>]*http-equiv=["']?Content-Security-Policy[^>]*>""", re.I)

# Records every CSP violation of the page from its first script on.
WATCH_JS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("csp")
    extra = {f"content/notices/corpus/{name}": (CORPUS / name).read_bytes()
             for name in CORPUS_NOTICES}
    make_project(root, notices=SEEDS, extra=extra)
    return build_site(root, strict=False)


def _hostile_url(site: Path) -> str:
    stem = HOSTILE.removesuffix(".txt").replace("_", "-")  # the URL slug of the file name
    pages = [p for p in (site / "van-ban").rglob("index.html") if stem in p.parent.name]
    assert len(pages) == 1, pages
    return pages[0].parent.relative_to(site).as_posix() + "/"


def _first(site: Path, folder: str) -> str:
    """URL of the first page below ``folder/`` (an index page of one province, agency …)."""
    pages = sorted(p for p in (site / folder).glob("*/index.html"))
    assert pages, folder
    return pages[0].parent.relative_to(site).as_posix() + "/"


def page_types(site: Path) -> list[str]:
    """One page of every kind the site has."""
    return [
        "", "tinh/", _first(site, "tinh"), "co-quan/", _first(site, "co-quan"), "chinh-sach/",
        _first(site, "chinh-sach"), "lanh-dao/", _first(site, "lanh-dao"), "chu-de/",
        _first(site, "chu-de"), "nam/", _first(site, "nam"), "gioi-thieu/", "tim-kiem/?q=giai+ngan",
        _hostile_url(site), "van-ban/" + SEEDS[0].removesuffix(".txt") + "/", "404.html",
    ]


def test_every_html_page_carries_the_policy(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    missing = [p.relative_to(site) for p in pages if len(META.findall(p.read_text("utf-8"))) != 1]
    assert missing == []
    policy = META.search((site / "index.html").read_text("utf-8")).group()
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "'sha256-" in policy  # the theme's inline scripts, by hash


def test_the_hostile_notice_has_no_script_of_its_own(site):
    html = (site / _hostile_url(site) / "index.html").read_text("utf-8")
    assert "<script>alert" not in html
    assert not re.search(r"""href=["']?javascript:""", html, re.I)


# --- in the browser ------------------------------------------------------------------------


class Watched:
    """A tab that records CSP violations, console messages, dialogs and requests."""

    def __init__(self, browser, server: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(WATCH_JS)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.server = server
        self.console: list[str] = []
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        self.failed: list[str] = []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("dialog", self._dialog)
        self.page.on("request", self._request)
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(
            f"{r.status} {r.url}"))
        self.page.on("requestfailed", self._request_failed)

    def _request_failed(self, request) -> None:
        # A request the page itself abandoned when it navigated away (Enter in the search box
        # while result pages load, on a busy machine) fails with net::ERR_ABORTED: not the
        # policy's doing. A request the policy blocks fails with net::ERR_BLOCKED_BY_CSP and
        # is also a violation event; every other failure is kept.
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"failed {request.url} ({request.failure})")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request) -> None:
        if not request.url.startswith((self.server, "data:")):
            self.foreign.append(request.url)

    def open(self, url: str) -> None:
        self.page.goto(self.server + url)
        self.page.wait_for_load_state("networkidle")

    def problems(self, expected_failures: tuple[str, ...] = ()) -> dict[str, list[str]]:
        violations = self.page.evaluate("window.__violations")
        csp_console = [m for m in self.console if "Content Security Policy" in m]
        failed = [f for f in self.failed if not f.endswith(expected_failures)]
        found = {"violations": violations, "console": csp_console, "dialogs": self.dialogs,
                 "foreign": self.foreign, "failed": failed}
        return {key: value for key, value in found.items() if value}


@pytest.fixture
def tab(browser, server):
    watched = Watched(browser, server)
    yield watched
    watched.context.close()


@pytest.mark.browser
def test_no_violation_dialog_or_foreign_request_on_any_kind_of_page(site, browser, server):
    for url in page_types(site):
        watched = Watched(browser, server)
        try:
            watched.open(url)
            # Material's bundle takes every <link rel=alternate> for a language version and
            # asks for a sitemap.xml beside it: beside a page's Atom feed there is none (a
            # 404 of Material's, not a CSP matter; reported in docs/scale.md).
            assert watched.problems(expected_failures=("/sitemap.xml",)) == {}, url
            assert watched.page.evaluate("document.body.dataset.mdColorScheme"), url
        finally:
            watched.context.close()


@pytest.mark.browser
def test_the_hostile_notice_has_no_script_link_in_the_browser(site, tab):
    tab.open(_hostile_url(site))
    for link in tab.page.locator(".tb-text a").all():
        href = link.get_attribute("href") or ""
        assert not href.lower().startswith("javascript:"), href
    assert tab.problems() == {}


@pytest.mark.browser
def test_search_box_works_under_the_policy(tab):
    tab.open("")
    tab.page.keyboard.press("/")
    tab.page.keyboard.type("giai ngan")
    tab.page.wait_for_selector(".tb-search[data-state=done]")
    assert tab.page.locator(".tb-search .tb-result__title").count() > 0
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url("**/tim-kiem/?q=giai+ngan")
    tab.page.wait_for_selector("#tb-search-page[data-state=done]")
    assert tab.page.locator("#tb-search-page .tb-result__title").count() > 0
    assert tab.problems() == {}


@pytest.mark.browser
def test_citation_gets_the_readers_date_under_the_policy(tab):
    tab.open("van-ban/" + SEEDS[0].removesuffix(".txt") + "/")
    accessed = tab.page.locator(".tb-cite .tb-accessed").inner_text()
    today = dt.date.today()
    assert accessed in {d.strftime("%d/%m/%Y") for d in (today, today - dt.timedelta(days=1))}
    assert tab.problems() == {}


@pytest.mark.browser
def test_theme_toggle_works_under_the_policy(tab):
    tab.open("")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert tab.page.evaluate(scheme) == "default"
    tab.page.locator("label[for=__palette_1]").click()
    assert tab.page.evaluate(scheme) == "slate"
    # Material's inline palette script (allowed by its hash) restores the choice on reload.
    tab.open("tinh/")
    assert tab.page.evaluate(scheme) == "slate"
    assert tab.problems() == {}


@pytest.mark.browser
def test_theme_icons_are_painted_under_the_policy(tab):
    # The logo, palette toggle and back-to-top icons are masks of data: SVGs in thongbao.css
    # (img-src allows data:): each visible one has a box and its mask.
    tab.open("tinh/")
    icons = tab.page.evaluate("""() => [...document.querySelectorAll('.tb-icon')]
      .filter(e => e.offsetParent !== null)
      .map(e => { const s = getComputedStyle(e);
                  return [e.className, e.getBoundingClientRect().width,
                          s.maskImage || s.webkitMaskImage, s.backgroundColor]; })""")
    shown = {name.split("--")[1] for name, *_ in icons}
    assert {"library", "weather-night"} <= shown
    for name, width, mask, colour in icons:
        assert width > 10, name
        assert mask.startswith('url("data:image/svg+xml'), name
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), name
    assert tab.problems() == {}
