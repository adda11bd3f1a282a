"""Search benchmark: Pagefind over the notices' search documents at archive scale.

    .venv/bin/python benchmarks/search_bench.py [--sizes 1000 10000] [--lunr 1000]
                                                [--out benchmarks/out/search] [--seed 1]
                                                [--reuse] [--no-browser]

For each size N it generates N realistic notices (records and bodies recombined from the real
notices in content/ and tests/corpus/, 12–20 KB of text each, with varying names and numbers so
the vocabulary grows with the archive), writes their search documents exactly as the
``thongbao-search`` plugin does, runs the Pagefind binary over them and reports:

- index build time, the indexer's peak memory (max RSS of the Pagefind process), bundle size;
- in headless Chromium (Debian's /usr/bin/chromium) on a local server that gzips text files as
  GitHub Pages does: the bytes a reader downloads for a first query (Resource Timing API, main
  thread and Pagefind's web worker), and the time from the query to the first results drawn,
  through the real search.js — the header box and the full page with facets.

``--lunr N`` builds the same N notices as plain pages with Material's built-in search plugin,
for the record: build time, search_index.json size, first-query bytes and time.

Results are printed and written to OUT/results.json.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import html
import http.server
import io
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, ClassVar

import material as mkdocs_material
from thongbao.pipeline import NoticePage, build_pages
from thongbao.record import AgencyRef, Record
from thongbao.reference import Reference, load_reference
from thongbao.searchindex import search_document, shard_plan, sort_date
from thongbao_mkdocs.search import drop_unused, pagefind_command, pagefind_env, write_documents

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "overrides" / "assets" / "search"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
QUERIES = ("giai ngan", "đường giao thông", "nông thôn mới", "dau tu cong", "Sở Y tế")
SYLLABLES = ("an", "bình", "cao", "đông", "giang", "hà", "hòa", "khánh", "lâm", "long", "minh",
             "nam", "ninh", "phú", "quang", "sơn", "tân", "thạch", "thanh", "trung", "vĩnh",
             "xuân", "yên", "đức", "hưng", "lộc", "mỹ", "phước", "thuận", "đạo")
# Share of a generated notice's paragraphs taken from other notices than its own template.
# 1.0 mixes every notice from all templates (each then contains nearly every word of the
# corpus: a worst case for the search); real notices keep to their subject.
MIX = 0.2
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô")


# --- notices -------------------------------------------------------------------------------


def template_pages() -> list[NoticePage]:
    """The real notices of the repo, extracted (records + cleaned bodies)."""
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(ROOT / "content" / "reference", content / "reference")
        sources = [*(ROOT / "content" / "notices").rglob("*.txt"),
                   *(ROOT / "tests" / "corpus" / "notices").glob("*.txt")]
        for src in sources:
            dest = content / "notices" / src.parent.name / src.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
        return build_pages(content).pages


def _place(rng: random.Random) -> str:
    return " ".join(rng.choice(SYLLABLES) for _ in range(2)).title()


def _varying_sentence(rng: random.Random) -> str:
    """Names and numbers that differ from notice to notice, as real ones do."""
    person = f"{rng.choice(SURNAMES)} {_place(rng)}"
    return (f"Đồng chí {person} báo cáo xã {_place(rng)}, huyện {_place(rng)} đạt "
            f"{rng.randint(1, 999)},{rng.randint(0, 99)} tỷ đồng, bằng {rng.randint(10, 130)}% "
            f"kế hoạch; văn bản số {rng.randint(1, 9999)}/UBND-{rng.choice(('TH', 'KT', 'VX'))} "
            f"ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(2019, 2025)}.")


def _body(rng: random.Random, own: list[str], paragraphs: list[str], target: int,
          mix: float) -> str:
    """Paragraphs of the notice's own template (what it is about), a share ``mix`` of any
    other notice's, half of them followed by a sentence of varying names and numbers."""
    out: list[str] = []
    size = 0
    while size < target:
        para = rng.choice(paragraphs if rng.random() < mix or not own else own)
        if rng.random() < 0.5:
            para = f"{para} {_varying_sentence(rng)}"
        out.append(para)
        size += len(para.encode("utf-8")) + 2
    return "\n\n".join(out) + "\n"


def _date(rng: random.Random) -> str | None:
    roll = rng.random()
    if roll < 0.03:
        return None
    year, month = rng.randint(2019, 2025), rng.randint(1, 12)
    if roll < 0.13:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"


def _record(rng: random.Random, base: Record, ref: Reference, i: int) -> Record:
    province = rng.choice(list(ref.provinces.values()))
    now = ref.provinces[province.successor] if province.successor else province
    agencies = rng.sample(sorted(ref.agencies.values(), key=lambda a: a.id), rng.randint(1, 8))
    topics = rng.sample(sorted(ref.topics), rng.randint(1, 6))
    title = base.title or "Thông báo kết luận"
    return replace(
        base, title=f"{title} ({_place(rng)} {i})", province=province.name,
        province_now=now.name, province_id=province.id, province_now_id=now.id,
        date=_date(rng), topics=tuple(topics),
        agencies=tuple(AgencyRef(a.id, a.name) for a in agencies), id=f"vb-{i:06d}",
    )


def synthetic_notices(
    n: int, seed: int, templates: list[NoticePage], ref: Reference, mix: float = MIX
) -> Iterator[tuple[str, Record, str]]:
    """N notices as (url, record, body), deterministic for a seed."""
    rng = random.Random(seed)
    own = [[p for p in t.body.split("\n\n") if len(p) > 80] for t in templates]
    paragraphs = [p for ps in own for p in ps]
    for i in range(n):
        k = rng.randrange(len(templates))
        record = _record(rng, templates[k].record, ref, i)
        url = f"van-ban/{record.province_id}/{i // 1000:02d}/vb-{i:06d}/"
        yield url, record, _body(rng, own[k], paragraphs, rng.randint(12_000, 20_000), mix)


# --- indexing ------------------------------------------------------------------------------


def _dir_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def index_notices(n: int, seed: int, out: Path, templates: list[NoticePage], ref: Reference,
                  shard_size: int, chunk_size: int | None, mix: float = MIX,
                  reuse: bool = False) -> tuple[dict[str, object], dict[str, str]]:
    """Write the N search documents shard by shard, run Pagefind on each, measure the runs.
    ``reuse``: keep the bundles of a previous run with the same arguments (only the pages and
    search.js are written again), for measuring changes to the browser side."""
    site, docs_dir = out / "site", out / "docs"
    topics = {slug: t.name for slug, t in ref.topics.items()}
    notices = list(synthetic_notices(n, seed, templates, ref, mix))
    shards = shard_plan([sort_date(r) for _, r, _ in notices], shard_size)
    bodies = {f"/{url}": body for url, _, body in notices}
    if reuse and all((site / "pagefind" / s.name / "pagefind.js").exists() for s in shards):
        _bench_pages(site, [shard.name for shard in shards])
        size, files = _dir_size(site / "pagefind")
        return {"notices": n, "shards": [f"{s.name}:{len(s.members)}" for s in shards],
                "reused": True, "bundle_mb": _mb(size), "bundle_files": files}, bodies
    if out.exists():
        shutil.rmtree(out)
    write_s = index_s = 0.0
    peak = text_bytes = 0
    for shard in shards:
        started = time.perf_counter()
        docs = (search_document(*notices[i][:2], notices[i][2], topics) for i in shard.members)
        write_documents(docs, docs_dir / shard.name, shard.name)
        write_s += time.perf_counter() - started
        text_bytes += _dir_size(docs_dir / shard.name)[0]
        started = time.perf_counter()
        bundle = site / "pagefind" / shard.name
        peak = max(peak, _run_measured(docs_dir / shard.name, bundle, chunk_size))
        index_s += time.perf_counter() - started
        shutil.rmtree(docs_dir / shard.name)
    size, files = _dir_size(site / "pagefind")
    _bench_pages(site, [shard.name for shard in shards])
    return {
        "notices": n, "shards": [f"{s.name}:{len(s.members)}" for s in shards],
        "documents_s": round(write_s, 1), "documents_mb": _mb(text_bytes),
        "index_s": round(index_s, 1), "indexer_peak_mb": peak,
        "bundle_mb": _mb(size), "bundle_files": files,
    }, bodies


def _run_measured(docs: Path, bundle: Path, chunk_size: int | None) -> int:
    """Run Pagefind as the plugin does; return its peak memory (max RSS, MB)."""
    proc = subprocess.Popen(pagefind_command(docs, bundle), cwd=docs,
                            env=pagefind_env(chunk_size))
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"pagefind failed with status {status}")
    drop_unused(bundle)
    return round(usage.ru_maxrss / 1024)


def _mb(size: int) -> float:
    return round(size / 1_000_000, 1)


PAGE_HTML = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="stylesheet" href="{up}assets/stylesheets/material.css">
<link rel="stylesheet" href="{up}assets/search/search.css"><title>bench</title></head><body>
<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">
<header class="md-header"><nav class="md-header__inner"></nav></header>
{body}
<script src="{up}assets/search/config.js"></script>
<script src="{up}assets/search/search.js"></script></body></html>
"""


def _bench_pages(site: Path, shards: list[str]) -> None:
    """The real search.js on two bare pages: a page with the header box, the search page."""
    assets = site / "assets" / "search"
    assets.mkdir(parents=True, exist_ok=True)
    (site / "assets" / "stylesheets").mkdir(exist_ok=True)
    material = Path(mkdocs_material.__file__).parent / "templates" / "assets" / "stylesheets"
    shutil.copyfile(next(material.glob("main.*.min.css")),
                    site / "assets" / "stylesheets" / "material.css")
    for name in ("search.js", "search.css"):
        shutil.copyfile(ASSETS / name, assets / name)
    config = {"bundle": "pagefind/", "page": "tim-kiem/", "shards": shards}
    (assets / "config.js").write_text(f"window.thongbaoSearch = {json.dumps(config)};\n")
    (site / "index.html").write_text(PAGE_HTML.format(up="", body="<main></main>"), "utf-8")
    page = site / "tim-kiem" / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(PAGE_HTML.format(up="../", body='<div id="tb-search-page"></div>'), "utf-8")


# --- browser -------------------------------------------------------------------------------


GZIP_TYPES = (".js", ".json", ".css", ".html", ".xml", ".svg")


# A notice page as the site publishes it: Material's chrome (~14 KB, DESIGN.md measured 31 KB
# per page with the text) around the notice text in .tb-text, where search.js cuts snippets.
CHROME = "".join(
    f'<li class="md-nav__item"><a href="/tinh/tinh-{i}/" class="md-nav__link">'
    f'<span class="md-ellipsis">Tỉnh/thành số {i} — văn bản theo năm</span></a></li>'
    for i in range(90)
)
NOTICE_PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>
</head><body><header class="md-header"><nav class="md-header__inner"></nav></header>
<nav class="md-nav"><ul>{chrome}</ul></nav><article class="md-content__inner md-typeset">
<div class="tb-text">{text}</div></article></body></html>"""


def notice_page(body: str) -> bytes:
    text = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n"))
    return NOTICE_PAGE.format(title="Văn bản", chrome=CHROME, text=text).encode()


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzipped on the fly when the client accepts it (as GitHub Pages);
    notice pages made on request from the generated bodies."""

    notices: ClassVar[dict[str, str]] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def handle(self) -> None:
        # The browser may drop a request it no longer needs.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        notice = self.notices.get(self.path.split("?")[0])
        if notice is not None:
            return self._send(notice_page(notice), "text/html; charset=utf-8", accepts)
        if not path.is_file() or not accepts or path.suffix not in GZIP_TYPES:
            return super().send_head()
        return self._send(path.read_bytes(), self.guess_type(str(path)), accepts)

    def _send(self, body: bytes, kind: str, accepts: bool) -> io.BytesIO:
        if accepts:
            body = gzip.compress(body, 6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        if accepts:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(directory: Path, notices: dict[str, str] | None = None
          ) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler_class = type("Handler", (GzipHandler,), {"notices": notices or {}})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


RESOURCES_JS = """(parts) => performance.getEntriesByType('resource')
  .filter(e => parts.some(p => e.name.includes(p)))
  .map(e => ({name: e.name, transfer: e.transferSize, body: e.encodedBodySize}))"""
SEARCH_PARTS = ["/pagefind/", "/van-ban/"]  # the index, and notice pages fetched for snippets


def _resources(page) -> list[dict]:  # noqa: ANN001 - playwright Page
    """Resource Timing entries of the page and of Pagefind's web worker."""
    entries = page.evaluate(RESOURCES_JS, SEARCH_PARTS)
    for worker in page.workers:
        entries += worker.evaluate(RESOURCES_JS, SEARCH_PARTS)
    return entries


# Resolves with the ms from now until the selector appears.
WATCH_JS = """(sel) => { window.__tbDone = new Promise(resolve => {
  const t0 = performance.now();
  const done = () => document.querySelector(sel);
  if (done()) return resolve(0);
  new MutationObserver((m, obs) => { if (done()) { obs.disconnect();
    resolve(performance.now() - t0); } }).observe(document.body, {childList: true, subtree: true,
    attributes: true});
}); }"""
TYPE_JS = """(q) => { const i = document.querySelector('.tb-search .md-search__input');
  i.focus(); i.value = q; i.dispatchEvent(new Event('input', {bubbles: true})); }"""
HEADER_DONE = ".tb-search[data-shown]"  # the first results are drawn


def header_query(browser, base: str, query: str, preloaded: bool) -> dict:  # noqa: ANN001
    """A fresh page; the reader focuses the header box (which starts loading Pagefind) and
    types the query at once (cold) or after Pagefind has loaded (preloaded)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base, wait_until="networkidle")
    if preloaded:
        page.focus(".tb-search .md-search__input")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
    page.evaluate(WATCH_JS, HEADER_DONE)
    page.evaluate(TYPE_JS, query)
    elapsed = page.evaluate("window.__tbDone")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    entries = _resources(page)
    results = page.locator(".tb-search .tb-result").count()
    warm = _warm_query(page)
    context.close()
    return _summary(query, elapsed, entries, results) | {"warm_ms": round(warm)}


def _warm_query(page) -> float:  # noqa: ANN001 - playwright Page
    """A second query once Pagefind is loaded: from the input event to new results drawn."""
    page.evaluate("() => delete document.querySelector('.tb-search').dataset.shown")
    page.evaluate(WATCH_JS, HEADER_DONE)
    page.evaluate(TYPE_JS, "kế hoạch")
    return page.evaluate("window.__tbDone")


def page_query(browser, base: str, query: str) -> dict:  # noqa: ANN001 - playwright Browser
    """Cold: the full search page opened with ?q=… (facets loaded); time from navigation."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}tim-kiem/?q={query}")
    page.wait_for_selector("#tb-search-page[data-state=first], #tb-search-page[data-state=done]",
                           timeout=60_000)
    elapsed = page.evaluate(
        "performance.now() - performance.getEntriesByType('navigation')[0].responseEnd")
    page.wait_for_selector("#tb-search-page[data-state=done]", timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    entries = _resources(page)
    results = page.locator("#tb-search-page .tb-result").count()
    context.close()
    return _summary(query, elapsed, entries, results)


def _summary(query: str, elapsed: float, entries: list[dict], results: int) -> dict:
    def kb(part: str) -> float:
        return round(sum(e["transfer"] for e in entries if part in e["name"]) / 1000, 1)

    return {
        "query": query, "results_shown": results, "ms": round(elapsed),
        "requests": len(entries), "transfer_kb": kb("/"),
        "index_kb": kb("/pagefind/"), "snippet_pages_kb": kb("/van-ban/"),
    }


def measure_browser(site: Path, notices: dict[str, str]) -> dict[str, list[dict]]:
    from playwright.sync_api import sync_playwright

    server, base = serve(site, notices)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            out = {
                "header_cold": [header_query(browser, base, q, False) for q in QUERIES],
                "header_typed": [header_query(browser, base, q, True) for q in QUERIES],
                "page": [page_query(browser, base, q) for q in QUERIES],
            }
            browser.close()
    finally:
        server.shutdown()
    return out


# --- Material's lunr search, for the record -----------------------------------------------


LUNR_YML = """site_name: lunr bench
docs_dir: docs
site_dir: site
theme: {name: material, language: vi, font: false}
plugins: [search]
nav: [index.md]
"""


def lunr_bench(n: int, seed: int, out: Path, templates: list[NoticePage],
               ref: Reference, mix: float = MIX) -> dict:
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Bench\n", "utf-8")
    for url, record, body in synthetic_notices(n, seed, templates, ref, mix):
        page = docs / (url.rstrip("/") + ".md")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# {record.title}\n\n{body}", "utf-8")
    (out / "mkdocs.yml").write_text(LUNR_YML, "utf-8")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=out, check=True)
    build_s = time.perf_counter() - started
    index = out / "site" / "search" / "search_index.json"
    raw = index.read_bytes()
    result = {"notices": n, "build_s": round(build_s, 1), "index_mb": _mb(len(raw)),
              "index_gzip_mb": _mb(len(gzip.compress(raw, 6)))}
    result |= lunr_browser(out / "site")
    shutil.rmtree(docs)
    return result


def lunr_browser(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context()
            page = context.new_page()
            page.goto(base, wait_until="load")
            started = time.perf_counter()
            page.keyboard.press("/")
            page.keyboard.type("giải ngân")
            page.wait_for_selector(".md-search-result__item", timeout=120_000)
            elapsed = (time.perf_counter() - started) * 1000
            entries = page.evaluate(RESOURCES_JS, ["/"])
            accented = page.locator(".md-search-result__meta").inner_text()
            page.fill(".md-search__input", "giai ngan")
            page.wait_for_timeout(1500)
            unaccented = page.locator(".md-search-result__meta").inner_text()
            browser.close()
    finally:
        server.shutdown()
    search = [e for e in entries if "/search/" in e["name"] or "workers" in e["name"]]
    return {"first_query_ms": round(elapsed),
            "transfer_kb": round(sum(e["transfer"] for e in search) / 1000, 1),
            "giai_ngan_accented": accented, "giai_ngan_unaccented": unaccented}


# --- main ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--lunr", type=int, nargs="*", default=[1000])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "search")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shard-size", type=int, default=1500)
    parser.add_argument("--chunk-size", type=int, default=3000)
    parser.add_argument("--mix", type=float, default=MIX)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the bundles of a previous run (same arguments)")
    args = parser.parse_args()
    ref = load_reference(ROOT / "content" / "reference")
    templates = template_pages()
    results: dict[str, object] = {"pagefind": [], "lunr": []}
    for n in args.sizes:
        row, bodies = index_notices(n, args.seed, args.out / f"pf-{n}", templates, ref,
                                    args.shard_size, args.chunk_size, args.mix, args.reuse)
        print(json.dumps(row, ensure_ascii=False), flush=True)
        if not args.no_browser:
            row["browser"] = measure_browser(args.out / f"pf-{n}" / "site", bodies)
            _print_browser(row["browser"])
        results["pagefind"].append(row)
    for n in args.lunr:
        row = lunr_bench(n, args.seed, args.out / f"lunr-{n}", templates, ref, args.mix)
        print(json.dumps(row, ensure_ascii=False), flush=True)
        results["lunr"].append(row)
    results["bench_peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))


def _print_browser(browser: dict[str, list[dict]]) -> None:
    for view, rows in browser.items():
        for r in rows:
            warm = f", warm {r['warm_ms']} ms" if "warm_ms" in r else ""
            print(f"  {view:<12} {r['query']:<18} {r['ms']:>5} ms  {r['transfer_kb']:>6} KB "
                  f"(index {r['index_kb']}, snippets {r['snippet_pages_kb']}) "
                  f"{r['requests']} req, {r['results_shown']} shown{warm}", flush=True)


if __name__ == "__main__":
    main()
