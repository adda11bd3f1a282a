"""What a build pays to know its unchanged notices: whole cached pages, one heads index, or a
small head file beside each cache entry (docs/scale.md, "One changed notice").

    PYTHONPATH=build:plugins .venv/bin/python benchmarks/heads_bench.py CACHE [--repeat 5]

CACHE is an extraction cache that a build of the current code filled (it holds ``heads.json``).
The per-entry head files are written to a temporary folder beside CACHE (same file system)
and removed after. Every way is timed ``--repeat`` times after one warm-up read (the files are
in the page cache, as they are for a rebuild); the best and the median are printed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from thongbao import heads
from thongbao.pipeline import _cache_get


def _timed(run: Callable[[], int], repeat: int) -> tuple[float, float, int]:
    run()  # warm-up: the page cache, the interpreter's caches
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        count = run()
        seconds.append(time.perf_counter() - started)
    return min(seconds), statistics.median(seconds), count


def _index(cache: Path) -> int:
    index = heads.read_index(cache).heads
    return sum(heads.from_json(entry) is not None for entry in index.values())


def _sidecars(folder: Path, keys: list[str]) -> int:
    found = 0
    for key in keys:
        data = json.loads((folder / f"{key}.head.json").read_bytes())
        found += heads.from_json(data) is not None
    return found


def _pages(cache: Path, keys: list[str]) -> int:
    return sum(_cache_get(cache, key) is not None for key in keys)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("cache", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    index = heads.read_index(args.cache).heads
    if not index:
        raise SystemExit(f"{args.cache}: no {heads.HEADS_FILE}; build with this code first")
    keys = list(index)
    folder = Path(tempfile.mkdtemp(prefix="heads-", dir=args.cache.parent))
    try:
        for key, entry in index.items():
            (folder / f"{key}.head.json").write_text(json.dumps(entry, ensure_ascii=False),
                                                    encoding="utf-8")
        size = (args.cache / heads.HEADS_FILE).stat().st_size
        print(f"{len(keys)} heads; {heads.HEADS_FILE} {size / 1e6:.2f} MB")
        ways = {
            "one index (heads.json)": lambda: _index(args.cache),
            "a head file per entry": lambda: _sidecars(folder, keys),
            "whole cached pages": lambda: _pages(args.cache, keys),
        }
        for name, run in ways.items():
            best, median, count = _timed(run, args.repeat)
            print(f"{name}: best {best:.3f} s, median {median:.3f} s ({count} read)")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
