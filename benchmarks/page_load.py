"""How long a built site's pages take to show in Chromium with a phone's CPU: the page served
on loopback, the CPU slowed 4× (Chrome DevTools' "mid-tier mobile"), the phone's viewport.

    .venv/bin/python benchmarks/page_load.py SITE_DIR PATH… [--runs 3] [--rate 4]

For each page path (``nhiem-vu/2023-03/``) and each width (390 and 1366 px): the median over
RUNS loads of DOMContentLoaded (the page parsed and its scripts run) and of the load event,
in milliseconds, and the time to draw the page scrolled to its end. Needs Debian's chromium
(/usr/bin/chromium) and Playwright. Used for docs/phone.md, "Long tables".
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
WIDTHS = (390, 1366)
_TIMES = """() => { const n = performance.getEntriesByType('navigation')[0];
  return [n.domContentLoadedEventEnd, n.loadEventEnd, n.decodedBodySize]; }"""
_SCROLL = """async () => { const t0 = performance.now();
  window.scrollTo(0, document.body.scrollHeight);
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - t0; }"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rate", type=float, default=4.0, help="CPU slow-down factor")
    args = parser.parse_args()
    handler = functools.partial(_Quiet, directory=str(args.site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    print("| page | width | KB | DOMContentLoaded ms | load ms | scroll to end ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for path in args.paths:
            for width in WIDTHS:
                runs = []
                for _ in range(args.runs):
                    context = browser.new_context(viewport={"width": width, "height": 844},
                                                  is_mobile=width < 500)
                    page = context.new_page()
                    session = context.new_cdp_session(page)
                    session.send("Emulation.setCPUThrottlingRate", {"rate": args.rate})
                    page.goto(base + path, wait_until="load")
                    dcl, load, size = page.evaluate(_TIMES)
                    runs.append((dcl, load, size, page.evaluate(_SCROLL)))
                    context.close()
                dcl, load, size, scroll = (statistics.median(r[i] for r in runs)
                                           for i in range(4))
                print(f"| {path} | {width} | {size / 1000:,.0f} | {dcl:,.0f} | {load:,.0f} "
                      f"| {scroll:,.0f} |")
        browser.close()
    httpd.shutdown()


if __name__ == "__main__":
    main()
