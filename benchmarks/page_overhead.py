"""HTML bytes of a notice page beyond its own text, at two archive sizes.

    .venv/bin/python benchmarks/page_overhead.py                 # 200 and 2,000 notices
    .venv/bin/python benchmarks/page_overhead.py --sizes 200 2000 --out benchmarks/out/overhead

For each size: generate notices (benchmarks/gen_notices.py, same seed), build the site with
real MkDocs + Material + the thongbao plugin (tests/sitebuild.py), then for every notice page
measure ``len(page HTML) - len(HTML of the notice's own text)`` — the text is the inner HTML of
``<div class="tb-text">``, so the overhead is the chrome (header, nav, footer, scripts) plus
the metadata panel. The navigation lists index pages only, so the mean must not grow with
the archive: the script exits 1 when two sizes differ by more than 10%.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))

from gen_notices import generate  # noqa: E402 - benchmarks/ is not a package
from sitebuild import build_site, make_project  # noqa: E402

_DIV = re.compile(r"<div\b|</div>")
TEXT_START = '<div class="tb-text">'


@dataclass(frozen=True)
class Measure:
    notices: int
    pages: int
    mean: float
    median: float
    low: int
    high: int
    site_bytes: int
    seconds: float


def own_text_bytes(html: str) -> int:
    """Bytes of the notice's own text: the inner HTML of the ``tb-text`` div."""
    start = html.index(TEXT_START) + len(TEXT_START)
    depth = 1
    for m in _DIV.finditer(html, start):
        depth += 1 if m.group() != "</div>" else -1
        if depth == 0:
            return len(html[start : m.start()].encode())
    raise ValueError("unterminated tb-text div")


def measure(root: Path, n: int, seed: int) -> Measure:
    if root.exists():
        shutil.rmtree(root)
    make_project(root, notices=())
    generate(root / "content", n, seed)
    started = time.perf_counter()
    site = build_site(root, strict=False)
    seconds = time.perf_counter() - started
    overheads = []
    for path in sorted((site / "van-ban").rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        overheads.append(len(html.encode()) - own_text_bytes(html))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return Measure(n, len(overheads), statistics.fmean(overheads), statistics.median(overheads),
                   min(overheads), max(overheads), size, seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "out" / "overhead")
    args = parser.parse_args(argv)
    results = [measure(args.out / f"n{n}", n, args.seed) for n in args.sizes]
    print("notices  pages  mean B  median B  min B  max B  site MB  build s")
    for r in results:
        print(f"{r.notices:7d} {r.pages:6d} {r.mean:7.0f} {r.median:9.0f} {r.low:6d} {r.high:6d}"
              f" {r.site_bytes / 1e6:8.1f} {r.seconds:8.1f}")
    spread = max(r.mean for r in results) / min(r.mean for r in results) - 1
    print(f"largest / smallest mean overhead: +{spread:.1%} (limit 10%)")
    return 0 if spread <= 0.10 else 1


if __name__ == "__main__":
    raise SystemExit(main())
