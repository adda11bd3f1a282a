"""The heaviest pages of a built site, and how many pass 200 KB, 500 KB, 1 MB, 2 MB.

    .venv/bin/python benchmarks/page_sizes.py SITE_DIR [--top 25]

Counts every ``*.html`` file by its first folder (``chinh-sach``, ``nhiem-vu`` …): the page
weight a reader's phone downloads before gzip. Used for docs/scale.md, "Page size".
"""

from __future__ import annotations

import argparse
import os
from collections import Counter
from pathlib import Path

LIMITS = (200e3, 500e3, 1e6, 2e6)


def page_sizes(site: Path) -> list[tuple[int, str]]:
    """(bytes, path relative to the site) of every HTML file, heaviest first."""
    rows = []
    for folder, _, names in os.walk(site):
        for name in names:
            if name.endswith(".html"):
                path = Path(folder) / name
                rows.append((path.stat().st_size, path.relative_to(site).as_posix()))
    return sorted(rows, reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    rows = page_sizes(args.site)
    print(f"pages {len(rows)}, HTML {sum(s for s, _ in rows) / 1e6:.1f} MB")
    for limit in LIMITS:
        over = [path for size, path in rows if size > limit]
        kinds = Counter(path.split("/")[0] for path in over)
        print(f"over {limit / 1e3:.0f} KB: {len(over)} {dict(sorted(kinds.items()))}")
    for size, path in rows[: args.top]:
        print(f"{size / 1e3:9.1f} KB  {path}")


if __name__ == "__main__":
    main()
