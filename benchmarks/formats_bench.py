"""PDF and Word intake: extraction time per notice against .txt, and the PDF library comparison.

    .venv/bin/python benchmarks/formats_bench.py [--runs 5]

Needs the bench extra for the comparison (``pip install -c constraints.txt -e '.[bench]'``:
pypdf, pdfplumber); without it only pypdfium2 is measured. Fixtures: tests/data/formats/.
Accuracy is measured against each seed's own text (Markdown marks removed): the share of its
words found in order (difflib on word lists) and the share of its words with diacritics found
(multiset), on the library's plain output, NFC-normalised; "NFC as given" says whether the raw
output needed that.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import hashlib
import importlib.metadata
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "build"))

from thongbao.citations import load_vocabulary  # noqa: E402
from thongbao.decoding import read_notice  # noqa: E402
from thongbao.extract import extract  # noqa: E402
from thongbao.programs import load_programs  # noqa: E402
from thongbao.record import Source  # noqa: E402
from thongbao.reference import load_reference  # noqa: E402

FORMATS = ROOT / "tests" / "data" / "formats"
NOTICES = ROOT / "content" / "notices"
REF = ROOT / "content" / "reference"


def _seeds() -> list[tuple[str, Path]]:
    expected = yaml.safe_load((ROOT / "tests" / "data" / "seeds_expected.yaml").read_text())
    return [(Path(e["file"]).stem, NOTICES / e["path"]) for e in expected]


def _time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def extraction_times(runs: int) -> None:
    ref, vocab, programs = load_reference(REF), load_vocabulary(REF / "documents.yml"), \
        load_programs(REF / "programs.yml")

    def job(path: Path) -> None:
        decoded = read_notice(path)
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        extract(decoded.text, Source(path.name, sha), ref, vocab, programs)

    print("| seed | .txt ms | .pdf ms | .docx ms | pages |")
    print("| --- | ---: | ---: | ---: | ---: |")
    import pypdfium2

    for stem, txt in _seeds():
        pdf, docx = FORMATS / f"{stem}.pdf", FORMATS / f"{stem}.docx"
        pages = len(pypdfium2.PdfDocument(pdf.read_bytes()))
        row = [_time(lambda p=p: job(p), runs) * 1000 for p in (txt, pdf, docx)]
        print(f"| {stem} | {row[0]:.1f} | {row[1]:.1f} | {row[2]:.1f} | {pages} |")


def _plain(text: str) -> str:
    text = re.sub(r"^#{1,6} ", "", text, flags=re.M).replace("**", "")
    return re.sub(r"(?<!\w)\*([^*\n]+)\*(?!\w)", r"\1", text)


def _pypdfium2(data: bytes) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def _pypdf(data: bytes) -> str:
    import io

    import pypdf

    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def _pdfplumber(data: bytes) -> str:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


def _size(dist: str, seen: set[str]) -> int:
    """Installed bytes of a distribution and its dependencies (each counted once)."""
    if dist.lower() in seen:
        return 0
    seen.add(dist.lower())
    try:
        d = importlib.metadata.distribution(dist)
    except importlib.metadata.PackageNotFoundError:
        return 0
    total = sum(Path(d.locate_file(f)).stat().st_size for f in d.files or []
                 if Path(d.locate_file(f)).exists())
    for req in d.requires or []:
        if "extra ==" in req:
            continue
        total += _size(re.split(r"[ ;<>=!~\[(]", req, maxsplit=1)[0], seen)
    return total


def library_comparison(runs: int) -> None:
    libs = {"pypdfium2": _pypdfium2, "pypdf": _pypdf, "pdfplumber": _pdfplumber}
    print("| library | version | words in order | words with diacritics | NFC as given | "
          "ms per PDF | install MB (with deps) |")
    print("| --- | --- | ---: | ---: | --- | ---: | ---: |")
    for name, fn in libs.items():
        try:
            version = importlib.metadata.version(name)
            fn((FORMATS / "scan.pdf").read_bytes())
        except (importlib.metadata.PackageNotFoundError, ImportError):
            print(f"| {name} | not installed | | | | | |")
            continue
        order, marks, nfc, times = [], [], True, []
        for stem, txt in _seeds():
            data = (FORMATS / f"{stem}.pdf").read_bytes()
            raw = fn(data)
            nfc = nfc and raw == unicodedata.normalize("NFC", raw)
            got = unicodedata.normalize("NFC", raw).split()
            want = _plain(read_notice(txt).text).split()
            order.append(difflib.SequenceMatcher(None, want, got, autojunk=False).ratio())
            accented = [w for w in want if not w.isascii()]
            found = collections.Counter(got)
            hits = sum(min(n, found[w]) for w, n in collections.Counter(accented).items())
            marks.append(hits / len(accented))
            times.append(_time(lambda d=data, f=fn: f(d), runs) * 1000)
        size = _size(name, set()) / 1e6
        print(f"| {name} | {version} | {statistics.mean(order):.3f} | "
              f"{statistics.mean(marks):.3f} | {'yes' if nfc else 'no'} | "
              f"{statistics.mean(times):.1f} | {size:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("## Decode + extract per notice (median of", args.runs, "runs)\n")
    extraction_times(args.runs)
    print("\n## PDF libraries on the five seed PDFs\n")
    library_comparison(args.runs)


if __name__ == "__main__":
    main()
