"""Field-by-field comparison of an extracted record with a hand-labelled expectation.

Used for the five seeds (tests/data/seeds_expected.yaml) and the corpus (tests/corpus/).
Scalars compare exactly; policies, agencies and deadlines as sets (every label found, nothing
spurious); topics: every labelled topic is assigned.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

SCALARS = (
    "doc_type", "doc_number", "title", "province", "province_now", "date", "meeting_date",
    "chair", "chair_role", "signer", "signer_capacity", "author",
)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def expected_policies(expected: dict) -> set[tuple]:
    return {
        (p["symbol"], p.get("year"), p.get("issuer"), bool(p.get("local", False)))
        for p in expected.get("policies") or []
    }


def found_policies(record: dict) -> set[tuple]:
    return {
        (p["symbol"], p.get("year"), p.get("issuer"), bool(p.get("local", False)))
        for p in record["policies"]
        if p.get("kind", "document") == "document"
    }


def differences(record: dict, expected: dict, program_id=None) -> list[str]:
    """Every way ``record`` (Record.to_dict()) disagrees with ``expected``; empty when none.

    ``program_id`` maps a labelled programme name to its id (labels name programmes freely:
    "OCOP", "Chương trình mục tiêu quốc gia"); every labelled programme must be found.
    """
    out = []
    if program_id is not None:
        found = {p["id"] for p in record["policies"] if p.get("kind") == "program"}
        for label in expected.get("programs") or []:
            if program_id(label) not in found:
                out.append(f"programme missing: {label}")
    for key in SCALARS:
        if key not in expected:
            continue
        want, got = _plain(expected[key]), record.get(key)
        if want != got:
            out.append(f"{key}: expected {want!r}, got {got!r}")
    want_p, got_p = expected_policies(expected), found_policies(record)
    for p in sorted(want_p - got_p, key=str):
        out.append(f"policy missing: {p}")
    for p in sorted(got_p - want_p, key=str):
        out.append(f"policy spurious: {p}")
    want_a = set(expected.get("agencies") or [])
    got_a = {a["name"] for a in record["agencies"]}
    for a in sorted(want_a - got_a):
        out.append(f"agency missing: {a}")
    for a in sorted(got_a - want_a):
        out.append(f"agency spurious: {a}")
    want_d = {_plain(d) for d in expected.get("deadlines") or []}
    got_d = {d["date"] for d in record["deadlines"]}
    for d in sorted(want_d - got_d):
        out.append(f"deadline missing: {d}")
    for d in sorted(got_d - want_d):
        out.append(f"deadline spurious: {d}")
    names = {a["id"]: a["name"] for a in record["agencies"]}
    for date, agencies in (expected.get("deadline_agencies") or {}).items():
        got_agencies = {names.get(d["agency"], d["agency"]) for d in record["deadlines"]
                        if d["date"] == _plain(date)}
        for agency in agencies if isinstance(agencies, list) else [agencies]:
            if agency not in got_agencies:
                out.append(f"deadline {_plain(date)}: expected body {agency!r}, "
                           f"got {got_agencies}")
    missing_topics = set(expected.get("topics_include") or []) - set(record["topics"])
    for t in sorted(missing_topics):
        out.append(f"topic missing: {t}")
    return out
