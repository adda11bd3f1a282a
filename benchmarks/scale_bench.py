"""Archive scale: our build against plain MkDocs + Material on the same generated texts.

    .venv/bin/python benchmarks/scale_bench.py [--sizes 1000 2000] [--seed 1]
                                               [--out benchmarks/out/scale] [--keep]
                                               [--profile] [--no-plain]

For each size N, ``benchmarks/gen_notices.py`` writes N realistic notices (same seed, same
bytes) and, in the same run, two sites are built from them, each ``mkdocs build`` in a child
process:

- **ours**: the repository's mkdocs.yml, overrides/ and plugins (tests/sitebuild.py's project),
  built *cold* (no ``.cache/``: extraction, search index and pages made), then *warm*
  (``.cache/`` of the cold build kept: extraction, search index and unchanged pages read
  back), then *warm, next commit* (as a deploy: ``ORIGINALS_URL`` names another commit),
  then *warm, one notice changed* (a deploy that corrects or adds a notice: a task sentence
  appended to one notice, every other notice from the caches), then *warm, pages rendered*
  (the page cache deleted first: every page rendered, as after a template change);
- **plain**: MkDocs + Material with the same texts as bare Markdown pages (``# file name`` then
  the text), only an index page in the nav, Material's built-in search on; built twice too
  (MkDocs has no cache, so its second build is its "warm" one).

Measured for every build: wall time; peak memory of the child's process tree (the sum of the
resident sets of the child and its descendants, sampled every 50 ms from /proc; and the sum of
their proportional set sizes, every 0.5 s from ``smaps_rollup``, which counts a page shared
with a forked child once) and the largest single process (GNU time's ``%M``); site size
(MB), file count, bytes per notice, mean HTML bytes of a notice page; for ours, the search
index's time from the plugin's log line. The machine (CPU, cores, memory, load average
before and after) and the versions are recorded.

Results: ``OUT/results.json`` and ``OUT/results.md`` (the Markdown tables that go into
BENCHMARKS.md). ``--profile`` also runs a warm build of ours under cProfile
(``OUT/nN/ours-warm.prof``) and prints its top functions. Sites are deleted after they are
measured unless ``--keep``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import pstats
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(HERE))

from gen_notices import generate  # noqa: E402 - benchmarks/ is not a package
from sitebuild import make_project  # noqa: E402
from thongbao.sitesize import measure as measure_site  # noqa: E402

PLAIN_YML = """site_name: Thông báo (plain Material)
docs_dir: docs
site_dir: site
site_url: http://127.0.0.1:8000/
theme: {name: material, language: vi, font: false}
plugins: [search]
nav: [index.md]
"""
SEARCH_LINE = re.compile(r"search: (\d+) notices, (\d+) files, (indexed|from the cache) in "
                         r"([\d.]+) s(?: \(beside the pages; the build waited ([\d.]+) s)?")
SAMPLE_S = 0.05
PSS_EVERY = 10  # samples: reading smaps_rollup walks the page tables (ms for a 1.5 GB process)
PAGE_CACHE = Path(".cache") / "pages"  # the thongbao plugin's page_cache_dir
RENDERED = "warm, pages rendered"
DEPLOY = "warm, next commit"
CHANGED = "warm, one notice changed"
# Appended to the middle notice (by path) for CHANGED: a task with a deadline, so the notice's
# record, its page, its agency's and the tasks' pages, the exports and the index change.
CHANGE = "\n\nGiao Sở Tài chính chủ trì rà soát, báo cáo UBND tỉnh trước ngày 30/12/2021.\n"
TIME = "/usr/bin/time"
PUBLISHED_ORIGINALS = "https://github.com/example/thongbao/blob/0000000/"
# What the next deploy's build links: the same repository at another commit.
NEXT_ORIGINALS = "https://github.com/example/thongbao/blob/1111111/"


@dataclass
class Build:
    site: str  # "ours" | "plain"
    kind: str  # "cold" | "warm" | DEPLOY | CHANGED | RENDERED
    notices: int
    seconds: float
    peak_tree_mb: float
    max_process_mb: float
    site_mb: float
    files: int
    bytes_per_notice: int
    notice_page_kb: float
    search_s: float | None
    # How long the build waited for the index at its end (it is made beside the rendering).
    search_wait_s: float | None = None
    peak_pss_mb: float | None = None  # the tree's proportional set size, sampled every 0.5 s


# --- running a child and watching its memory --------------------------------------------------


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as f:
                out += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return out


def _proc_kb(pid: int, name: str, field: str) -> int:
    """The KB figure of ``field`` (``"VmRSS:"``, ``"Pss:"``) in ``/proc/<pid>/<name>``; 0 if
    the process is gone."""
    try:
        with open(f"/proc/{pid}/{name}", encoding="ascii") as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_kb(pid: int, name: str, field: str) -> int:
    """:func:`_proc_kb` summed over ``pid`` and all its descendants now."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _proc_kb(current, name, field)
        todo += _children(current)
    return total


def tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants now, in KB."""
    return _tree_kb(pid, "status", "VmRSS:")


def tree_pss_kb(pid: int) -> int:
    """Proportional memory of ``pid`` and its descendants now, in KB: a page shared by n
    processes counts 1/n in each. A forked child (the rendering helper tried on branch
    ``fork``, docs/scale.md) shares its parent's pages until either writes them: their RSS
    would count those pages twice."""
    return _tree_kb(pid, "smaps_rollup", "Pss:")


def build_env(originals: str = PUBLISHED_ORIGINALS) -> dict[str, str]:
    """The environment of every build. ORIGINALS_URL as the Pages workflow sets it: the site
    measured is the one published, whose notice pages link their originals in the repository
    (docs/scale.md, "Bytes per notice"). Plain Material's build ignores it."""
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0",
                ORIGINALS_URL=originals)


def run_measured(cmd: list[str], cwd: Path, originals: str = PUBLISHED_ORIGINALS
                 ) -> tuple[float, float, float, float, str]:
    """Run ``cmd``; its wall seconds, peak tree RSS (MB), largest process (MB), peak tree
    PSS (MB), stderr."""
    env = build_env(originals)
    maxrss = cwd / ".maxrss"
    started = time.perf_counter()
    # GNU time's %M: the largest ru_maxrss among the child and its waited-for descendants.
    proc = subprocess.Popen([TIME, "-f", "%M", "-o", str(maxrss), *cmd], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = peak_pss = 0
    stop = threading.Event()

    def watch() -> None:
        nonlocal peak, peak_pss
        samples = 0
        while not stop.is_set():
            peak = max(peak, tree_rss_kb(proc.pid))
            if samples % PSS_EVERY == 0:
                peak_pss = max(peak_pss, tree_pss_kb(proc.pid))
            samples += 1
            stop.wait(SAMPLE_S)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    watcher.join()
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{err[-3000:]}")
    largest = int(maxrss.read_text().split()[-1])
    maxrss.unlink()
    return seconds, peak / 1024, largest / 1024, peak_pss / 1024, err


# --- the two sites ---------------------------------------------------------------------------


def make_plain(root: Path, content: Path) -> None:
    """Plain MkDocs + Material: every notice text as a bare page, an index page in the nav."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Thông báo\n\nLưu trữ (plain Material).\n", "utf-8")
    for path in sorted((content / "notices").rglob("*.txt")):
        rel = path.relative_to(content / "notices").with_suffix(".md")
        page = docs / "van-ban" / rel
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# {path.stem}\n\n{path.read_text('utf-8')}", "utf-8")
    (root / "mkdocs.yml").write_text(PLAIN_YML, "utf-8")


def site_stats(site: Path) -> tuple[int, int, float]:
    """Total bytes, file count (as the build's own size line counts them), mean bytes of a
    notice page's HTML."""
    whole = measure_site(site)
    pages = [p.stat().st_size for p in (site / "van-ban").rglob("index.html")]
    return whole.bytes, whole.files, sum(pages) / max(len(pages), 1)


def measure(root: Path, site_name: str, kind: str, n: int,
            originals: str = PUBLISHED_ORIGINALS) -> Build:
    cmd = [sys.executable, "-m", "mkdocs", "build"]
    seconds, tree_mb, process_mb, pss_mb, err = run_measured(cmd, root, originals)
    size, files, page = site_stats(root / "site")
    found = SEARCH_LINE.search(err)
    indexed = found is not None and found.group(3) == "indexed"
    search_s = float(found.group(4)) if found and indexed else None
    wait_s = float(found.group(5)) if found and indexed and found.group(5) else None
    build = Build(site_name, kind, n, round(seconds, 1), round(tree_mb), round(process_mb),
                  round(size / 1e6, 1), files, round(size / n), round(page / 1024, 1),
                  search_s, wait_s, round(pss_mb))
    print(f"  {site_name:5s} {kind}: {build.seconds:7.1f} s  {build.peak_tree_mb:6.0f} MB peak"
          f" ({pss_mb:.0f} MB PSS)"
          f"  {build.site_mb:7.1f} MB site  {files} files"
          + (f"  search {search_s:.1f} s" if search_s is not None else "")
          + (f" (build waited {wait_s:.1f} s)" if wait_s is not None else ""), flush=True)
    return build


def profile_warm(root: Path) -> None:
    out = root.parent / "ours-warm.prof"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build"]
    subprocess.run(cmd, cwd=root, check=True, capture_output=True, env=build_env())
    stats = pstats.Stats(str(out))
    stats.sort_stats("cumulative").print_stats(30)


def bench_size(out: Path, n: int, seed: int, plain: bool, profile: bool, keep: bool
               ) -> list[Build]:
    base = out / f"n{n}"
    if base.exists():
        shutil.rmtree(base)
    ours = make_project(base / "ours", notices=())
    generate(ours / "content", n, seed)
    print(f"{n} notices", flush=True)
    builds = [measure(ours, "ours", "cold", n), measure(ours, "ours", "warm", n),
              measure(ours, "ours", DEPLOY, n, NEXT_ORIGINALS)]
    changed = sorted((ours / "content" / "notices").rglob("*.txt"))[n // 2]
    with changed.open("a", encoding="utf-8") as text:
        text.write(CHANGE)
    builds.append(measure(ours, "ours", CHANGED, n, NEXT_ORIGINALS))
    # Warm with every page rendered again: what a build after a template or setting change
    # costs (extraction and search index cached, the page cache not; docs/scale.md).
    shutil.rmtree(ours / PAGE_CACHE, ignore_errors=True)
    builds.append(measure(ours, "ours", RENDERED, n))
    if profile:
        profile_warm(ours)
    if plain:
        make_plain(base / "plain", ours / "content")
        builds += [measure(base / "plain", "plain", "cold", n),
                   measure(base / "plain", "plain", "warm", n)]
    if not keep:
        shutil.rmtree(base / "ours" / "site", ignore_errors=True)
        shutil.rmtree(base / "plain", ignore_errors=True)
    return builds


# --- the machine and the report --------------------------------------------------------------


def machine() -> dict[str, object]:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    mem = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    versions = {}
    for package in ("mkdocs", "mkdocs-material"):
        from importlib.metadata import version

        versions[package] = version(package)
    # A `git archive` copy is no checkout: its commit comes from --commit.
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip() or "unknown"
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem / 1024 / 1024, 1),
            "python": platform.python_version(), "system": platform.platform(),
            "commit": commit, **versions}


def markdown(builds: list[Build], info: dict[str, object]) -> str:
    lines = [
        f"Run {info['started']} – {info['finished']} UTC, commit {info['commit']}; "
        f"{info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB; load average "
        f"{info['load_before']} before, {info['load_after']} after; MkDocs {info['mkdocs']}, "
        f"Material {info['mkdocs-material']}, Python {info['python']}.",
        "",
        "| notices | site | build | time s | × plain | peak MB (tree) | peak PSS MB (tree) "
        "| largest process MB | site MB | files | bytes / notice | notice page KB "
        "| search index s | build waited s |",
        "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: |",
    ]
    plain = {(b.notices, b.kind): b.seconds for b in builds if b.site == "plain"}
    for b in builds:
        ratio = plain.get((b.notices, "warm" if b.kind in (RENDERED, DEPLOY, CHANGED) else b.kind))
        lines.append(
            f"| {b.notices:,} | {b.site} | {b.kind} | {b.seconds:.1f} | "
            f"{f'{b.seconds / ratio:.1f}×' if ratio else '–'} | {b.peak_tree_mb:,.0f} | "
            f"{'–' if b.peak_pss_mb is None else f'{b.peak_pss_mb:,.0f}'} | "
            f"{b.max_process_mb:,.0f} | {b.site_mb:,.1f} | {b.files:,} | "
            f"{b.bytes_per_notice:,} | {b.notice_page_kb:.1f} | "
            f"{'–' if b.search_s is None else f'{b.search_s:.1f}'} | "
            f"{'–' if b.search_wait_s is None else f'{b.search_wait_s:.1f}'} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "out" / "scale")
    parser.add_argument("--no-plain", dest="plain", action="store_false",
                        help="build only ours (no comparison)")
    parser.add_argument("--profile", action="store_true",
                        help="also profile a warm build of ours (cProfile)")
    parser.add_argument("--keep", action="store_true", help="keep the built sites")
    parser.add_argument("--commit", help="the commit measured, when this is a `git archive` "
                        "copy (not a checkout)")
    args = parser.parse_args(argv)
    args.out = args.out.resolve()  # the builds run in their own folders
    info: dict[str, object] = machine()
    if args.commit:
        info["commit"] = args.commit
    info["started"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M")
    info["load_before"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    builds = []
    for n in args.sizes:
        builds += bench_size(args.out, n, args.seed, args.plain, args.profile, args.keep)
    info["finished"] = dt.datetime.now(dt.UTC).strftime("%H:%M")
    info["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    info["command"] = " ".join(["benchmarks/scale_bench.py", *(argv or sys.argv[1:])])
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(
        json.dumps({"machine": info, "builds": [asdict(b) for b in builds]}, indent=2,
                   ensure_ascii=False), "utf-8")
    report = markdown(builds, info)
    (args.out / "results.md").write_text(report, "utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
