"""The five real seed notices against their hand-checked labels, field by field."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from expectations import SCALARS, differences
from thongbao.decoding import read_notice
from thongbao.extract import extract
from thongbao.programs import _key, load_programs
from thongbao.record import SCHEMA_KEYS, Source

ROOT = Path(__file__).resolve().parents[1]
NOTICES = ROOT / "content" / "notices"
PROGRAMS = load_programs(Path(__file__).resolve().parents[1] / "content/reference/programs.yml")
EXPECTED = yaml.safe_load((Path(__file__).parent / "data" / "seeds_expected.yaml").read_text())


def _record(path: Path, ref, vocab) -> dict:
    decoded = read_notice(path)
    source = Source(path.name, hashlib.sha256(path.read_bytes()).hexdigest())
    return extract(decoded.text, source, ref, vocab, PROGRAMS).record.to_dict()


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_seed_matches_labels(expected, ref, vocab):
    record = _record(NOTICES / expected["path"], ref, vocab)
    assert differences(record, expected, lambda name: PROGRAMS.by_key.get(_key(name))) == []


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_seed_scalars_are_checked(expected):
    # Guard against a vacuous comparison: every seed label names the core scalars.
    assert {"title", "province", "date", "chair", "doc_type"} <= set(expected) & set(SCALARS)


def test_seeds_are_the_shared_files_unchanged():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared not beside the checkout")
    for expected in EXPECTED:
        assert (NOTICES / expected["path"]).read_bytes() == (shared / expected["file"]).read_bytes()


@pytest.mark.parametrize("expected", EXPECTED[:5], ids=[e["file"] for e in EXPECTED[:5]])
def test_cli_extract_prints_schema_json(expected):
    proc = subprocess.run(
        [sys.executable, "-m", "thongbao.cli", "extract", str(NOTICES / expected["path"])],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    data = json.loads(proc.stdout)
    assert list(data) == list(SCHEMA_KEYS)
    assert data["province"] == expected["province"]
    assert all(set(a) == {"id", "name"} for a in data["agencies"])
    assert all({"id", "symbol", "year", "issuer"} <= set(p) for p in data["policies"])
    assert all(set(d) == {"date", "agency", "task"} for d in data["deadlines"])
    assert data["source"]["sha256"] == hashlib.sha256(
        (NOTICES / expected["path"]).read_bytes()).hexdigest()


def test_cli_extract_unreadable_file_fails_with_one_line(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for target in (empty, tmp_path / "missing.txt"):
        proc = subprocess.run(
            [sys.executable, "-m", "thongbao.cli", "extract", str(target)],
            capture_output=True, text=True, cwd=ROOT,
        )
        assert proc.returncode != 0
        assert proc.stdout == ""
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and str(target) in lines[0]
