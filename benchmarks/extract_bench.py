"""Build-step benchmark: cold extraction rate and a no-change rerun (incremental cache).

    .venv/bin/python benchmarks/extract_bench.py [N] [--extraction-only] [--generated]
    .venv/bin/python benchmarks/extract_bench.py 1000 --generated --one-process

Makes a content folder with N notices (the five seeds and the test corpus, repeated, each copy
at its own path; with ``--generated``, N notices of ``gen_notices.py``, seed 1: the 12–20 KB
notices of the scale benchmark), then times extraction alone (decode + ``extract``, the build
step before the body HTML, duplicates and address evidence joined it; comparable with older
commits), then `build_pages` cold in one process (``--one-process``: stop there), cold with the
default pool (one worker per core) filling the cache, again with nothing changed, and after
touching one notice. CPU seconds (this process and its workers) are printed beside the wall
clock: on a shared machine they vary far less.
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from gen_notices import generate
from thongbao import citations
from thongbao.decoding import read_notice
from thongbao.extract import extract
from thongbao.pipeline import build_pages
from thongbao.programs import load_programs
from thongbao.record import Source
from thongbao.reference import load_reference

ROOT = Path(__file__).resolve().parents[1]


def make_content(dest: Path, n: int, generated: bool = False) -> None:
    if generated:
        generate(dest, n, seed=1)  # notices/ and a copy of content/reference
        return
    shutil.copytree(ROOT / "content" / "reference", dest / "reference")
    sources = sorted((ROOT / "content" / "notices").rglob("*.txt"))
    sources += sorted((ROOT / "tests" / "corpus" / "notices").glob("*.txt"))
    for i in range(n):
        src = sources[i % len(sources)]
        target = dest / "notices" / f"lo-{i // 500:03d}" / f"{i:05d}-{src.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        # Same text, distinct path: the cache key includes the path, so each is a cold miss.
        shutil.copyfile(src, target)


def extraction_only(content: Path, n: int) -> None:
    """Decode and extract every notice in one process (reference data loaded beforehand)."""
    reference = content / "reference"
    ref = load_reference(reference)
    vocab = citations.load_vocabulary(reference / "documents.yml")
    programs = load_programs(reference / "programs.yml")
    paths = sorted((content / "notices").rglob("*.txt"))
    started, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        decoded = read_notice(path)
        source = Source(path.name, "", None, decoded.encoding)
        extract(decoded.text, source, ref, vocab, programs)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    # CPU seconds too: on a shared machine they vary far less than the wall clock.
    print(f"{'extraction only':<22} {elapsed:7.2f} s  {n / elapsed:8.1f} notices/s  "
          f"cpu {cpu:.2f} s = {n / cpu:.1f} notices/cpu-s")


def cpu_seconds() -> float:
    """CPU of this process and of its finished children (the pool's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(
    label: str, content: Path, cache: Path | None, n: int, workers: int | None = None
) -> None:
    started, cpu = time.perf_counter(), cpu_seconds()
    result = build_pages(content, None, cache, workers=workers)
    elapsed, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    print(f"{label:<22} {elapsed:7.2f} s  {n / elapsed:8.1f} notices/s  "
          f"cpu {cpu:.2f} s = {n / cpu:.1f} notices/cpu-s  "
          f"extracted={result.extracted} cached={result.from_cache} "
          f"problems={len(result.problems)}")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 1000
    with tempfile.TemporaryDirectory() as tmp:
        content, cache = Path(tmp) / "content", Path(tmp) / "cache"
        make_content(content, n, generated="--generated" in sys.argv)
        extraction_only(content, n)
        if "--extraction-only" in sys.argv:
            return
        timed("cold, one process", content, None, n, workers=1)
        if "--one-process" in sys.argv:
            return
        timed("cold (empty cache)", content, cache, n)
        timed("no change", content, cache, n)
        one = next((content / "notices").rglob("*.txt"))
        one.write_text(one.read_text(encoding="utf-8") + "\nSửa.\n", encoding="utf-8")
        timed("one notice changed", content, cache, n)


if __name__ == "__main__":
    main()
