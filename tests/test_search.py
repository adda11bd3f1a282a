"""Search: the index tokens and documents (pure), the Pagefind bundles the plugin builds, and
the reader's search end to end in headless Chromium over a small built site.

The site is built once for the module from a fixture content folder: the reference data, the
repo's real notices, and a few generated notices whose words are known (``KNOWN``).
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from dataclasses import replace
from importlib.metadata import entry_points
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from thongbao.record import AgencyRef, Record, Source
from thongbao.searchindex import (
    FILTER_SHARD,
    UNDATED_SHARD,
    SearchDocument,
    body_tokens,
    display_date,
    document_html,
    folded_token,
    notice_filters,
    plain_blocks,
    search_document,
    shard_plan,
    sort_date,
    title_tokens,
    word_token,
)

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def make_record(**changes: object) -> Record:
    base = Record(
        title="Kết luận về giải ngân vốn đầu tư công", doc_type="Thông báo",
        doc_number="12/TB-UBND", province="Bắc Kạn", province_now="Thái Nguyên",
        date="2021-10-11", meeting_date=None, chair="Nguyễn Đăng Bình", chair_role=None,
        signer=None, signer_capacity=None, topics=("dau-tu-cong",),
        agencies=(AgencyRef("so-tai-chinh", "Sở Tài chính"),), policies=(), deadlines=(),
        source=Source("notices/x.txt", "0" * 64), id="x",
    )
    return replace(base, **changes)


# --- tokens --------------------------------------------------------------------------------


def test_d_stroke_folds_to_d_and_keeps_its_exact_form():
    assert folded_token("Đường") == "duongz"
    assert word_token("Đường") == word_token("đường")
    assert word_token("đường").startswith("duongz")
    assert word_token("dương").startswith("duongz")
    assert not word_token("ngành").startswith(folded_token("ngân"))
    assert word_token("đường") != word_token("dương") != word_token("đương")


@pytest.mark.parametrize(
    ("word", "token"),
    [("covid", "covidz"), ("UBND", "ubndz"), ("2021", "2021z"), ("giải", "giaiz261v")],
)
def test_word_tokens(word, token):
    assert word_token(word) == token


def test_body_tokens_compress_frequency_and_keep_repeated_pairs():
    body = ["Giải ngân vốn đầu tư công. Giải ngân chậm; giải ngân nhanh, vốn lớn."]
    tokens = body_tokens(body).split()
    assert tokens.count(word_token("giải")) == 2  # 3 occurrences → 2 positions
    assert tokens.count(word_token("vốn")) == 1
    assert "qqgiainganz" in tokens  # the pair occurs three times
    assert "qqvondauz" not in tokens  # once only: not a pair token


def test_title_keeps_every_pair():
    assert "qqnongthonz" in title_tokens("Xây dựng nông thôn mới").split()


# --- documents -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "meeting", "expected"),
    [
        ("2021-10-11", None, "2021-10-11"),
        ("2021-09", None, "2021-09-01"),
        (None, "2021-05-04", "2021-05-04"),
        (None, None, ""),
        ("11/10/2021", None, ""),
    ],
)
def test_every_notice_gets_a_sort_key(date, meeting, expected):
    assert sort_date(make_record(date=date, meeting_date=meeting)) == expected


@pytest.mark.parametrize(
    ("value", "shown"), [("2021-10-11", "11/10/2021"), ("2021-09", "09/2021"), (None, "")]
)
def test_display_date(value, shown):
    assert display_date(value) == shown


def test_filters_hold_both_provinces_year_topic_agency_and_type():
    filters = notice_filters(make_record(), {"dau-tu-cong": "Đầu tư công, giải ngân"})
    assert filters == {
        "tinh": ("Bắc Kạn",),
        "tinh_nay": ("Thái Nguyên",),
        "nam": ("2021",),
        "chu_de": ("Đầu tư công, giải ngân",),
        "co_quan": ("Sở Tài chính",),
        "loai": ("Thông báo",),
    }


def test_plain_blocks_drop_markdown():
    body = "## THÔNG BÁO\n\n**Kết luận** của [Sở Y tế](../../co-quan/so-y-te/)\n\n- mục 1\\.\n"
    assert plain_blocks(body) == ("THÔNG BÁO", "Kết luận của Sở Y tế", "mục 1.")


def test_document_html_indexes_tokens_and_shows_real_text():
    doc = search_document("van-ban/bac-kan/2021/x/", make_record(date=None), "Đường tỉnh.", {})
    page = document_html(doc, "2021")
    assert "data-pagefind-body" in page
    assert f"<h1>{title_tokens(doc.title)}</h1>" in page
    assert word_token("Đường") in page
    assert '<span data-pagefind-meta="title">Kết luận về giải ngân vốn đầu tư công</span>' in page
    assert '<span data-pagefind-filter="tinh">Bắc Kạn</span>' in page
    assert f'<span data-pagefind-filter="{FILTER_SHARD}">2021</span>' in page
    assert '<span data-pagefind-sort="ngay:"></span>' in page  # undated still sorts


# --- shards --------------------------------------------------------------------------------


def test_shards_are_newest_first_bounded_and_complete():
    dates = [f"{2019 + i % 5}-{1 + i % 12:02d}-15" for i in range(1000)] + ["", ""]
    plan = shard_plan(dates, 300)
    assert all(len(s.members) <= 300 for s in plan)
    assert sorted(i for s in plan for i in s.members) == list(range(len(dates)))
    assert plan[-1].name == UNDATED_SHARD
    ordered = [dates[i] for s in plan for i in s.members]
    assert ordered == sorted(ordered, reverse=True)


def test_a_new_notice_changes_only_the_newest_shard():
    dates = [f"{2019 + i % 5}-{1 + i % 12:02d}-15" for i in range(1000)]
    before = shard_plan(dates, 250)
    after = shard_plan([*dates, "2023-12-31"], 250)
    assert before[1:] == after[1:]


# --- the built site ------------------------------------------------------------------------

KNOWN = {
    "lao-cai/2023/tin-2023-03-15-giai-ngan.txt": (
        "Lào Cai đẩy nhanh giải ngân vốn đầu tư công năm 2023",
        "2023-03-15 09:10:00",
        "Ngày 14 tháng 3 năm 2023, UBND tỉnh Lào Cai họp về tiến độ giải ngân vốn đầu tư công. "
        "Chủ tịch UBND tỉnh Trịnh Xuân Trường chủ trì.\n\nTỷ lệ giải ngân vốn đầu tư công đạt "
        "thấp. Các chủ đầu tư phải đẩy nhanh giải ngân, Sở Tài chính theo dõi giải ngân hằng tuần.",
    ),
    "bac-kan/2022/tin-2022-06-20-duong-giao-thong.txt": (
        "Bắc Kạn làm đường giao thông nông thôn mới",
        "2022-06-20 08:00:00",
        "UBND tỉnh Bắc Kạn chỉ đạo làm đường giao thông đến các xã xây dựng nông thôn mới. "
        "Đường liên xã được mở rộng.\n\nCác huyện hoàn thành đường giao thông và tiêu chí "
        "nông thôn mới trong năm 2022; đường nội đồng được bê tông hóa.",
    ),
    "cao-bang/2024/tin-2024-01-05-duong-tinh.txt": (
        "Cao Bằng theo dõi các ca dương tính",
        "2024-01-05 10:00:00",
        "UBND tỉnh Cao Bằng yêu cầu theo dõi các ca dương tính mới phát hiện dịp Tết Dương lịch. "
        "Số ca dương tính giảm.\n\nNgành y tế xét nghiệm cho người về quê; các ca dương tính "
        "được cách ly.",
    ),
    "thai-nguyen/2022/tin-2022-09-01-san-xuat.txt": (
        "Thái Nguyên hỗ trợ sản xuất vụ mùa",
        "2022-09-01 07:30:00",
        "UBND tỉnh Thái Nguyên hỗ trợ sản xuất nông nghiệp cho các thôn, bản; giống lúa mới "
        "được đưa vào vùng cao.\n\nCác hộ ở thôn xa được cấp giống mới; sản xuất nông nghiệp "
        "tăng trưởng khá.",
    ),
}
TITLE = {key: value[0] for key, value in KNOWN.items()}


# Tiny shards, so that merging them and sorting across them are exercised.
SEARCH_OPTIONS = {"cache_dir": "cache/search", "shard_size": 4}


def _registered() -> bool:
    return "thongbao-search" in {ep.name for ep in entry_points(group="mkdocs.plugins")}


def _site_config(tmp: Path) -> Path:
    plugins = "  - thongbao-search\n" if _registered() else ""
    (tmp / "mkdocs.yml").write_text(
        "site_name: Thông báo\n"
        "docs_dir: content/pages\n"
        "site_dir: site\n"
        "theme:\n  name: material\n  language: vi\n  font: false\n"
        f"  custom_dir: {ROOT / 'overrides'}\n"
        "plugins:\n  - thongbao:\n      cache_dir: cache/thongbao\n" + plugins,
        encoding="utf-8",
    )
    return tmp / "mkdocs.yml"


def _fixture_content(tmp: Path) -> None:
    content = tmp / "content"
    shutil.copytree(ROOT / "content" / "reference", content / "reference")
    shutil.copytree(ROOT / "content" / "notices", content / "notices")
    for rel, (title, stamp, body) in KNOWN.items():
        path = content / "notices" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{title}\n\n{stamp}\n\n{body}\n", encoding="utf-8")
    (content / "pages").mkdir()
    (content / "pages" / "index.md").write_text("# Trang chủ\n\nKho văn bản.\n", "utf-8")


def build_site(tmp: Path) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from thongbao_mkdocs.search import SearchPlugin

    _fixture_content(tmp)
    config = load_config(str(_site_config(tmp)))
    if not _registered():  # until pyproject registers the entry point
        plugin = SearchPlugin()
        plugin.load_config(SEARCH_OPTIONS)
        config.plugins["thongbao-search"] = plugin
    else:
        config.plugins["thongbao-search"].config.update(SEARCH_OPTIONS)
    build(config)
    return tmp / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("search-site"))


def test_bundles_per_shard_without_pagefinds_own_ui(site):
    config_js = (site / "assets" / "search" / "config.js").read_text("utf-8")
    shards = re.search(r'"shards": \[([^\]]*)\]', config_js)[1].replace('"', "").split(", ")
    assert shards[0] == "2024" and len(shards) >= 3
    for shard in shards:
        bundle = site / "pagefind" / shard
        assert (bundle / "pagefind.js").is_file()
        assert not (bundle / "pagefind-ui.js").exists()
    assert (site / "tim-kiem" / "index.html").is_file()


def test_unchanged_shards_come_from_the_cache(site):
    from thongbao.pipeline import build_pages
    from thongbao.reference import load_reference
    from thongbao_mkdocs.search import ShardJob, build_bundles

    content = site.parent / "content"
    pages = build_pages(content).pages
    topics = {s: t.name for s, t in load_reference(content / "reference").topics.items()}
    jobs = [ShardJob("all", [(p.url, p) for p in pages])]
    cache, out = site.parent / "cache" / "unit", site.parent / "unit-bundle"
    assert "1 indexed, 0 cached" in build_bundles(jobs, out, topics, cache)
    assert "0 indexed, 1 cached" in build_bundles(jobs, out, topics, cache)
    assert (out / "all" / "pagefind-entry.json").is_file()


# --- in the browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def search_page(page, server, query_string):
    page.goto(f"{server}tim-kiem/?{query_string}")
    page.wait_for_selector("#tb-search-page[data-state=done], #tb-search-page[data-state=idle]")
    return page


def titles(page):
    return page.locator("#tb-search-page .tb-result__title").all_inner_texts()


def status(page):
    return page.locator("#tb-search-page .tb-search__status").inner_text()




@pytest.mark.browser
def test_unaccented_query_finds_accented_text(page, server):
    search_page(page, server, "q=giai+ngan")
    assert TITLE["lao-cai/2023/tin-2023-03-15-giai-ngan.txt"] in titles(page)
    search_page(page, server, "q=nong+thon+moi")
    assert titles(page)[0] == TITLE["bac-kan/2022/tin-2022-06-20-duong-giao-thong.txt"]


@pytest.mark.browser
def test_d_stroke_and_exact_accents_first(page, server):
    road = TITLE["bac-kan/2022/tin-2022-06-20-duong-giao-thong.txt"]
    positive = TITLE["cao-bang/2024/tin-2024-01-05-duong-tinh.txt"]
    search_page(page, server, "q=duong")
    found = titles(page)
    assert road in found and positive in found
    search_page(page, server, "q=đường")
    found = titles(page)
    assert found.index(road) < found.index(positive)
    search_page(page, server, "q=dương")
    found = titles(page)
    assert found.index(positive) < found.index(road)


@pytest.mark.browser
def test_quoted_phrase_requires_the_words_together(page, server):
    scattered = TITLE["thai-nguyen/2022/tin-2022-09-01-san-xuat.txt"]
    search_page(page, server, "q=nong+thon+moi")
    assert scattered in titles(page)
    search_page(page, server, "q=%22nong+thon+moi%22")
    found = titles(page)
    assert TITLE["bac-kan/2022/tin-2022-06-20-duong-giao-thong.txt"] in found
    assert scattered not in found


@pytest.mark.browser
def test_snippet_from_the_notice_with_matches_marked(page, server):
    search_page(page, server, "q=giai+ngan")
    first = page.locator("#tb-search-page .tb-result").first
    first.locator(".tb-result__excerpt mark").first.wait_for()
    marked = first.locator(".tb-result__excerpt mark").all_inner_texts()
    assert any(m.lower().startswith(("giải", "ngân")) for m in marked)


@pytest.mark.browser
def test_facets_combine_and_go_into_the_url(page, server):
    search_page(page, server, "q=giai+ngan")
    page.check("input[data-facet=tinh][value='Lào Cai']")
    page.wait_for_selector("#tb-search-page[data-state=done]")
    page.check("input[data-facet=nam][value='2023']")
    page.wait_for_function("location.search.includes('nam=2023')")
    page.wait_for_selector("#tb-search-page[data-state=done]")
    assert titles(page) == [TITLE["lao-cai/2023/tin-2023-03-15-giai-ngan.txt"]]
    params = parse_qs(urlparse(page.url).query)
    assert params == {"q": ["giai ngan"], "tinh": ["lao-cai"], "nam": ["2023"]}
    count = page.locator("label:has(input[data-facet=tinh][value='Lào Cai']) .tb-facet__count")
    assert int(count.inner_text()) >= 1


@pytest.mark.browser
def test_sort_newest_first(page, server):
    search_page(page, server, "q=ubnd")
    page.select_option(".tb-search__sort-select", "moi-nhat")
    page.wait_for_function("location.search.includes('sap-xep=moi-nhat')")
    page.wait_for_selector("#tb-search-page[data-state=done]")
    metas = page.locator("#tb-search-page .tb-result__meta").all_inner_texts()
    dates = [_iso(m) for m in metas]
    known = [d for d in dates if d]
    assert len(known) >= 5
    assert known == sorted(known, reverse=True)


def _iso(meta: str) -> str:
    if m := re.search(r"\b(\d{2})/(\d{2})/(\d{4})\b", meta):
        return f"{m[3]}-{m[2]}-{m[1]}"
    if m := re.search(r"\b(\d{2})/(\d{4})\b", meta):
        return f"{m[2]}-{m[1]}-01"
    return ""


@pytest.mark.browser
def test_no_results_says_so_in_vietnamese(page, server):
    search_page(page, server, "q=khongcotunay")
    assert status(page) == "Không tìm thấy kết quả nào cho “khongcotunay”"
    assert titles(page) == []


@pytest.mark.browser
@pytest.mark.parametrize("query", ["laocaixyz", "theodoixyz"])
def test_a_word_found_nowhere_does_not_match_metadata(page, server, query):
    # Pagefind 1.5 indexes metadata words (the title as written: "lao", "theo") and a query
    # word no indexed word begins with falls back to the longest indexed word it begins with:
    # "laocaixyzz" matched the notices titled "Lào Cai …" through their metadata only.
    search_page(page, server, f"q={query}")
    assert status(page) == f"Không tìm thấy kết quả nào cho “{query}”"
    assert titles(page) == []


@pytest.mark.browser
def test_a_shared_url_restores_query_filters_and_sort(page, server):
    search_page(page, server, "q=nong+thon&tinh=bac-kan&sap-xep=moi-nhat")
    assert page.input_value(".tb-search__input") == "nong thon"
    assert page.input_value(".tb-search__sort-select") == "moi-nhat"
    assert page.is_checked("input[data-facet=tinh][value='Bắc Kạn']")
    metas = page.locator("#tb-search-page .tb-result__meta").all_inner_texts()
    assert metas and all(m.startswith("Bắc Kạn") for m in metas)


@pytest.mark.browser
def test_header_box_shortcut_results_and_enter(page, server):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("giai ngan")
    page.wait_for_selector(".tb-search[data-state=done]")
    found = page.locator(".tb-search .tb-result__title").all_inner_texts()
    assert TITLE["lao-cai/2023/tin-2023-03-15-giai-ngan.txt"] in found
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=giai+ngan")
    assert all(url.startswith(server) for url in requests), "nothing from another host"


@pytest.mark.browser
def test_header_box_starts_with_the_newest_shard(page, server, site):
    """Focus loads the newest shard only; a query answered there loads no other shard; one
    with too few results there widens to older shards until it has enough (or all)."""
    config = (site / "assets" / "search" / "config.js").read_text("utf-8")
    config += "window.thongbaoSearch.headerSize = 1;\n"  # the newest shard has 1 notice
    page.route("**/assets/search/config.js",
               lambda route: route.fulfill(body=config, content_type="text/javascript"))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server)
    shards = page.evaluate("window.thongbaoSearch.shards")
    loaded = lambda: {s for s in shards for u in requests if f"/pagefind/{s}/" in u}  # noqa: E731
    page.focus(".tb-search .md-search__input")
    page.wait_for_load_state("networkidle")
    assert loaded() == {shards[0]}
    box = page.locator(".tb-search")
    page.keyboard.type("dương tính")
    page.wait_for_selector(".tb-search[data-state=done]")
    assert loaded() == {shards[0]}
    assert box.locator(".tb-result__title").all_inner_texts() == [
        TITLE["cao-bang/2024/tin-2024-01-05-duong-tinh.txt"]]
    assert "trong các văn bản từ 2024" in box.locator(".md-search-result__meta").inner_text()
    page.fill(".tb-search .md-search__input", "giai ngan")
    page.wait_for_function("document.querySelector('.tb-search[data-state=done] "
                           ".md-search-result__meta')?.textContent.includes('giai ngan')")
    assert TITLE["lao-cai/2023/tin-2023-03-15-giai-ngan.txt"] in (
        box.locator(".tb-result__title").all_inner_texts())
    assert len(loaded()) > 1


@pytest.mark.browser
def test_mobile_header_opens_the_search(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True)
    tab = context.new_page()
    tab.goto(server)
    button = tab.locator("label.tb-search__button")
    assert button.is_visible()
    inner = tab.locator(".tb-search .md-search__inner")
    assert inner.bounding_box()["width"] == 0  # folded away behind the header button
    button.click()
    tab.wait_for_function("document.querySelector('.tb-search .md-search__inner')"
                          ".getBoundingClientRect().width === 390")
    assert tab.evaluate("document.activeElement.classList.contains('md-search__input')")
    tab.keyboard.type("dương")
    tab.wait_for_selector(".tb-search[data-state=done]", state="attached")
    assert tab.locator(".tb-search .tb-result").first.is_visible()
    context.close()


@pytest.mark.browser
def test_browser_tokens_equal_the_indexer_tokens(page, server):
    page.goto(server)
    words = ["Đường", "dương", "ĐẦU", "tư", "Nguyễn", "Hòa", "hoà", "covid", "2021", "Ủy"]
    tokens = page.evaluate("(ws) => ws.map(window.thongbaoSearchTokens.wordToken)", words)
    assert tokens == [word_token(w) for w in words]


def test_document_html_adds_each_accented_words_folded_token_once():
    doc = SearchDocument("x/", "Giải ngân", "", ("giải ngân, giải quyết; vốn lớn ngay",))
    prefixes = document_html(doc).split("</p>")[-2].rsplit(">", 1)[1].split()
    assert prefixes == ["giaiz", "nganz", "quyetz", "vonz", "lonz"]  # ASCII "ngay" has none


@pytest.mark.browser
def test_unaccented_word_finds_forms_split_by_an_index_chunk_boundary(browser, tmp_path):
    """Pagefind loads one index chunk a query term; tiny chunks put *giài* and *giải* in two.
    The folded token ``giaiz`` must still find both (at 10,000 notices ``giai`` missed *giải*)."""
    from thongbao_mkdocs.search import run_pagefind, write_documents

    forms = {"giài": 20, "giải": 20}
    docs, n = [], 0
    for form, count in forms.items():
        for _ in range(count):
            n += 1  # distinct filler words make many chunks
            text = f"{form} ngân bước{n} vàng{n} xanh{n}"
            docs.append(SearchDocument(f"d{n}/", f"Văn bản {n}", "", (text,)))
    write_documents(docs, tmp_path / "docs")
    run_pagefind(tmp_path / "docs", tmp_path / "bundle", 120, chunk_size=10)
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        tab = browser.new_page()
        tab.goto(f"http://127.0.0.1:{httpd.server_address[1]}/")
        counts = tab.evaluate(
            """async (terms) => {
                const pf = await import("/bundle/pagefind.js");
                await pf.options({ basePath: "/bundle/" });
                const out = [];
                for (const t of terms) out.push((await pf.search(t)).results.length);
                return out;
            }""",
            [folded_token("giai"), word_token("giài"), word_token("giải")],
        )
        tab.close()
    finally:
        httpd.shutdown()
    assert counts == [40, 20, 20]
