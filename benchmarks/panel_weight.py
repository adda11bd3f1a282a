"""Bytes of a notice page's metadata panel, and of the whole page, on generated notices.

    .venv/bin/python benchmarks/panel_weight.py                  # 40 notices, seed 1
    .venv/bin/python benchmarks/panel_weight.py --n 40 --out benchmarks/out/panel

Generates notices (benchmarks/gen_notices.py, same seed → same texts), builds the site with
real MkDocs + Material + the thongbao plugins (tests/sitebuild.py's project), then for every
notice page measures the panel (the ``<section>`` whose class is ``tb-panel``, as shipped:
minified, attributes unquoted and sorted) and the page. The target (docs/phone.md): median
panel ≤ 5 KB on these notices.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))

from gen_notices import generate  # noqa: E402 - benchmarks/ is not a package
from sitebuild import build_site, make_project  # noqa: E402

# Minified pages drop optional quotes and sort attributes: match the class token anywhere in the
# start tag. The panel holds no nested <section>, so the first </section> closes it.
PANEL = re.compile(r"<section\b[^>]*\bclass=\"?tb-panel\b[^>]*>.*?</section>", re.DOTALL)


def panel_bytes(html: str) -> int:
    m = PANEL.search(html)
    return len(m.group().encode()) if m else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "out" / "panel")
    args = parser.parse_args(argv)
    if args.out.exists():
        shutil.rmtree(args.out)
    make_project(args.out, notices=())
    generate(args.out / "content", args.n, args.seed)
    site = build_site(args.out, strict=False)
    panels, pages = [], []
    for path in sorted((site / "van-ban").rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        panels.append(panel_bytes(html))
        pages.append(len(html.encode()))
    print(f"{len(panels)} notice pages (seed {args.seed})")
    for name, values in (("panel", panels), ("page", pages)):
        print(f"{name:5s} bytes: median {statistics.median(values):7.0f}  "
              f"mean {statistics.fmean(values):7.0f}  min {min(values):6d}  max {max(values):6d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
