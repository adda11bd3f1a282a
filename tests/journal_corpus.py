"""The repository's real texts (content/notices seeds + tests/corpus) extracted once, for the
journalism tests and measurements (tasks, topics, figures, charts, chairs)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from thongbao.citations import load_vocabulary
from thongbao.decoding import read_notice
from thongbao.extract import Extraction, extract
from thongbao.programs import load_programs
from thongbao.record import Record, Source
from thongbao.reference import load_reference

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "content" / "reference"
NOTICES = ROOT / "content" / "notices"
CORPUS = Path(__file__).parent / "corpus" / "notices"


def notice_paths() -> list[Path]:
    """Seeds first, then the corpus, each sorted: a stable order for every measurement."""
    seeds = sorted(p for p in NOTICES.rglob("*.txt"))
    corpus = sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".md", ".html"})
    return seeds + corpus


@lru_cache(maxsize=1)
def extractions() -> dict[str, Extraction]:
    """File name → extraction, for every real text of the repository."""
    ref = load_reference(REFERENCE)
    vocab = load_vocabulary(REFERENCE / "documents.yml")
    programs = load_programs(REFERENCE / "programs.yml")
    out: dict[str, Extraction] = {}
    for path in notice_paths():
        data = path.read_bytes()
        source = Source(path.name, hashlib.sha256(data).hexdigest())
        out[path.name] = extract(read_notice(path).text, source, ref, vocab, programs)
    return out


def records() -> list[Record]:
    return [e.record for e in extractions().values()]
