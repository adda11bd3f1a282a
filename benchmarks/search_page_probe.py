"""The full search page as the published site serves it: Material's own page, CSS and JS.

    .venv/bin/python benchmarks/search_page_probe.py [--loads 12] [--query "giai ngan"]

``search_bench.py`` measures the search on bare pages (its index is 10,000 generated notices;
building a real site of that size takes tens of minutes). This probe builds the repo's own site
(``mkdocs build``, the notices in content/) into a temporary folder, serves it as the benchmark
does (gzip, keep-alive, a separate process) and opens ``/tim-kiem/?q=…`` in a fresh headless
Chromium context ``--loads`` times: ms from the navigation's response to the first result
drawn, and to the first index request. The time is the page's and the browser's more than the
index's (the same at 1,000 and 10,000 notices in search_bench.py).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote_plus

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import search_bench  # noqa: E402 - the benchmark's server and browser settings

TIMES_JS = """() => {
  const start = performance.getEntriesByType('navigation')[0].responseEnd;
  const index = performance.getEntriesByType('resource')
    .filter((e) => e.name.includes('/search-index/')).map((e) => e.startTime - start);
  return [window.__tbMarks.first - start, Math.min(...index)];
}"""
SERVE = ("import sys, time; sys.path.insert(0, sys.argv[2]); import search_bench; "
         "from pathlib import Path; _, base = search_bench.serve(Path(sys.argv[1])); "
         "print(base, flush=True); time.sleep(3600)")


def build_site(out: Path) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=ROOT,
                   check=True, capture_output=True)


def probe(base: str, query: str, loads: int) -> list[tuple[float, float]]:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=search_bench.CHROMIUM,
                                    args=search_bench.CHROMIUM_ARGS)
        for _ in range(loads):
            context = browser.new_context()
            page = context.new_page()
            page.add_init_script(search_bench.MARKS_JS)
            page.goto(f"{base}tim-kiem/?q={quote_plus(query)}")
            page.wait_for_function("window.__tbMarks && window.__tbMarks.first !== undefined",
                                   timeout=search_bench.TIMEOUT_MS)
            first, request = page.evaluate(TIMES_JS)
            times.append((first, request))
            context.close()
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=12)
    parser.add_argument("--query", default="giai ngan")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(site)
        server = subprocess.Popen([sys.executable, "-c", SERVE, str(site),
                                   str(ROOT / "benchmarks")], stdout=subprocess.PIPE, text=True)
        try:
            base = server.stdout.readline().strip()
            times = probe(base, args.query, args.loads)
        finally:
            server.kill()
    first = [round(t[0]) for t in times]
    request = [round(t[1]) for t in times]
    print(f"{args.loads} loads of /tim-kiem/?q={args.query}: first result median "
          f"{statistics.median(first)} ms ({min(first)}–{max(first)}); first index request "
          f"median {statistics.median(request)} ms")


if __name__ == "__main__":
    main()
