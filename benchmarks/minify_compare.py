"""HTML minifiers on the pages of a built site: bytes (raw and gzipped) and time.

    .venv/bin/python benchmarks/minify_compare.py SITE_DIR [--limit 2000]

Compared on the same pages (every ``index.html`` of SITE_DIR, up to ``--limit``):

- ``htmlmin (mkdocs-minify-plugin)``: htmlmin2 with mkdocs-minify-plugin 0.8.0's default
  options for ``minify_html: true`` (what the plugin does to each page);
- ``htmlmin, remove_empty_space``: the same with its most aggressive whitespace option;
- ``htmlmin, remove_empty_space, quotes``: the same, attribute quotes kept;
- ``minify-html``: minify_html.minify with the options ``thongbao.pageweight`` uses.

Each is run on every page (the minifier's time only, reading excluded); the table gives total
bytes, gzip -6 bytes and seconds, and whether every page still parses to the same text
(whitespace-collapsed ``html.parser`` text content, a guard against a minifier eating words).
"""

from __future__ import annotations

import argparse
import gzip
import re
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import htmlmin
import minify_html
from thongbao.pageweight import MINIFY_OPTIONS

PLUGIN_OPTS = {
    "remove_comments": False, "remove_empty_space": False, "remove_all_empty_space": False,
    "reduce_empty_attributes": True, "reduce_boolean_attributes": False,
    "remove_optional_attribute_quotes": True, "convert_charrefs": True, "keep_pre": False,
    "pre_tags": ("pre", "textarea"), "pre_attr": "pre",
}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()


MINIFIERS: dict[str, Callable[[str], str]] = {
    "none": lambda html: html,
    "htmlmin (mkdocs-minify-plugin)": lambda html: htmlmin.minify(html, **PLUGIN_OPTS),
    "htmlmin, remove_empty_space": lambda html: htmlmin.minify(
        html, **(PLUGIN_OPTS | {"remove_empty_space": True})),
    "htmlmin, remove_empty_space, quotes": lambda html: htmlmin.minify(
        html, **(PLUGIN_OPTS | {"remove_empty_space": True,
                                "remove_optional_attribute_quotes": False})),
    "minify-html": lambda html: minify_html.minify(html, **MINIFY_OPTIONS),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--limit", type=int, default=2000)
    args = parser.parse_args(argv)
    pages = [p.read_text("utf-8") for p in sorted(args.site.rglob("index.html"))[: args.limit]]
    texts = [text_of(html) for html in pages]
    print(f"{len(pages)} pages of {args.site}")
    print(f"{'minifier':34s} {'MB':>8s} {'gzip MB':>8s} {'s':>7s}  same text")
    for name, minify in MINIFIERS.items():
        started = time.perf_counter()
        out = [minify(html) for html in pages]
        seconds = time.perf_counter() - started
        raw = sum(len(html.encode()) for html in out)
        packed = sum(len(gzip.compress(html.encode(), 6)) for html in out)
        same = sum(text_of(html) == text for html, text in zip(out, texts, strict=True))
        print(f"{name:34s} {raw / 1e6:8.2f} {packed / 1e6:8.2f} {seconds:7.2f}  "
              f"{same}/{len(pages)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
