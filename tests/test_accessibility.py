"""axe-core (the npm package, pinned in package-lock.json, installed by ``scripts/dev.sh test``)
injected into one page of each type, in the light and the dark palette: no serious or critical
violation. Adding a page type is one line of PAGE_TYPES.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sitebuild import SEEDS, build_site, make_project

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SEVERE = ("serious", "critical")
LAO_CAI = "van-ban/" + SEEDS[3].removesuffix(".txt") + "/"

# name → URL, or folder/ whose first sub-page is taken (one province, one agency …).
PAGE_TYPES = {
    "home": "",
    "province": "tinh/*",
    "agency": "co-quan/*",
    "policy": "chinh-sach/*",
    "topic": "chu-de/*",
    "chair": "lanh-dao/*",
    "year": "nam/*",
    "notice": LAO_CAI,
    "search": "tim-kiem/?q=giai+ngan",
    "quality": "chat-luong/",
    "tasks": "nhiem-vu/",
    "indicator": "chi-so/*",
    "404": "404.html",
}
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("a11y")
    make_project(root, notices=SEEDS)
    return build_site(root, strict=False)


def _url(site: Path, pattern: str) -> str:
    if not pattern.endswith("*"):
        return pattern
    folder = pattern.removesuffix("*")
    pages = sorted((site / folder).glob("*/index.html"))
    assert pages, folder
    return pages[0].parent.relative_to(site).as_posix() + "/"


def _severe(result: dict) -> list[str]:
    return [f"{v['impact']} {v['id']}: {v['help']} — "
            + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in result["violations"] if v["impact"] in SEVERE]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_serious_violation_on_any_page_type(site, browser, server, scheme):
    if not AXE.exists():
        pytest.skip("axe-core missing: run `npm ci` (scripts/dev.sh test does when npm exists)")
    # bypass_csp: axe is injected as an inline script, which the pages' policy refuses.
    context = browser.new_context(viewport={"width": 1366, "height": 900}, bypass_csp=True)
    # Material's palette script reads the saved choice: the dark palette from the first load.
    palette = {"index": 1 if scheme == "dark" else 0,
               "color": {"scheme": SCHEMES[scheme], "primary": "red", "accent": "amber"}}
    context.add_init_script(f"localStorage.setItem('/.__palette', '{json.dumps(palette)}')")
    page = context.new_page()
    found: dict[str, list[str]] = {}
    try:
        for name, pattern in PAGE_TYPES.items():
            page.goto(server + _url(site, pattern), wait_until="networkidle")
            if name == "search":
                page.wait_for_selector("#tb-search-page[data-state=done]")
            assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme], name
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            if _severe(result):
                found[name] = _severe(result)
    finally:
        context.close()
    assert found == {}
