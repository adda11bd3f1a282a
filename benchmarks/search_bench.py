"""Search benchmark: the archive's own search index (``thongbao.searchfiles``) at archive scale.

    .venv/bin/python benchmarks/search_bench.py [--sizes 1000 10000] [--lunr 1000]
                                                [--out benchmarks/out/search] [--seed 1]
                                                [--mix 0.2] [--reuse] [--no-browser]
                                                [--workers N]

For each size N it generates N realistic notices (records and bodies recombined from the real
notices in content/ and tests/corpus/, 12–20 KB of text each, with varying names and numbers so
the vocabulary grows with the archive). A forked child process, so that its peak memory is the
indexer's, makes their search documents, builds the index files and writes them exactly as the
``thongbao-search`` plugin does (``OUT/idx-N/site/search-index/<version>/``), and reports:

- the time of each phase: the plugin's call ``searchcache.index_notices`` on ``--workers``
  processes (search documents and index files: ``index_s``, wall, and ``index_cpu_s``, CPU
  seconds of the child and its pool; the load average after it, as the machine is shared),
  writing the files (``write_s``); the child's peak memory (max RSS, at its start and its end);
- the files: total size and count, term buckets (count, mean and max bytes), the facet table
  (raw and gzipped).

Then, in headless Chromium (Debian's /usr/bin/chromium) on a local server that gzips text files
as GitHub Pages does (the binary buckets are served as they are), through the real search.js on
bare pages: the bytes a reader downloads (Resource Timing ``transferSize`` of ``/search-index/``
and of the notice pages fetched for snippets) and the times:

- header box, *cold*: the query put in the box at once; *typed*: typed key by key,
  ``TYPING_MS`` apart (search.js preloads the buckets of finished words and searches each
  prefix); ms from the last ``input`` event to the first results drawn, bytes until the network
  is idle; *warm*: a second query in the same page, ``kế hoạch``, same end point;
- full page opened with ``?q=``: ms from the navigation's response to the first results drawn
  and to the facet counts drawn (``data-state="done"``), bytes until the network is idle after
  that (and those downloaded by the first results).

Console errors and failed requests of every page are reported with its numbers.

``--lunr N`` builds the same N notices as plain pages with Material's built-in search plugin,
for the record: build time, search_index.json size, first-query bytes and time.

``--reuse`` keeps the index of a previous run with the same size, seed and mix (only the pages,
config.js and search.js are written again), for measuring changes to the browser side.

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
import multiprocessing
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import BinaryIO, ClassVar

import material as mkdocs_material
from thongbao.pipeline import NoticePage, build_pages
from thongbao.record import AgencyRef, Record
from thongbao.reference import Reference, load_reference
from thongbao.searchcache import index_notices as index_pages
from thongbao.searchcache import write_index

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "overrides" / "assets" / "search"
BUNDLE = "search-index"  # the plugin's default bundle_dir
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
QUERIES = ("giai ngan", "đường giao thông", "nông thôn mới", "dau tu cong", "Sở Y tế")
WARM_QUERY = "kế hoạch"
TYPING_MS = 150  # between keys, for the typed query (search.js debounces 60 ms)
TIMEOUT_MS = 60_000
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


def _mb(size: int) -> float:
    return round(size / 1_000_000, 1)


def _kb(size: int) -> float:
    return round(size / 1000, 1)


def _max_rss_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _cpu_s() -> float:
    """CPU seconds of this process and of its children that ended (the index's pool)."""
    own, children = (resource.getrusage(who)
                     for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def build_measured(n: int, seed: int, site: Path, templates: list[NoticePage], ref: Reference,
                   mix: float, workers: int) -> dict[str, object]:
    """Generate the N notices, index them as the plugin does, write the files; measure it all.
    Runs in the child process."""
    start_mb = _max_rss_mb()
    topics = {slug: t.name for slug, t in ref.topics.items()}
    started = time.perf_counter()
    notices = [(url, NoticePage(f"notices/{i}.txt", f"{url.rstrip('/')}.md", url, record, body))
               for i, (url, record, body) in enumerate(synthetic_notices(n, seed, templates, ref,
                                                                        mix))]
    generate_s = time.perf_counter() - started
    started, cpu = time.perf_counter(), _cpu_s()
    index = index_pages(notices, topics, workers=workers or None)  # the plugin's call
    index_s, index_cpu_s = time.perf_counter() - started, _cpu_s() - cpu
    with open("/proc/loadavg", encoding="utf-8") as f:
        load = f.read().split()[0]
    started = time.perf_counter()
    folder = site / BUNDLE / index.version
    write_index(index, folder)
    write_s = time.perf_counter() - started
    peak_mb = _max_rss_mb()
    size, files = _dir_size(folder)
    buckets = [len(data) for path, data in index.files.items() if path.startswith("t/")]
    rows = [len(data) for path, data in index.files.items() if path.startswith("d/")]
    facets = index.files["facets.json"]
    return {
        "generate_s": round(generate_s, 1), "workers": workers or os.cpu_count(),
        "index_s": round(index_s, 1), "index_cpu_s": round(index_cpu_s, 1),
        "load_after_index": float(load), "write_s": round(write_s, 1),
        "indexer_start_mb": start_mb, "indexer_peak_mb": peak_mb,
        "bundle_mb": _mb(size), "bundle_files": files,
        "buckets": len(buckets), "bucket_bytes_mean": round(sum(buckets) / len(buckets)),
        "bucket_bytes_max": max(buckets), "buckets_mb": _mb(sum(buckets)),
        "row_files": len(rows), "rows_mb": _mb(sum(rows)),
        "facets_kb": _kb(len(facets)), "facets_gzip_kb": _kb(len(gzip.compress(facets, 6))),
        "manifest": index.manifest(),
    }


def _child(conn: Connection, *args: object) -> None:
    try:
        conn.send(("ok", build_measured(*args)))  # type: ignore[arg-type]
    except BaseException:
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


def _build_in_child(n: int, seed: int, site: Path, templates: list[NoticePage],
                    ref: Reference, mix: float, workers: int) -> dict[str, object]:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child,
                            args=(send, n, seed, site, templates, ref, mix, workers))
    child.start()
    send.close()
    try:
        status, result = receive.recv()
    except EOFError:
        status, result = "error", "the indexing process ended without a result"
    child.join()
    if status != "ok" or child.exitcode != 0:
        raise SystemExit(f"indexing {n} notices failed (exit code {child.exitcode}):\n{result}")
    return result


def _previous(stamp: Path, site: Path, params: dict[str, object]) -> dict[str, object] | None:
    """The stats of a previous run with the same parameters, if its index is still there."""
    if not stamp.is_file():
        return None
    row = json.loads(stamp.read_text("utf-8"))
    version = row.get("manifest", {}).get("version")
    if any(row.get(k) != v for k, v in params.items()) or not version:
        return None
    if not (site / BUNDLE / version / "facets.json").is_file():
        return None
    return row


def index_notices(n: int, seed: int, out: Path, templates: list[NoticePage], ref: Reference,
                  mix: float = MIX, reuse: bool = False, workers: int = 0
                  ) -> tuple[dict[str, object], dict[str, str]]:
    """Index the N notices in a child process and write the bench pages; return the stats and
    the notice bodies by URL path (the local server makes their pages, for snippets).
    ``reuse``: keep the index of a previous run with the same parameters (only the pages,
    config.js and search.js are written again), for measuring changes to the browser side."""
    site, stamp = out / "site", out / "index.json"
    params: dict[str, object] = {"notices": n, "seed": seed, "mix": mix}
    row = _previous(stamp, site, params) if reuse else None
    if row is not None:
        timings = ("generate_s", "index_s", "index_cpu_s", "load_after_index", "write_s",
                   "indexer_start_mb", "indexer_peak_mb")
        row = {k: v for k, v in row.items() if k not in timings} | {"reused": True}
    else:
        if out.exists():
            shutil.rmtree(out)
        site.mkdir(parents=True)
        row = params | _build_in_child(n, seed, site, templates, ref, mix, workers)
        stamp.write_text(json.dumps(row, ensure_ascii=False, indent=1), "utf-8")
    # The same notices again (deterministic), for their pages.
    bodies = {f"/{url}": body for url, _, body in synthetic_notices(n, seed, templates, ref, mix)}
    _bench_pages(site, row["manifest"])  # type: ignore[arg-type]
    return row, bodies


PAGE_HTML = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="stylesheet" href="{up}assets/stylesheets/material.css">
<link rel="stylesheet" href="{up}assets/search/search.css"><link rel="icon" href="data:,">
<title>bench</title></head><body>
<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">
<header class="md-header"><nav class="md-header__inner"></nav></header>
{body}
<script src="{up}assets/search/config.js"></script>
<script src="{up}assets/search/search.js"></script></body></html>
"""


def _bench_pages(site: Path, manifest: dict[str, object]) -> None:
    """The real search.js on two bare pages: a page with the header box, the search page."""
    assets = site / "assets" / "search"
    assets.mkdir(parents=True, exist_ok=True)
    (site / "assets" / "stylesheets").mkdir(exist_ok=True)
    material = Path(mkdocs_material.__file__).parent / "templates" / "assets" / "stylesheets"
    shutil.copyfile(next(material.glob("main.*.min.css")),
                    site / "assets" / "stylesheets" / "material.css")
    for name in ("search.js", "search.css"):
        shutil.copyfile(ASSETS / name, assets / name)
    config = {"bundle": f"{BUNDLE}/", "page": "tim-kiem/", **manifest}
    (assets / "config.js").write_text(
        f"window.thongbaoSearch = {json.dumps(config, ensure_ascii=False)};\n", "utf-8")
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
    protocol_version = "HTTP/1.1"  # keep-alive, as real hosts (GitHub Pages speaks HTTP/2)

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
            # Compressed once per content, as a host or CDN caches it: compressing on every
            # request (Python, under the GIL) made the server the slowest part of a query.
            body = _gzipped(body)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        if accepts:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@functools.lru_cache(maxsize=4096)
def _gzipped(body: bytes) -> bytes:
    return gzip.compress(body, 6)


def serve(directory: Path, notices: dict[str, str] | None = None
          ) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler_class = type("Handler", (GzipHandler,), {"notices": notices or {}})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


RESOURCES_JS = """(parts) => performance.getEntriesByType('resource')
  .filter(e => parts.some(p => e.name.includes(p)))
  .map(e => ({name: e.name, transfer: e.transferSize, body: e.encodedBodySize,
              end: e.responseEnd}))"""
SEARCH_PARTS = [f"/{BUNDLE}/", "/van-ban/"]  # the index, and notice pages fetched for snippets


def _resources(page) -> list[dict]:  # noqa: ANN001 - playwright Page
    """Resource Timing entries of the index files and the snippet pages."""
    return page.evaluate(RESOURCES_JS, SEARCH_PARTS)


def _new_page(browser, errors: list[str]):  # noqa: ANN001, ANN202 - playwright objects
    """A page in a fresh context (empty cache); its console errors, uncaught exceptions and
    failed requests are appended to ``errors``."""
    context = browser.new_context()
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and errors.append(
        f"console: {m.text} ({m.location.get('url')})"))
    page.on("pageerror", lambda e: errors.append(f"exception: {e}"))
    page.on("requestfailed", lambda r: errors.append(f"failed: {r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and errors.append(f"HTTP {r.status}: {r.url}"))
    return context, page


# Resolves with the ms from the last input event in the header box to the results of ``q``
# drawn there (-1 on timeout).
WATCH_JS = """([q, timeout]) => { window.__tbDone = new Promise(resolve => {
  const box = document.querySelector('.tb-search');
  const input = box.querySelector('.md-search__input');
  let last = performance.now();
  input.addEventListener('input', () => { last = performance.now(); }, true);
  const done = () => box.dataset.state === 'done' &&
    box.querySelector('.md-search-result__meta').textContent.includes(`“${q}”`);
  const obs = new MutationObserver(() => { if (done()) { obs.disconnect();
    resolve(performance.now() - last); } });
  obs.observe(box, {childList: true, subtree: true, attributes: true, characterData: true});
  setTimeout(() => { obs.disconnect(); resolve(-1); }, timeout);
}); }"""
TYPE_JS = """(q) => { const i = document.querySelector('.tb-search .md-search__input');
  i.focus(); i.value = q; i.dispatchEvent(new Event('input', {bubbles: true})); }"""
HEADER_INPUT = ".tb-search .md-search__input"


def header_query(browser, base: str, query: str, typed: bool) -> dict:  # noqa: ANN001
    """A fresh page; the reader focuses the header box and puts the query in at once (cold) or
    types it key by key (typed); then a second query (warm)."""
    errors: list[str] = []
    context, page = _new_page(browser, errors)
    page.goto(base, wait_until="networkidle")
    page.evaluate(WATCH_JS, [query, TIMEOUT_MS])
    if typed:
        page.focus(HEADER_INPUT)
        page.keyboard.type(query, delay=TYPING_MS)
    else:
        page.evaluate(TYPE_JS, query)
    elapsed = page.evaluate("window.__tbDone")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    entries = _resources(page)
    results = page.locator(".tb-search .tb-result").count()
    page.evaluate(WATCH_JS, [WARM_QUERY, TIMEOUT_MS])
    page.evaluate(TYPE_JS, WARM_QUERY)
    warm = page.evaluate("window.__tbDone")
    context.close()
    return _summary(query, elapsed, entries, results, errors) | {"warm_ms": round(warm)}


# Installed before the search page loads: when its first results and its facets are drawn.
MARKS_JS = """(() => {
  const marks = window.__tbMarks = {};
  const check = () => {
    const root = document.getElementById('tb-search-page');
    if (!root) return;
    const now = performance.now();
    const state = root.dataset.state;
    if (marks.first === undefined &&
        (root.querySelector('.tb-result') || state === 'first' || state === 'done')) {
      marks.first = now;
    }
    if (marks.done === undefined && state === 'done') marks.done = now;
  };
  new MutationObserver(check).observe(document,
    {childList: true, subtree: true, attributes: true});
})();"""
MARKS_SINCE_RESPONSE_JS = """() => {
  const start = performance.getEntriesByType('navigation')[0].responseEnd;
  const m = window.__tbMarks;
  const page = performance.getEntriesByName('tb:page')[0];
  return {first: m.first - start, done: m.done - start, firstAt: m.first,
          script: page ? page.startTime - start : null};
}"""


def page_query(browser, base: str, query: str) -> dict:  # noqa: ANN001 - playwright Browser
    """Cold: the full search page opened with ?q=…; ms from the navigation's response to the
    first results drawn and to the facet counts drawn."""
    errors: list[str] = []
    context, page = _new_page(browser, errors)
    page.add_init_script(MARKS_JS)
    page.goto(f"{base}tim-kiem/?q={query}")
    page.wait_for_function("window.__tbMarks && window.__tbMarks.done !== undefined",
                           timeout=TIMEOUT_MS)
    marks = page.evaluate(MARKS_SINCE_RESPONSE_JS)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    entries = _resources(page)
    results = page.locator("#tb-search-page .tb-result").count()
    facet_values = page.locator("#tb-search-page .tb-facet__value").count()
    context.close()
    first_kb = _kb(sum(e["transfer"] for e in entries if e["end"] <= marks["firstAt"]))
    return _summary(query, marks["first"], entries, results, errors) | {
        "facets_ms": round(marks["done"]), "first_results_kb": first_kb,
        "search_started_ms": None if marks["script"] is None else round(marks["script"]),
        "facet_values_shown": facet_values}


def _summary(query: str, elapsed: float, entries: list[dict], results: int,
             errors: list[str]) -> dict:
    def kb(*parts: str) -> float:
        return _kb(sum(e["transfer"] for e in entries if all(p in e["name"] for p in parts)))

    index = f"/{BUNDLE}/"
    return {
        "query": query, "results_shown": results, "ms": round(elapsed),
        "requests": len(entries), "transfer_kb": kb("/"),
        "index_kb": kb(index), "buckets_kb": kb(index, "/t/"), "rows_kb": kb(index, "/d/"),
        "facets_kb": kb(index, "/facets.json"), "snippet_pages_kb": kb("/van-ban/"),
        "errors": errors,
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
    parser.add_argument("--mix", type=float, default=MIX)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--workers", type=int, default=0,
                        help="processes making the index (0, as the plugin: one per core)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the index of a previous run (same size, seed and mix)")
    args = parser.parse_args()
    ref = load_reference(ROOT / "content" / "reference")
    templates = template_pages()
    results: dict[str, object] = {"index": [], "lunr": []}
    for n in args.sizes:
        out = args.out / f"idx-{n}"
        row, bodies = index_notices(n, args.seed, out, templates, ref, args.mix, args.reuse,
                                    args.workers)
        print(json.dumps(row, ensure_ascii=False), flush=True)
        if not args.no_browser:
            row["browser"] = measure_browser(out / "site", bodies)
            _print_browser(row["browser"])
        results["index"].append(row)
        del bodies
    for n in args.lunr:
        row = lunr_bench(n, args.seed, args.out / f"lunr-{n}", templates, ref, args.mix)
        print(json.dumps(row, ensure_ascii=False), flush=True)
        results["lunr"].append(row)
    results["bench_peak_mb"] = _max_rss_mb()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))


def _print_browser(browser: dict[str, list[dict]]) -> None:
    for view, rows in browser.items():
        for r in rows:
            extra = f", warm {r['warm_ms']} ms" if "warm_ms" in r else ""
            if "facets_ms" in r:
                extra = (f", search started at {r['search_started_ms']} ms"
                         f", facets {r['facets_ms']} ms, {r['first_results_kb']} KB by first "
                         f"results, {r['facet_values_shown']} facet values")
            print(f"  {view:<12} {r['query']:<18} {r['ms']:>5} ms  {r['transfer_kb']:>6} KB "
                  f"(index {r['index_kb']}: buckets {r['buckets_kb']}, rows {r['rows_kb']}, "
                  f"facets {r['facets_kb']}; snippets {r['snippet_pages_kb']}) "
                  f"{r['requests']} req, {r['results_shown']} shown{extra}", flush=True)
            for error in r["errors"]:
                print(f"    ! {error}", flush=True)


if __name__ == "__main__":
    main()
