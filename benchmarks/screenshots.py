"""Screenshots of a built site in headless Chromium, for a person to look at.

    .venv/bin/mkdocs build --strict
    .venv/bin/python benchmarks/screenshots.py site benchmarks/out/screens

Serves SITE_DIR over HTTP on a free local port (directory URLs need a server) and writes one
PNG per page and viewport. Uses Debian's /usr/bin/chromium through Playwright; not run in CI.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "home": "",
    "province": "tinh/bac-kan/",
    "province-now": "tinh/thai-nguyen/",
    "agency": "co-quan/so-ke-hoach-va-dau-tu/",
    "policy": "chinh-sach/68-nq-cp-2021/",
    "topic": "chu-de/dau-tu-cong/",
    "chair": "lanh-dao/",
    "year": "nam/2021/",
    "notice": "van-ban/lao-cai/2021/tb-2021-09-ket-luan-phien-hop-thuong-ky-thang-9/",
    "search": "tim-kiem/?q=giai+ngan",
    "quality": "chat-luong/",
    "tasks": "nhiem-vu/",
    "indicator": "chi-so/grdp/",
    "404": "404.html",
}
VIEWPORTS = {"desktop": (1366, 900), "mobile": (390, 844)}


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def take(
    site_dir: Path, out_dir: Path, pages: dict[str, str], dark: bool = False, full: bool = False
) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(site_dir) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--headless"])
        try:
            for view, (width, height) in VIEWPORTS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    color_scheme="dark" if dark else "light",
                    locale="vi-VN",
                )
                page = context.new_page()
                for name, url in pages.items():
                    page.goto(base + url, wait_until="networkidle")
                    if url.startswith("tim-kiem/"):
                        page.wait_for_selector("#tb-search-page[data-state=done]")
                    target = out_dir / f"{name}-{view}{'-dark' if dark else ''}.png"
                    # One screen by default: a whole long notice shrinks past reading.
                    page.screenshot(path=str(target), full_page=full)
                    written.append(target)
                context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--dark", action="store_true", help="dark colour scheme")
    parser.add_argument("--full", action="store_true", help="whole pages, not one screen")
    parser.add_argument("--page", action="append", metavar="NAME=URL",
                        help="pages to shoot (default: notice, province, policy, agency, home)")
    args = parser.parse_args(argv)
    pages = dict(p.split("=", 1) for p in args.page) if args.page else PAGES
    for path in take(args.site_dir, args.out_dir, pages, args.dark, args.full):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
