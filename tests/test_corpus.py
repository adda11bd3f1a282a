"""The hand-labelled test corpus (tests/corpus/, see its README) against the extractor.

Written and labelled independently of the extractor; field by field as for the seeds.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml
from expectations import differences
from thongbao.decoding import read_notice
from thongbao.extract import extract
from thongbao.programs import _key, load_programs
from thongbao.record import Source

CORPUS = Path(__file__).parent / "corpus"
PROGRAMS = load_programs(Path(__file__).resolve().parents[1] / "content/reference/programs.yml")
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))


def test_corpus_is_large_enough():
    assert len(EXPECTED) >= 20


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_corpus_notice_matches_labels(expected, ref, vocab):
    path = CORPUS / "notices" / expected["file"]
    decoded = read_notice(path)
    source = Source(path.name, hashlib.sha256(path.read_bytes()).hexdigest())
    record = extract(decoded.text, source, ref, vocab, PROGRAMS).record.to_dict()
    labels = dict(expected)
    if "text_date" in labels:  # the label "date" is the sidecar's; the bare text says this
        labels["date"] = labels["text_date"]
    assert differences(record, labels, lambda name: PROGRAMS.by_key.get(_key(name))) == []
