"""Build-step benchmark: cold extraction rate and a no-change rerun (incremental cache).

    .venv/bin/python benchmarks/extract_bench.py [N] [--extraction-only]

Makes a content folder with N notices (the five seeds and the test corpus, repeated, each copy
at its own path), then times extraction alone (decode + ``extract``, the build step before the
body HTML, duplicates and address evidence joined it; comparable with older commits), then
`build_pages` cold in one process, cold with the default pool (one
worker per core) filling the cache, again with nothing changed, and after touching one notice.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from thongbao import citations
from thongbao.decoding import read_notice
from thongbao.extract import extract
from thongbao.pipeline import build_pages
from thongbao.programs import load_programs
from thongbao.record import Source
from thongbao.reference import load_reference

ROOT = Path(__file__).resolve().parents[1]


def make_content(dest: Path, n: int) -> None:
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


def timed(
    label: str, content: Path, cache: Path | None, n: int, workers: int | None = None
) -> None:
    started = time.perf_counter()
    result = build_pages(content, None, cache, workers=workers)
    elapsed = time.perf_counter() - started
    print(f"{label:<22} {elapsed:7.2f} s  {n / elapsed:8.1f} notices/s  "
          f"extracted={result.extracted} cached={result.from_cache} "
          f"problems={len(result.problems)}")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 1000
    with tempfile.TemporaryDirectory() as tmp:
        content, cache = Path(tmp) / "content", Path(tmp) / "cache"
        make_content(content, n)
        extraction_only(content, n)
        if "--extraction-only" in sys.argv:
            return
        timed("cold, one process", content, None, n, workers=1)
        timed("cold (empty cache)", content, cache, n)
        timed("no change", content, cache, n)
        one = next((content / "notices").rglob("*.txt"))
        one.write_text(one.read_text(encoding="utf-8") + "\nSửa.\n", encoding="utf-8")
        timed("one notice changed", content, cache, n)


if __name__ == "__main__":
    main()
