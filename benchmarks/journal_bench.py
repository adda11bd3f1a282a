"""What the journalists' pages (issue 11) cost at scale, in-process, without MkDocs.

    .venv/bin/python benchmarks/journal_bench.py [--sizes 300 1000] [--seed 1]
                                                 [--out benchmarks/out/journal]

For each size N, ``gen_notices.py`` writes N notices (same seed, same bytes); they are
extracted once (``.cache`` kept under OUT, so a second run skips extraction), the archive is
built, and then timed, each on a fresh archive so no cached view is shared:

- every index page (``indexpages.index_pages``) — the whole generated-page step;
- the shared views the new pages read (``Journal.tasks``, ``.figures``, ``.chairs``);
- the new pages alone (``tasks_pages``, ``indicator_pages``) and the four list charts.

Also counted: how many pages and how many words (``IndexPage.text``) are new, against all
index pages. Seconds are the best of ``--repeat`` runs (the machine is shared).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_notices import generate  # noqa: E402
from thongbao import journalpages as jp  # noqa: E402
from thongbao.archive import Archive, build_archive  # noqa: E402
from thongbao.indexpages import index_pages  # noqa: E402
from thongbao.pipeline import build_pages  # noqa: E402
from thongbao.reference import load_reference  # noqa: E402

NEW_PREFIXES = ("nhiem-vu/", "chi-so/")


def best_of(repeat: int, make: Callable[[], Archive], step: Callable[[Archive], object]) -> float:
    times = []
    for _ in range(repeat):
        archive = make()
        start = time.perf_counter()
        step(archive)
        times.append(time.perf_counter() - start)
    return min(times)


def measure(out: Path, n: int, seed: int, repeat: int) -> dict[str, object]:
    content = out / f"n{n}" / "content"
    if not (content / "notices").is_dir():
        generate(content, n, seed)
    ref = load_reference(content / "reference")
    result = build_pages(content, cache_dir=out / f"n{n}" / ".cache", ref=ref)
    pages = result.pages

    def make() -> Archive:
        return build_archive(pages, ref)

    def journal(a: Archive) -> jp.Journal:
        return jp.Journal(a)

    steps: dict[str, Callable[[Archive], object]] = {
        "index_pages (all)": lambda a: index_pages(a),
        "Journal.tasks": lambda a: journal(a).tasks,
        "Journal.figures": lambda a: journal(a).figures,
        "Journal.chairs": lambda a: journal(a).chairs,
        "tasks_pages": lambda a: jp.tasks_pages(a, journal(a)),
        "indicator_pages": lambda a: jp.indicator_pages(a, journal(a)),
        "4 list charts": lambda a: (jp.province_chart(a), jp.topic_chart(a),
                                    jp.policy_chart(a), jp.agency_chart(a)),
    }
    seconds = {name: best_of(repeat, make, step) for name, step in steps.items()}
    every = index_pages(make())
    new = [p for p in every if p.path.startswith(NEW_PREFIXES)]
    words = sum(len(p.text().split()) for p in every)
    new_words = sum(len(p.text().split()) for p in new)
    return {"n": n, "notices": len(pages), "pages": len(every), "new_pages": len(new),
            "words": words, "new_words": new_words, "seconds": seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "out" / "journal")
    args = parser.parse_args(argv)
    for n in args.sizes:
        row = measure(args.out, n, args.seed, args.repeat)
        print(f"N={row['n']} notices={row['notices']} index pages={row['pages']} "
              f"(new {row['new_pages']}), words={row['words']:,} (new {row['new_words']:,})")
        for name, value in row["seconds"].items():  # type: ignore[union-attr]
            print(f"  {name:<20} {value:8.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
