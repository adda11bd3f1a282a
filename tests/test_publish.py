"""The built site served under a sub-path, as GitHub Pages serves a project site
(``https://owner.github.io/repo/``): from the home page, every link, stylesheet, script, feed
and download resolves, and nothing points outside the prefix.

The server is Python's http.server on 127.0.0.1 (a free port), serving the site folder under
``/repo/`` only, with the site's ``404.html`` for missing paths, like GitHub Pages.
"""

from __future__ import annotations

import http.server
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import partial
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import urljoin, urlsplit

import pytest
from opendata_site import MOVED_NEW_URL, MOVED_OLD_URL, PREFIX, SITE_URL, shared_site
from sitebuild import ROOT

MAX_URLS = 5000  # a bound on the crawl: the fixture site has a few hundred


class PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``PREFIX``; a missing path gets 404.html with status 404."""

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path("/" + clean[len(PREFIX):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    site = shared_site()
    handler = partial(PrefixHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


class Refs(HTMLParser):
    """Every URL a page makes the browser load or offers to follow."""

    ATTRS: ClassVar[dict[str, str]] = {
        "a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
    }

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.refresh: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        value = a.get(self.ATTRS.get(tag, ""))
        if value:
            self.urls.append(value)
        if tag == "meta" and a.get("http-equiv") == "refresh" and a.get("content"):
            self.refresh = a["content"].split("url=", 1)[1]
            self.urls.append(self.refresh)


def refs(body: bytes) -> Refs:
    parser = Refs()
    parser.feed(body.decode("utf-8"))
    return parser


def crawl(*starts: str) -> tuple[dict[str, int], list[str]]:
    """Status of every local URL reachable from ``starts``; links that leave the prefix."""
    origin = urlsplit(starts[0])
    seen: dict[str, int] = {}
    outside: list[str] = []
    queue = list(starts)
    while queue and len(seen) < MAX_URLS:
        url = queue.pop()
        if url in seen:
            continue
        status, kind, body = fetch(url)
        seen[url] = status
        if status != 200 or kind != "text/html":
            continue
        for ref in refs(body).urls:
            target = urljoin(url, ref)
            parts = urlsplit(target)
            if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
                continue  # an external link
            if not parts.path.startswith(PREFIX):
                outside.append(f"{url} → {ref}")
                continue
            queue.append(target.split("#", 1)[0])
    return seen, outside


def sitemap_pages(server: str) -> list[str]:
    status, _, body = fetch(server + "sitemap.xml")
    assert status == 200
    locs = [e.text or "" for e in ET.fromstring(body).iter() if e.tag.endswith("loc")]
    assert locs and all(loc.startswith(SITE_URL) for loc in locs)
    return [server + loc.removeprefix(SITE_URL) for loc in locs]


def test_everything_resolves_under_the_prefix(server):
    """Every page of the sitemap, and all they link or load, is served; nothing points out of
    the prefix (a root-relative link would work at a domain's root only)."""
    pages = sitemap_pages(server)
    seen, outside = crawl(server, *pages)
    assert outside == []
    broken = sorted(url for url, status in seen.items() if status != 200)
    assert broken == []
    assert len(seen) < MAX_URLS
    for wanted in ("tinh/bac-kan/atom.xml", "notices.json.zip", "notices.csv.zip", "schema.json",
                   "atom.xml", MOVED_NEW_URL):
        assert server + wanted in seen, wanted
    assert set(pages) <= set(seen)


def test_open_data_page_is_reachable_from_home(server):
    if "du-lieu-mo.md" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8"):
        pytest.skip("mkdocs.yml's nav does not list du-lieu-mo.md yet (Dữ liệu mở)")
    seen, _ = crawl(server)
    assert server + "du-lieu-mo/" in seen and server + "notices.csv.zip" in seen


def test_missing_page_gets_the_vietnamese_404_with_working_assets(server):
    status, kind, body = fetch(server + "van-ban/khong-co/")
    assert (status, kind) == (404, "text/html")
    assert "Không tìm thấy trang".encode() in body
    page = refs(body)
    local = [u for u in page.urls if not urlsplit(u).scheme]
    assert local and all(u.startswith(PREFIX) for u in local)
    for url in local:
        assert fetch(urljoin(server, url))[0] == 200, url


def test_old_address_redirects_to_the_new_one(server):
    status, _, body = fetch(server + MOVED_OLD_URL)
    assert status == 200
    target = refs(body).refresh
    assert target is not None
    assert urljoin(server + MOVED_OLD_URL, target) == server + MOVED_NEW_URL
    assert fetch(server + MOVED_NEW_URL)[0] == 200


def test_directory_without_slash_is_redirected(server):
    # GitHub Pages and http.server both send /repo/tinh/bac-kan to /repo/tinh/bac-kan/.
    status, _, _ = fetch(server + "tinh/bac-kan")
    assert status == 200


def test_nothing_is_served_outside_the_prefix(server):
    root = server[: -len(PREFIX)] + "/index.html"
    assert fetch(root)[0] == 404
