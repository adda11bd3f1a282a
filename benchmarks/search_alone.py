"""The search index alone, on a built project, as the `thongbao-search` plugin makes it.

    .venv/bin/python benchmarks/search_alone.py PROJECT [--workers 2] [--repeat 3] [--limit N]

PROJECT is a site built once (its extraction cache `.cache/thongbao/` filled), for example
`benchmarks/scale_bench.py --keep`'s `OUT/n10000/ours`. Every notice the cache holds is sent
to `searchcache.index_notices` as the build sends a page that let go of its text: as its
cache file, with the topic names of the project's reference data. No MkDocs and no rendering
beside it, so the figure is the index's own time on an otherwise idle machine (in a build it
shares the two cores with the rendering; `scale_bench.py` reports that time and how long the
build waited). Prints, for each run: wall seconds, CPU seconds of this process, the index
version (the same notices give the same version whatever the worker count), and the load
average before the run.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

from thongbao.pipeline import NoticePage, stored_page
from thongbao.reference import load_reference
from thongbao.searchcache import index_notices


def cached_pages(project: Path, limit: int | None) -> list[tuple[str, NoticePage]]:
    """(URL, page) for each extraction cache file, the page standing for its file as in a
    light build (`stored` set, no text held)."""
    files = sorted(p for p in (project / ".cache" / "thongbao").glob("*.json")
                   if len(p.stem) == 64)[:limit]
    pages = []
    for path in files:
        page = stored_page(path).released(path)
        pages.append((page.url, page))
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="first N cache files only")
    args = parser.parse_args()
    ref = load_reference(args.project / "content" / "reference")
    topics = {slug: topic.name for slug, topic in ref.topics.items()}
    start = time.monotonic()
    notices = cached_pages(args.project, args.limit)
    print(f"{len(notices)} notices read in {time.monotonic() - start:.1f} s")
    for run in range(1, args.repeat + 1):
        load = os.getloadavg()[0]
        before = resource.getrusage(resource.RUSAGE_SELF)
        start = time.monotonic()
        index = index_notices(notices, topics, workers=args.workers)
        wall = time.monotonic() - start
        after = resource.getrusage(resource.RUSAGE_SELF)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        print(f"run {run}: {wall:.1f} s wall, this process {cpu:.1f} CPU s, "
              f"{args.workers} workers, version {index.version}, load before {load:.2f}")


if __name__ == "__main__":
    main()
