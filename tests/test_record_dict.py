"""``Record.to_dict``: plain data in schema order, exactly what ``dataclasses.asdict`` with
tuples turned into lists gives (the exports, the cache and the pages are written from it)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

from sitebuild import ROOT, SEEDS
from thongbao.pipeline import build_pages
from thongbao.record import EXTRA_KEYS, SCHEMA_KEYS, AgencyRef, Deadline, Policy, Record, Source


def _lists(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    return value


def _reference(record: Record, extras: bool = True) -> dict[str, Any]:
    whole = _lists(dataclasses.asdict(record))
    keys = SCHEMA_KEYS + (EXTRA_KEYS if extras else ())
    return {key: whole[key] for key in keys}


def test_the_seeds_records_are_asdict_with_lists_in_schema_order(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "reference", content / "reference")
    for rel in SEEDS:
        (content / "notices" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "content" / "notices" / rel, content / "notices" / rel)
    records = [p.record for p in build_pages(content, workers=1).pages]
    assert len(records) == len(SEEDS)
    for record in records:
        for extras in (True, False):
            plain = record.to_dict(extras=extras)
            assert plain == _reference(record, extras)
            assert list(plain) == list(SCHEMA_KEYS + (EXTRA_KEYS if extras else ()))


def test_every_kind_of_value_comes_out_plain() -> None:
    record = Record(
        title="Thông báo", doc_type="thong_bao", doc_number=None, province="Lào Cai",
        province_now=None, date="2025-03-01", meeting_date=None, chair=None, chair_role=None,
        signer=None, signer_capacity=None, topics=("y-te", "giao-duc"),
        agencies=(AgencyRef("so-y-te", "Sở Y tế"),),
        policies=(Policy("68-nq-cp-2025", "68/NQ-CP", 2025, "CP", quotes=("Câu trích.",)),
                  Policy("x", "12/KH-UBND", None, None, local=True, kind="program")),
        deadlines=(Deadline("2025-04", None, "Báo cáo"),),
        source=Source("a.txt", "0" * 64, encoding="utf-8"), corrected=(), topics_main=("y-te",),
    )
    plain = record.to_dict()
    assert plain == _reference(record)
    assert plain["policies"][0]["quotes"] == ["Câu trích."]
    assert plain["policies"][1]["year"] is None and plain["policies"][1]["local"] is True
    assert plain["corrected"] == [] and type(plain["topics"]) is list
