"""``mkdocs build`` after one changed notice, ``--runs`` times, with the CPU of every process.

    PYTHONPATH=<code>/build:<code>/plugins .venv/bin/python benchmarks/mkdocs_one_change.py \\
        PROJECT --runs 3

PROJECT is a site folder of ``benchmarks/scale_bench.py --keep`` (``OUT/n10000/ours``) whose
caches a build with the same code has filled. Each run appends a task sentence (numbered by
the run) to the same notice — the middle one in path order, as scale_bench's *one notice
changed* — and runs ``mkdocs build`` as scale_bench does (same environment, the next
deploy's originals address). Printed per run: wall seconds, CPU seconds of the whole process
tree (this script becomes the subreaper of the build, so the pools' processes, children of a
fork server, are reaped here and counted), the load average at the start, and the build's
search line. Wall seconds move with the machine; compare CPU seconds of alternating runs.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_bench import NEXT_ORIGINALS, build_env

PR_SET_CHILD_SUBREAPER = 36
SEARCH_LINE = re.compile(r"search: .*")


def _subreaper() -> None:
    """Orphans of the build (a fork server's workers outlive their parent's wait) come to this
    process, so that their CPU reaches ``RUSAGE_CHILDREN``."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER)")


def _reap_all() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, 0)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(project: Path, notice: Path, run: int) -> tuple[float, float, str]:
    with notice.open("a", encoding="utf-8") as text:
        text.write(f"\n\nGiao Sở Tài chính chủ trì rà soát lần {run}, báo cáo UBND tỉnh "
                   "trước ngày 30/12/2021.\n")
    cpu_before = _cpu()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "mkdocs", "build"], cwd=project,
                                 env=build_env(NEXT_ORIGINALS), stdout=subprocess.DEVNULL,
                                 stderr=err)
        code = child.wait()
        wall = time.perf_counter() - started
        _reap_all()
        err.seek(0)
        log = err.read()
    if code:
        raise SystemExit(f"mkdocs build failed in {project}:\n{log[-3000:]}")
    found = SEARCH_LINE.search(log)
    return wall, _cpu() - cpu_before, found.group(0) if found else "(no search line)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--first", type=int, default=1,
                        help="number of the first run (each run's sentence differs)")
    args = parser.parse_args()
    _subreaper()
    notices = sorted((args.project / "content" / "notices").rglob("*.txt"))
    notice = notices[len(notices) // 2]
    for run in range(args.first, args.first + args.runs):
        load = os.getloadavg()[0]
        wall, cpu, search = run_once(args.project, notice, run)
        print(f"run {run}: wall {wall:.1f} s, CPU {cpu:.1f} s (load {load:.2f}); {search}",
              flush=True)


if __name__ == "__main__":
    main()
