"""Page weight (thongbao.pageweight, the thongbao-weight plugin): minified pages that read the
same, no unused theme files, the CSP's script hashes."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from sitebuild import SEEDS, build_site, make_project
from thongbao import pageweight, sitesize


def test_minify_keeps_text_pre_and_inline_scripts_byte_for_byte():
    script = 'var a = "x  y";\n  if (a) { b(); }'
    html = (
        "<!doctype html>\n<html lang=vi>\n  <head>\n    <title> Thông báo </title>\n"
        f"    <script>{script}</script>\n  </head>\n  <body>\n    <p>Một   hai</p>\n"
        "    <!-- a comment -->\n    <pre>  giữ\n    nguyên  </pre>\n  </body>\n</html>\n"
    )
    out = pageweight.minify(html)
    assert len(out) < len(html)
    assert f"<script>{script}</script>" in out
    assert "<pre>  giữ\n    nguyên  </pre>" in out
    assert "a comment" not in out
    assert "</p>" in out and "<head>" in out  # closing and head tags kept (MINIFY_OPTIONS)
    assert pageweight.minify(html) == out


def test_minify_keeps_a_title_tag_escaped():
    html = "<html><head><title>A &lt;script>alert(1)&lt;/script> b</title></head></html>"
    out = pageweight.minify(html)
    assert "<title>A &lt;script>alert(1)&lt;/script> b</title>" in out
    assert "<script>" not in out


def test_inline_scripts_are_the_executable_ones_only():
    html = (
        '<script>a()</script><script src="x.js"></script>'
        '<script id="__config" type="application/json">{"a": 1}</script>'
        '<script type="module">b()</script><SCRIPT type=text/javascript>c()</SCRIPT>'
    )
    assert pageweight.inline_scripts(html) == ["a()", "b()", "c()"]


def test_hash_source_is_the_csp_sha256_of_the_script_text():
    digest = base64.b64encode(hashlib.sha256(b"alert(1)").digest()).decode()
    assert pageweight.hash_source("alert(1)") == f"'sha256-{digest}'"
    # Sorted and unique: the same scripts give the same policy, whatever their order.
    two = "<script>b()</script><script>a()</script><script>b()</script>"
    sources = pageweight.script_hashes(two).split()
    assert sources == sorted(sources) and len(sources) == 2


@pytest.mark.parametrize(("path", "unused"), [
    ("assets/javascripts/lunr/min/lunr.vi.min.js", True),
    ("assets/javascripts/lunr/wordcut.js", True),
    ("assets/javascripts/workers/search.a7633da7.min.js", True),
    ("assets/javascripts/bundle.a5f9d56c.min.js.map", True),
    ("assets/stylesheets/main.57a0d79d.min.css.map", True),
    ("assets/javascripts/bundle.a5f9d56c.min.js", False),
    ("assets/search/search.js", False),
    ("van-ban/a/index.html", False),
])
def test_unused_assets(path, unused):
    patterns = ("*.map", *pageweight.SEARCH_ASSETS)
    assert pageweight.unused_asset(path, patterns) is unused


# --- a real site ---------------------------------------------------------------------------


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links += [value or "" for name, value in attrs if name == "href"]

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def read(html: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip(), parser.links


def _project(root, minify: bool):
    make_project(root, notices=SEEDS)
    config = root / "mkdocs.yml"
    text = re.sub(r"  - thongbao-weight(:\n      minify: \w+)?\n",
                  f"  - thongbao-weight:\n      minify: {str(minify).lower()}\n",
                  config.read_text("utf-8"))
    assert f"minify: {str(minify).lower()}" in text
    config.write_text(text, "utf-8")
    return root


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("weight")
    small = build_site(_project(tmp / "min", True), strict=False)
    plain = build_site(_project(tmp / "plain", False), strict=False)
    return small, plain


def test_minified_pages_read_the_same_with_the_same_links(sites):
    small, plain = sites
    pages = sorted(p.relative_to(plain) for p in plain.rglob("*.html"))
    assert pages == sorted(p.relative_to(small) for p in small.rglob("*.html"))
    assert len(pages) > 50
    for rel in pages:
        before, after = (plain / rel).read_text("utf-8"), (small / rel).read_text("utf-8")
        assert read(after) == read(before), rel
    smaller = sum((small / r).stat().st_size for r in pages)
    assert smaller < 0.95 * sum((plain / r).stat().st_size for r in pages)


def test_unused_theme_files_are_not_shipped(sites):
    small, _ = sites
    shipped = {p.relative_to(small).as_posix() for p in small.rglob("*") if p.is_file()}
    assert not [p for p in shipped if p.endswith(".map")]
    assert not [p for p in shipped if p.startswith(("assets/javascripts/lunr/",
                                                      "assets/javascripts/workers/"))]
    # What the pages load is still there.
    assert any(re.fullmatch(r"assets/javascripts/bundle\.\w+\.min\.js", p) for p in shipped)
    assert "assets/search/search.js" in shipped


def test_two_builds_give_identical_pages(sites, tmp_path):
    small, _ = sites
    again = build_site(_project(tmp_path / "again", True), strict=False)
    pages = sorted(p.relative_to(small) for p in small.rglob("*.html"))
    assert [r for r in pages if (small / r).read_bytes() != (again / r).read_bytes()] == []


def _material_icon(name: str) -> str:
    """The path data of Material's icon ``name`` ("material/library"), from the theme."""
    import material

    svg = Path(material.__file__).parent / "templates" / ".icons" / f"{name}.svg"
    return re.search(r' d="([^"]+)"', svg.read_text("utf-8")).group(1)


def test_theme_icons_are_drawn_by_the_stylesheet_not_written_in_every_page(sites):
    small, plain = sites
    css = (small / "assets" / "stylesheets" / "thongbao.css").read_text("utf-8")
    drawn = dict(re.findall(r"\.tb-icon--([\w-]+) \{\n  --tb-icon: url\(\"data:image/svg\+xml;"
                            r"charset=utf-8,<svg [^>]*><path d='([^']+)'/></svg>\"\);", css))
    for site in (small, plain):
        pages = sorted(site.rglob("*.html"))
        assert len(pages) > 50
        for page in pages:
            html = page.read_text("utf-8")
            if "md-header" not in html:  # the redirect pages have no theme chrome
                continue
            # The logo (header and drawer), the two palette toggles, the back-to-top arrow.
            used = re.findall(r'<span class="?tb-icon tb-icon--([\w-]+)"?></span>', html)
            assert sorted(used) == ["arrow-up", "library", "library", "weather-night",
                                    "weather-sunny"], page
            # Outside the article, one SVG is left: Material's menu button (header.html).
            start, end = html.find("<article"), html.find("</article>")
            assert (html[:start] + html[end:]).count("<svg") == 1, page
    # Each class the pages use is drawn with Material's own icon.
    assert drawn == {name: _material_icon(f"material/{name}")
                     for name in ("library", "weather-night", "weather-sunny", "arrow-up")}


def test_theme_config_writes_vietnamese_as_utf8_and_stays_json(sites):
    small, _ = sites
    html = (small / "index.html").read_text("utf-8")
    raw = re.search(r"<script id=\"?__config\"? type=\"?application/json\"?>(.*?)</script>",
                    html).group(1)
    config = json.loads(raw)
    assert config["translations"]["clipboard.copied"] == "Đã sao chép"
    assert "Đã sao chép" in raw and "\\u0110" not in raw
    assert "<" not in raw and "&" not in raw  # still written by Jinja's htmlsafe dumps
    # Material's search is off (thongbao-search's is the site's): its worker's address and
    # strings are left out; what Material's bundle reads without its search stays.
    assert "search" not in config and not any(k.startswith("search.") for k in
                                              config["translations"])
    assert set(config) == {"annotate", "base", "features", "tags", "translations", "version"}
    assert config["base"] == "." and "navigation.top" in config["features"]


# -- the site's size against its host's limit (thongbao.sitesize, on_post_build) -------------


def test_measure_counts_every_file_and_no_link(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "index.html").write_bytes(b"x" * 1000)
    (tmp_path / "a" / "b" / "page.html").write_text("Thông báo", encoding="utf-8")
    (tmp_path / "link.html").symlink_to(tmp_path / "index.html")
    size = sitesize.measure(tmp_path)
    assert size == sitesize.SiteSize(1000 + len("Thông báo".encode()), 2)


def test_size_line_and_limit():
    size = sitesize.SiteSize(1_021_600_000, 20_189)
    assert sitesize.size_line(size, 10_000) == (
        "site 1,021.6 MB in 20,189 files (102.2 KB a notice)")
    assert sitesize.size_line(size) == "site 1,021.6 MB in 20,189 files"
    message = sitesize.over_limit(size, 1000)
    assert message is not None
    assert "1,021.6 MB" in message and "1,000 MB" in message and "docs/parts.md" in message
    assert sitesize.over_limit(size, 1100) is None
    assert sitesize.over_limit(sitesize.SiteSize(1_000_000_000, 1), 1000) is None  # at it
    assert sitesize.over_limit(size, 0) is None  # no limit


def test_a_site_over_the_limit_fails_the_strict_build_saying_its_size(tmp_path, caplog):
    root = make_project(tmp_path / "p", notices=SEEDS)
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8").replace("site_limit_mb: 1000", "site_limit_mb: 0.5")
    assert "site_limit_mb: 0.5" in text
    config.write_text(text, "utf-8")
    # On the plugin's own logger: sitebuild quiets "mkdocs" to WARNING (test_bench_log_lines).
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.thongbao_mkdocs.weight"), \
            pytest.raises(Abort, match="1 warnings in strict mode"):
        build_site(root, strict=True)
    # Measured after every other plugin wrote its files: the whole site as published.
    size = sitesize.measure(root / "site")
    # get_plugin_logger prefixes the plugin's package.
    lines = [(r.levelno, r.getMessage().removeprefix("thongbao_mkdocs: "))
             for r in caplog.records if r.name.endswith("thongbao_mkdocs.weight")]
    assert (logging.INFO, sitesize.size_line(size, len(SEEDS))) in lines
    assert (logging.WARNING, sitesize.over_limit(size, 0.5)) in lines
    assert size.bytes > 500_000
