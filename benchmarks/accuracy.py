"""Per-field extraction accuracy over every hand-labelled text, and how many texts are refused.

    .venv/bin/python benchmarks/accuracy.py [--reference DIR] [--detail]

Corpora: the seeds (tests/data/seeds_expected.yaml → content/notices), the invented corpus
(tests/corpus/expected.yaml) and the real-shaped corpus (tests/corpus/real/expected.yaml).
Each text is extracted alone, with its sidecar's ``source_url`` as evidence where the build
step would have it (no other sidecar field: this measures extraction, not editors).
Scalars: share of labelled texts whose value matches exactly (a label of null counts: the
extractor must leave it null). Policies, agencies, deadlines: precision / recall / F1 over
all (text, item) pairs.

To measure another version of the build step, put its ``build/`` first on PYTHONPATH:
``PYTHONPATH=/tmp/base/build python benchmarks/accuracy.py \
--reference /tmp/base/content/reference``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import inspect
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # expectations.py: the tests' own comparison rules

from expectations import SCALARS, expected_policies, found_policies  # noqa: E402

SCALAR_FIELDS = tuple(SCALARS)


@dataclass(frozen=True)
class Labelled:
    corpus: str
    path: Path
    labels: dict[str, Any]


def labelled_texts() -> list[Labelled]:
    out: list[Labelled] = []
    seeds = yaml.safe_load((ROOT / "tests/data/seeds_expected.yaml").read_text(encoding="utf-8"))
    for e in seeds:
        out.append(Labelled("seeds", ROOT / "content/notices" / e["path"], e))
    old = yaml.safe_load((ROOT / "tests/corpus/expected.yaml").read_text(encoding="utf-8"))
    for e in old:
        out.append(Labelled("corpus", ROOT / "tests/corpus/notices" / e["file"], _text_labels(e)))
    real_dir = ROOT / "tests/corpus/real"
    real_file = real_dir / "expected.yaml"
    if real_file.is_file():
        for e in yaml.safe_load(real_file.read_text(encoding="utf-8")) or []:
            out.append(Labelled("real", real_path(real_dir, e["file"]), _text_labels(e)))
    return out


def real_path(real_dir: Path, name: str) -> Path:
    for candidate in (real_dir / "notices" / name, real_dir / name):
        if candidate.exists():
            return candidate
    return real_dir / "notices" / name


def _text_labels(e: dict[str, Any]) -> dict[str, Any]:
    """Labels of what the text (and its address) says: ``text_date`` when a sidecar corrects
    the date."""
    labels = dict(e)
    if "text_date" in labels:
        labels["date"] = labels["text_date"]
    return labels


def sidecar_url(path: Path) -> str | None:
    for suffix in (".yml", ".yaml"):
        side = path.with_suffix(suffix)
        if side.is_file():
            data = yaml.safe_load(side.read_text(encoding="utf-8-sig")) or {}
            if isinstance(data, dict) and isinstance(data.get("source_url"), str):
                return data["source_url"]
    return None


class Extractor:
    """Whatever version of ``thongbao`` is importable, called the way it supports."""

    def __init__(self, reference: Path) -> None:
        from thongbao import citations
        from thongbao.extract import extract
        from thongbao.programs import load_programs
        from thongbao.reference import load_reference

        self.ref = load_reference(reference)
        self.vocab = citations.load_vocabulary(reference / "documents.yml")
        self.programs = load_programs(reference / "programs.yml")
        self.extract = extract
        self.kwargs: dict[str, Any] = {}
        if "portals" in inspect.signature(extract).parameters:
            from thongbao.sources import load_portals

            self.kwargs["portals"] = load_portals(reference / "portals.yml")

    def record(self, path: Path) -> dict[str, Any]:
        from thongbao.decoding import read_notice
        from thongbao.record import Source

        decoded = read_notice(path)
        url, kwargs = sidecar_url(path), dict(self.kwargs)
        if kwargs and decoded.fmt == "html":
            from thongbao.sources import page_address

            page_url, kwargs["page_title"] = page_address(path.read_bytes().decode("utf-8",
                                                                                   "replace"))
            url = url or page_url
        source = Source(path.name, hashlib.sha256(path.read_bytes()).hexdigest(), url,
                        decoded.encoding)
        result = self.extract(decoded.text, source, self.ref, self.vocab, self.programs,
                              **kwargs)
        return result.record.to_dict()


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@dataclass
class Score:
    right: int = 0
    total: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add_sets(self, want: set, got: set) -> None:
        self.tp += len(want & got)
        self.fp += len(got - want)
        self.fn += len(want - got)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def score(texts: list[Labelled], extractor: Extractor, detail: bool) -> None:
    scalars = {name: Score() for name in SCALAR_FIELDS}
    sets = {name: Score() for name in ("policies", "agencies", "deadlines")}
    refused: list[str] = []
    per_corpus: Counter[str] = Counter()
    for item in texts:
        per_corpus[item.corpus] += 1
        labels = item.labels
        try:
            record = extractor.record(item.path)
        except Exception as exc:  # a refusal of any kind is what we count
            refused.append(f"{item.corpus}/{item.path.name}: {exc}")
            record = None
        for name in SCALAR_FIELDS:
            if name not in labels:
                continue
            scalars[name].total += 1
            got = record.get(name) if record else None
            if got == _plain(labels[name]):
                scalars[name].right += 1
            elif detail:
                print(f"  {item.path.name} {name}: want {_plain(labels[name])!r} got {got!r}")
        if record is None:
            record = {"policies": [], "agencies": [], "deadlines": []}
        sets["policies"].add_sets(expected_policies(labels), found_policies(record))
        sets["agencies"].add_sets(set(labels.get("agencies") or []),
                                  {a["name"] for a in record["agencies"]})
        sets["deadlines"].add_sets({str(_plain(d)) for d in labels.get("deadlines") or []},
                                   {d["date"] for d in record["deadlines"]})
    print(f"texts: {len(texts)} ({', '.join(f'{k} {v}' for k, v in per_corpus.items())})")
    print(f"refused: {len(refused)}")
    for line in refused:
        print(f"  {line}")
    for name, s in scalars.items():
        if s.total:
            print(f"{name:16} {s.right:3}/{s.total:<3} {100 * s.right / s.total:5.1f}%")
    for name, s in sets.items():
        p, r, f = s.prf()
        print(f"{name:16} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {s.tp}, fp {s.fp}, fn {s.fn})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reference", default=str(ROOT / "content/reference"))
    parser.add_argument("--corpus", choices=("seeds", "corpus", "real"), action="append",
                        help="only these corpora (repeatable); default all")
    parser.add_argument("--detail", action="store_true", help="print every wrong scalar")
    args = parser.parse_args()
    texts = [t for t in labelled_texts() if not args.corpus or t.corpus in args.corpus]
    extractor = Extractor(Path(args.reference))
    import thongbao

    print(f"thongbao from {Path(thongbao.__file__).parent}")
    score(texts, extractor, args.detail)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
