"""``urls.relativizer`` gives, for every pair of site URLs, what MkDocs' ``get_relative_url``
gives: the plugin uses it instead for speed (docs/scale.md, "Rendering speed"), so a page's
links must not change by a byte."""

from __future__ import annotations

from mkdocs.utils import get_relative_url
from thongbao.urls import relativizer

# Every shape the site has: home, directory URLs at depths 1–4, files (feeds, exports,
# originals, 404.html), the same page, siblings, a parent, and names sharing a prefix.
URLS = [
    "", ".", "index.html", "404.html", "tinh/", "tinh/bac-kan/", "tinh/bac-kan/2021/",
    "tinh/bac-kang/", "tinh/bac-kan-moi/", "co-quan/so-tai-chinh/bac-kan/",
    "van-ban/bac-kan/2021/tb-2021-10-11/", "van-ban/bac-kan/2021/tb-2021-10-12/",
    "tep-goc/bac-kan/2021/tb-2021-10-11.txt", "du-lieu/notices.json", "atom.xml",
    "tinh/bac-kan/atom.xml", "assets/stylesheets/thongbao.css", "nam/2021/thang-01/",
    "a.b/c/", "a/b.c/", "chu-de/", "chu-de/dau-tu/",
]


def test_same_as_mkdocs_for_every_pair() -> None:
    differ = []
    for page_url in URLS:
        href = relativizer(page_url)
        for url in URLS:
            if href(url) != get_relative_url(url, page_url):
                differ.append((url, page_url, href(url), get_relative_url(url, page_url)))
    assert differ == []


def test_examples() -> None:
    href = relativizer("van-ban/bac-kan/2021/tb-2021-10-11/")
    assert href("tinh/bac-kan/") == "../../../../tinh/bac-kan/"
    assert href("van-ban/bac-kan/2021/tb-2021-10-11/") == "./"
    assert relativizer("tinh/bac-kan/")("tinh/bac-kan/2021/") == "2021/"
    assert relativizer("404.html")("tinh/") == "tinh/"
