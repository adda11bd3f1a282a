"""Cold and warm `mkdocs build` of N generated notices: seconds, pages, bytes, optional profile.

    .venv/bin/python benchmarks/build_times.py --notices 2000
    .venv/bin/python benchmarks/build_times.py --notices 2000 --profile benchmarks/out/warm.prof

Generates N notices (benchmarks/gen_notices.py, same seed: same files) into a project under
``--out``, then builds it twice with real MkDocs + Material + our plugins (tests/sitebuild.py):
cold (no extraction cache, no search cache) and warm (both caches filled by the cold build).
Prints seconds of each (wall clock, and CPU of this process and its extraction workers: on a
shared machine the CPU seconds are the comparable figure), the number of HTML pages, the
site's size and bytes per notice, and the peak memory of the process. With
``--profile`` the warm build runs under cProfile and the stats are written there (read them
with ``python -m pstats``); the top entries by own time are printed.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))

from gen_notices import generate  # noqa: E402 - benchmarks/ is not a package
from sitebuild import build_site, make_project  # noqa: E402


def prepare(root: Path, n: int, seed: int) -> None:
    """The project with its notices; reused when the same N and seed made it already."""
    stamp = root / ".generated"
    if stamp.exists() and stamp.read_text() == f"{n} {seed}":
        make_project(root, notices=())  # config and overrides may have changed since
        return
    if root.exists():
        shutil.rmtree(root)
    make_project(root, notices=())
    generate(root / "content", n, seed)
    stamp.write_text(f"{n} {seed}")


def site_size(site: Path) -> tuple[int, int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = sum(1 for p in files if p.suffix == ".html")
    return len(files), pages, sum(p.stat().st_size for p in files)


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed_build(root: Path, profile: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one build."""
    started, cpu = time.perf_counter(), cpu_seconds()
    if profile is None:
        build_site(root, strict=False)
    else:
        profiler = cProfile.Profile()
        profiler.runcall(build_site, root, strict=False)
        profiler.dump_stats(profile)
    return time.perf_counter() - started, cpu_seconds() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "out" / "build")
    parser.add_argument("--profile", type=Path, help="cProfile the warm build into this file")
    parser.add_argument("--warm-only", action="store_true", help="skip the cold build")
    args = parser.parse_args(argv)
    root = args.out / f"n{args.notices}"
    prepare(root, args.notices, args.seed)
    cold = (0.0, 0.0)
    if not args.warm_only:
        shutil.rmtree(root / ".cache", ignore_errors=True)
        shutil.rmtree(root / "site", ignore_errors=True)
        cold = timed_build(root)
    warm = timed_build(root, args.profile)
    files, pages, size = site_size(root / "site")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"notices {args.notices}: cold {cold[0]:.1f} s (CPU {cold[1]:.1f} s), "
          f"warm {warm[0]:.1f} s (CPU {warm[1]:.1f} s); {pages} pages, {files} files, "
          f"{size / 1e6:.1f} MB, {size / args.notices / 1e3:.1f} KB per notice; "
          f"peak {peak:.0f} MB")
    if args.profile:
        stats = pstats.Stats(str(args.profile))
        stats.sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
