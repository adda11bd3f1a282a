"""Notice pages as files: YAML front-matter (the record) + the cleaned Markdown body."""

from __future__ import annotations

from typing import Any

import yaml

from .record import AgencyRef, Deadline, Policy, Record, Source

# libyaml's emitter when PyYAML has it (the wheels do): the same text as the pure-Python
# SafeDumper on the archive's records, ~6× faster (docs/scale.md, "Rendering speed").
_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def page_text(record: Record, body: str, extra: dict[str, Any] | None = None) -> str:
    meta = record.to_dict()
    if extra:
        meta.update(extra)
    front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{front}---\n\n{body}"


def record_from_dict(data: dict[str, Any]) -> Record:
    """Inverse of ``Record.to_dict`` (cache and front-matter readers)."""
    return Record(
        title=data.get("title"),
        doc_type=data.get("doc_type"),
        doc_number=data.get("doc_number"),
        province=data.get("province"),
        province_now=data.get("province_now"),
        date=data.get("date"),
        meeting_date=data.get("meeting_date"),
        chair=data.get("chair"),
        chair_role=data.get("chair_role"),
        signer=data.get("signer"),
        signer_capacity=data.get("signer_capacity"),
        topics=tuple(data.get("topics") or ()),
        agencies=tuple(AgencyRef(**a) for a in data.get("agencies") or ()),
        policies=tuple(
            Policy(**{**p, "quotes": tuple(p.get("quotes") or ())})
            for p in data.get("policies") or ()
        ),
        deadlines=tuple(Deadline(**d) for d in data.get("deadlines") or ()),
        source=Source(**data["source"]),
        id=data.get("id") or "",
        province_id=data.get("province_id"),
        province_now_id=data.get("province_now_id"),
        doc_symbol=data.get("doc_symbol"),
        author=data.get("author"),
        summary=data.get("summary"),
        corrected=tuple(data.get("corrected") or ()),
        topics_main=tuple(data.get("topics_main") or ()),
    )
