"""Time a partitioned build against one build of the same generated corpus (docs/parts.md).

    .venv/bin/python benchmarks/parts_bench.py N [--groups 2] [--out benchmarks/out/parts]

Generates N notices (benchmarks/gen_notices.py, seed 1), then runs, each as a child process
with the commands of .github/workflows/pages-matrix.yml: ``thongbao parts plan`` (extraction,
cold), one whole ``mkdocs build`` (warm: the plan filled the cache), the shared build and one
build per group, ``thongbao parts merge``. Prints seconds and the files and bytes of each share.
Each build starts with the extraction cache alone, as a job of the workflow does (it downloads
the ``records`` artifact): the page and search caches a build leaves are deleted before the
next, so that no part reads pages the whole build rendered.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "benchmarks")]
from gen_notices import generate  # noqa: E402
from sitebuild import make_project  # noqa: E402

BIN = Path(sys.executable).parent


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, str]:
    start = time.monotonic()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{cmd}: {done.stderr[-2000:]}")
    return time.monotonic() - start, done.stdout


def size(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def records_only(root: Path) -> None:
    """Leave ``.cache/`` as a part's job finds it: the extraction cache (``thongbao``) only."""
    for entry in (root / ".cache").iterdir() if (root / ".cache").is_dir() else ():
        if entry.name == "thongbao":
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--groups", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "parts")
    args = parser.parse_args(argv)
    root = args.out / f"n{args.n}"
    shutil.rmtree(root, ignore_errors=True)
    make_project(root, notices=())
    generate(root / "content", args.n, 1)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1",
               SITE_URL="https://example.org/thongbao/")
    py, tb = str(BIN / "python"), str(BIN / "thongbao")
    rows: list[tuple[str, float, int, int]] = []
    seconds, out = timed([tb, "parts", "plan", "--groups", str(args.groups)], root, env)
    plan = json.loads(out)
    rows.append(("plan (extraction, cold)", seconds, 0, 0))
    records_only(root)
    seconds, _ = timed([py, "-m", "mkdocs", "build", "--strict", "-d", "site-whole"], root, env)
    rows.append(("whole site, one build (warm)", seconds, *size(root / "site-whole")))
    names = []
    for entry in plan["include"]:
        names.append(f"site-{entry['name']}")
        which = ["--provinces", entry["provinces"]] if entry["provinces"] else ["--shared"]
        records_only(root)
        seconds, _ = timed([py, "-m", "thongbao_mkdocs.partbuild", "-d", names[-1], *which],
                           root, env)
        rows.append((entry["name"], seconds, *size(root / names[-1])))
    seconds, _ = timed([tb, "parts", "merge", "site", *names], root, env)
    rows.append(("merge (copy)", seconds, *size(root / "site")))
    print(f"| step ({args.n} notices, {args.groups} groups) | s | files | MB |")
    print("| --- | ---: | ---: | ---: |")
    for name, secs, count, total in rows:
        print(f"| {name} | {secs:.1f} | {count:,} | {total / 1e6:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
