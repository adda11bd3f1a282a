"""``thongbao build`` after one changed notice: edit a notice, time the command, ``--runs`` times.

    PYTHONPATH=<code>/build:<code>/plugins .venv/bin/python benchmarks/one_change.py \\
        CONTENT OUT CACHE --runs 5

CONTENT, OUT and CACHE are those of a cold ``thongbao build`` made before with the same code
(``python -m thongbao.cli build --content CONTENT --out OUT --cache CACHE``). Each run appends
a line to the same notice (the 500th in path order, or ``--notice``) and runs that command in a
child process (the code on this process's ``PYTHONPATH``); it prints the wall and CPU seconds
of the child, its largest resident set, the load average at its start and the command's own
summary line (docs/scale.md, "One changed notice").
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _notice(content: Path, number: int) -> Path:
    notices = sorted(p for p in (content / "notices").rglob("*.txt"))
    return notices[min(number, len(notices)) - 1]


def _run(command: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds (user + system), largest RSS in MB, the summary line — of
    this child alone (``wait4``), not of every child so far as RUSAGE_CHILDREN would say."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        err.seek(0)
        lines = err.read().strip().splitlines()
    if child.returncode:
        raise SystemExit("\n".join(lines[-20:]))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, lines[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("content", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("cache", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--notice", type=int, default=500, help="which notice to edit (1-based)")
    args = parser.parse_args()
    notice = _notice(args.content, args.notice)
    command = [sys.executable, "-m", "thongbao.cli", "build", "--content", str(args.content),
               "--out", str(args.out), "--cache", str(args.cache)]
    print(f"editing {notice}")
    for _ in range(args.runs):
        with notice.open("a", encoding="utf-8") as file:
            file.write(f"\nGhi chú sửa đổi {time.time_ns()}.\n")
        load = os.getloadavg()[0]
        wall, cpu, rss, summary = _run(command)
        print(f"wall {wall:.2f} s, CPU {cpu:.2f} s, max RSS {rss} MB, load {load:.2f}: {summary}")


if __name__ == "__main__":
    main()
