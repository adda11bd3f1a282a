"""Permalinks: a notice's URL never moves when its record changes; when it must move, the old
address redirects to the new one."""

from __future__ import annotations

import json
import shutil

import pytest
from exportfiles import read_export
from htmlquery import document, hrefs, meta_content
from opendata_site import (
    CORRECTED,
    CORRECTED_URL,
    MOVED_NEW_URL,
    MOVED_OLD_URL,
    SITE_URL,
    shared_site,
)
from sitebuild import CONTENT, SiteHtml
from test_citation import record
from thongbao.pipeline import NoticePage, build_pages
from thongbao.publication import plan_redirects, redirect_source


@pytest.fixture(scope="module")
def site() -> SiteHtml:
    return SiteHtml(shared_site())


def test_correcting_the_date_keeps_the_url(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "reference", content / "reference")
    notice = content / "notices" / f"{CORRECTED}.txt"
    notice.parent.mkdir(parents=True)
    shutil.copy(CONTENT / "notices" / f"{CORRECTED}.txt", notice)
    before = build_pages(content).pages[0]
    notice.with_suffix(".yml").write_text("date: 2021-05-06\nchair: Hoàng Xuân Ánh\n",
                                          encoding="utf-8")
    after = build_pages(content).pages[0]
    assert after.record.date == "2021-05-06" != before.record.date
    assert "date" in after.record.corrected
    assert (after.url, after.path, after.record.id) == (before.url, before.path, before.record.id)


def test_the_built_page_of_a_corrected_notice_stays_put(site):
    assert site.exists(CORRECTED_URL)
    rows = json.loads(read_export(site.site, "notices.json"))["notices"]
    (data,) = [row for row in rows if row["url"].endswith("/" + CORRECTED_URL)]
    assert data["date"] == "2021-05-06" and data["corrected"] == ["date"]


def test_a_pinned_permalink_with_a_redirect_from_the_old_address(site):
    # Not a redirect page (every page has a CSP <meta http-equiv>; a redirect has "refresh").
    assert site.exists(MOVED_NEW_URL) and refresh_target(site.html(MOVED_NEW_URL)) is None
    old = document(site.html(MOVED_OLD_URL))
    target = refresh_target(site.html(MOVED_OLD_URL))
    assert target, "the old address is a redirect page"
    assert site.resolve(MOVED_OLD_URL, target) == MOVED_NEW_URL
    assert old.xpath("//link[@rel='canonical']/@href") == [SITE_URL + MOVED_NEW_URL]
    assert hrefs(old)[0] == target
    assert meta_content(old, "robots") == "noindex"


def refresh_target(html: str) -> str | None:
    """The URL of the page's ``<meta http-equiv=refresh content="0; url=…">``, if any."""
    found = document(html).xpath("//meta[@http-equiv='refresh']/@content")
    if not found:
        return None
    delay, _, url = found[0].partition(";")
    assert delay.strip() == "0" and url.strip().startswith("url="), found[0]
    return url.strip().removeprefix("url=")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("bac-kan/2021/ten-cu", "van-ban/bac-kan/2021/ten-cu/index.html"),
        ("/van-ban/bac-kan/2021/ten-cu/", "van-ban/bac-kan/2021/ten-cu/index.html"),
        ("bac-kan/2021/ten-cu.html", "van-ban/bac-kan/2021/ten-cu.html"),
        ("../../etc/passwd", None),
        ("bac-kan/./x", None),
        ("bac kan/x", None),
        ('x"><script>', None),
        ("", None),
    ],
)
def test_redirect_source(value, expected):
    assert redirect_source(value) == expected


def page(url: str, *redirects: str) -> NoticePage:
    return NoticePage(f"notices/{url}.txt", f"van-ban/{url}.md", f"van-ban/{url}/",
                      record(), "", redirects)


def test_bad_redirects_are_reported_not_written():
    pages = [
        page("a/2021/moi", "a/2021/cu", "../x", "a/2021/khac"),
        page("a/2021/khac"),  # a live page: never shadowed by a redirect
        page("b/2021/moi", "a/2021/cu"),  # already claimed by another notice
    ]
    taken = {"van-ban/a/2021/khac/index.html"}
    out, problems = plan_redirects(pages, taken)
    assert out == {"van-ban/a/2021/cu/index.html": "van-ban/a/2021/moi/"}
    messages = " ".join(str(p) for p in problems)
    for problem in ("not a safe site path", "a page already lives there", "claimed by another"):
        assert problem in messages
