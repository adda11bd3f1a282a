"""Where a build's memory peaks: the resident set of one ``mkdocs build`` by MkDocs event.

    PYTHONPATH=<code>/build:<code>/plugins .venv/bin/python benchmarks/memory_stages.py \\
        N [--project DIR] [--warm] [--pages 2000 6000]

Builds the generated corpus of N notices (``gen_notices.py``, seed 1; written into DIR once,
default ``benchmarks/out/memory/pN``) with the repository's mkdocs.yml, *in this process*, so
the figures are the build's own process (the extraction and search pools are separate
processes, not counted here: ``scale_bench.py`` measures the whole tree). A thread reads
``VmRSS`` from ``/proc/self/status`` every 20 ms and keeps the highest value seen during each
MkDocs event; the output is one line per event in the order they first ran, then the
overall peak. ``--pages`` also prints, after those many pages were written, the resident set
and pymalloc's arenas (``sys._debugmallocstats``: what Python's small-object allocator
holds; the rest of the resident set is large strings, C libraries and the allocator's slack).

Cold by default (``.cache/`` deleted first: extraction, search index and every page made);
``--warm`` keeps it. Linux only (``/proc``), as the build machines are.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import PluginCollection

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))

from gen_notices import generate  # noqa: E402 - benchmarks/ is not a package
from sitebuild import make_project  # noqa: E402

SAMPLE_S = 0.02
_ARENA_BYTES = re.compile(r"^Total\s*=\s*([\d,]+)", re.MULTILINE)


def rss_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return int(status.read().split("VmRSS:")[1].split()[0]) // 1024


def pymalloc_mb() -> int:
    """What pymalloc's arenas hold (the first ``Total`` line of ``_debugmallocstats``, which
    writes to the C-level stderr: read back through a temporary file)."""
    saved = os.dup(2)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        os.dup2(out.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        out.seek(0)
        found = _ARENA_BYTES.search(out.read())
    return int(found.group(1).replace(",", "")) // 2**20 if found else -1


def project(root: Path, n: int) -> Path:
    if not (root / "mkdocs.yml").is_file():
        make_project(root, notices=[])
        generate(root / "content", n, seed=1)
    return root


class Watch:
    """The highest resident set seen during each MkDocs event, by a sampling thread."""

    def __init__(self, marks: set[int]) -> None:
        self.event = "start"
        self.peaks: dict[str, int] = {}
        self.marks = marks
        self.pages = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._done.is_set():
            value, event = rss_mb(), self.event
            if value > self.peaks.get(event, 0):
                self.peaks[event] = value
            time.sleep(SAMPLE_S)

    def enter(self, event: str) -> None:
        self.event = event
        self.peaks.setdefault(event, rss_mb())
        if event == "post_page":
            self.pages += 1
            if self.pages in self.marks:
                print(f"after {self.pages} pages: {rss_mb()} MB resident, "
                      f"{pymalloc_mb()} MB in pymalloc's arenas", flush=True)

    def __enter__(self) -> Watch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of generated notices")
    parser.add_argument("--project", type=Path, help="project folder (made once)")
    parser.add_argument("--warm", action="store_true", help="keep .cache/ (warm build)")
    parser.add_argument("--pages", type=int, nargs="*", default=[],
                        help="print RSS and pymalloc after this many pages")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    root = project((args.project or HERE / "out" / "memory" / f"p{args.n}").resolve(), args.n)
    if not args.warm:
        shutil.rmtree(root / ".cache", ignore_errors=True)
    shutil.rmtree(root / "site", ignore_errors=True)
    with Watch(set(args.pages)) as watch:
        run_event = PluginCollection.run_event

        def watched(self: PluginCollection, name: str, item: object = None,
                    **kwargs: object) -> object:
            watch.enter(name)
            return run_event(self, name, item, **kwargs)

        PluginCollection.run_event = watched  # type: ignore[method-assign]
        started = time.perf_counter()
        os.chdir(root)
        build(load_config(str(root / "mkdocs.yml")))
        seconds = time.perf_counter() - started
    print(f"{args.n} notices, {'warm' if args.warm else 'cold'}, {seconds:.1f} s, "
          f"{watch.pages} pages")
    for event, peak in watch.peaks.items():
        print(f"  {event:18s} {peak:6d} MB")
    print(f"  {'peak':18s} {max(watch.peaks.values()):6d} MB")
    return 0


if __name__ == "__main__":  # the pools' workers import this module: build only when run
    sys.exit(main())
