"""Where a built site's bytes are: by first folder, and for HTML pages how much is the
article's text, the article's markup and the theme's chrome around it.

    .venv/bin/python benchmarks/site_bytes.py SITE_DIR [--sample 1]

Every file counts by its first folder (``thong-bao``, ``co-quan``, ``nhiem-vu`` …; files at
the top as ``/``). An HTML page splits into *chrome* (everything outside
Material's ``<article>``), *text* (the UTF-8 bytes of the article's text nodes,
what a reader reads) and *markup* (the rest of the article: tags, attributes, links). With
``--sample K`` only every K-th page is parsed (the folder totals stay exact; the split is
scaled up). Used for docs/scale.md, "Bytes per notice".
"""

from __future__ import annotations

import argparse
import os
from collections import defaultdict
from pathlib import Path

from lxml import html as lxml_html


def split_page(data: bytes) -> tuple[int, int, int]:
    """(chrome, text, markup) bytes of one page."""
    # Material writes one <article>; its bytes are counted as written (serialising the parsed
    # tree again would add the quotes minify-html dropped).
    start, end = data.find(b"<article"), data.rfind(b"</article>")
    if start < 0 or end < 0:
        return len(data), 0, 0
    end += len(b"</article>")
    article = lxml_html.fromstring(data[start:end].decode("utf-8"))
    text = len("".join(article.itertext()).encode("utf-8"))
    return len(data) - (end - start), text, end - start - text


def site_bytes(site: Path, sample: int) -> dict[str, list[float]]:
    """folder → [files, bytes, html pages, chrome, text, markup]."""
    table: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0, 0.0, 0.0, 0.0])
    seen = 0
    for folder, dirs, names in os.walk(site):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            rel = path.relative_to(site).parts
            key = rel[0] if len(rel) > 1 else "/"
            row = table[key]
            size = path.stat().st_size
            row[0] += 1
            row[1] += size
            if name.endswith(".html"):
                row[2] += 1
                seen += 1
                if seen % sample == 0:
                    chrome, text, markup = split_page(path.read_bytes())
                    row[3] += chrome * sample
                    row[4] += text * sample
                    row[5] += markup * sample
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--sample", type=int, default=1)
    args = parser.parse_args()
    table = site_bytes(args.site, args.sample)
    total = [sum(row[i] for row in table.values()) for i in range(6)]
    print("| folder | files | MB | HTML pages | chrome MB | text MB | markup MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for key, row in [*sorted(table.items(), key=lambda kv: -kv[1][1]), ("all", total)]:
        files, size, pages, chrome, text, markup = row
        print(f"| {key} | {files:,.0f} | {size / 1e6:,.1f} | {pages:,.0f} | {chrome / 1e6:,.1f} "
              f"| {text / 1e6:,.1f} | {markup / 1e6:,.1f} |")


if __name__ == "__main__":
    main()
