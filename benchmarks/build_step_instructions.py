"""Instructions a notice of the build step executes, counted by callgrind: an A/B the machine's
load does not move (CPU seconds on a shared machine swing by a third from run to run).

    benchmarks/build_step_instructions.py [--code DIR ...] [--small 10] [--large 40]

For each code folder (a checkout or a ``git archive``; default this one), runs ``valgrind
--tool=callgrind`` on one process calling ``build_pages(content, None, None, workers=1)`` over
the first SMALL and then the first LARGE notices of ``gen_notices.py`` (seed 1, path order),
with this checkout's reference data; prints the instructions of each run (``Ir``) and
``(large − small) / (LARGE − SMALL)``: the build step of one notice without the start-up
(imports, reference data). Needs valgrind; a few minutes per code folder.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from gen_notices import generate

ROOT = Path(__file__).resolve().parents[1]
_COLLECTED = re.compile(r"Collected : (\d+)")
_RUN = (
    "import sys; from pathlib import Path; from thongbao.pipeline import build_pages; "
    "build_pages(Path(sys.argv[1]), None, None, workers=1)"
)


def first_notices(generated: Path, dest: Path, count: int) -> None:
    """A content folder with the reference data and the first ``count`` notices."""
    shutil.copytree(ROOT / "content" / "reference", dest / "reference")
    for path in sorted((generated / "notices").rglob("*.txt"))[:count]:
        target = dest / "notices" / path.relative_to(generated / "notices")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def instructions(code: Path, content: Path) -> int:
    env = dict(os.environ, PYTHONPATH=str(code / "build"), PYTHONHASHSEED="0")
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         sys.executable, "-c", _RUN, str(content)],
        env=env, capture_output=True, text=True, check=True,
    )
    found = _COLLECTED.search(done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, nargs="+", default=[ROOT])
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--large", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp) / "gen", args.large, seed=1)
        small, large = Path(tmp) / "small", Path(tmp) / "large"
        first_notices(Path(tmp) / "gen", small, args.small)
        first_notices(Path(tmp) / "gen", large, args.large)
        print(f"| code | Ir, {args.small} notices | Ir, {args.large} notices | Ir per notice |")
        print("| --- | ---: | ---: | ---: |")
        for code in args.code:
            few, many = instructions(code, small), instructions(code, large)
            per = (many - few) / (args.large - args.small)
            print(f"| {code} | {few:,} | {many:,} | {per / 1e6:.1f} M |", flush=True)


if __name__ == "__main__":
    main()
