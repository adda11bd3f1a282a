"""Field completeness over records: which notices lack what, and what sidecars corrected.

Pure: records in, a report out. ``thongbao check`` prints it and the site's quality page
(``/chat-luong/``) shows it to editors. A missing field is never filled in here — an editor
completes it in the notice's sidecar.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .record import Record

# Fields whose absence makes a notice "incomplete" (one INFO line at build time): without
# them a notice cannot be placed in time, in a province, or under a leader.
ESSENTIAL: tuple[str, ...] = ("date", "province", "chair")
# Every field the report counts, in the order it prints them.
COUNTED: tuple[str, ...] = (
    "date", "province", "chair", "title", "doc_type", "doc_number", "signer", "meeting_date",
)
# What a reader of the quality page sees for each field.
FIELD_NAMES: dict[str, str] = {
    "date": "ngày ban hành",
    "province": "tỉnh",
    "chair": "người chủ trì",
    "title": "tiêu đề",
    "doc_type": "loại văn bản",
    "doc_number": "số hiệu",
    "signer": "người ký",
    "meeting_date": "ngày họp",
}


def missing_fields(record: Record, fields: Sequence[str] = ESSENTIAL) -> tuple[str, ...]:
    """The fields of ``fields`` that ``record`` leaves empty."""
    return tuple(name for name in fields if not getattr(record, name))


def incomplete_message(record: Record) -> str | None:
    """``incomplete: no date; no province`` — or None when every essential field is known."""
    missing = missing_fields(record)
    if not missing:
        return None
    return "incomplete: " + "; ".join(f"no {name.replace('_', ' ')}" for name in missing)


@dataclass(frozen=True)
class Incomplete:
    src: str  # the notice file, relative to the content folder
    url: str  # its page
    title: str | None
    missing: tuple[str, ...]  # essential fields it lacks


@dataclass(frozen=True)
class QualityReport:
    total: int
    lacking: dict[str, int]  # field → notices without it, for every COUNTED field
    corrected: dict[str, int]  # field → notices whose sidecar set it
    corrected_notices: int  # notices with at least one sidecar correction
    incomplete: tuple[Incomplete, ...]  # notices lacking an essential field, in file order


def quality_report(pages: Iterable[tuple[str, str, Record]]) -> QualityReport:
    """``pages``: (source file, page URL, record) of every notice built."""
    total = 0
    lacking = dict.fromkeys(COUNTED, 0)
    corrected: dict[str, int] = {}
    corrected_notices = 0
    incomplete = []
    for src, url, record in sorted(pages, key=lambda p: p[0]):
        total += 1
        for name in missing_fields(record, COUNTED):
            lacking[name] += 1
        for name in record.corrected:
            corrected[name] = corrected.get(name, 0) + 1
        corrected_notices += bool(record.corrected)
        missing = missing_fields(record)
        if missing:
            incomplete.append(Incomplete(src, url, record.title, missing))
    return QualityReport(total, lacking, dict(sorted(corrected.items())), corrected_notices,
                         tuple(incomplete))


def report_lines(report: QualityReport) -> list[str]:
    """The report as plain lines for the terminal (English: it is a developer tool)."""
    lines = [f"{report.total} notices"]
    for name in COUNTED:
        count = report.lacking[name]
        lines.append(f"  without {name}: {count} ({_percent(count, report.total)})")
    lines.append(f"  corrected by sidecar: {report.corrected_notices}"
                 + "".join(f"; {k} {v}" for k, v in report.corrected.items()))
    lines.append(f"{len(report.incomplete)} incomplete")
    for item in report.incomplete:
        lines.append(f"  {item.src}: " + "; ".join(f"no {m.replace('_', ' ')}"
                                                    for m in item.missing))
    return lines


def _percent(count: int, total: int) -> str:
    return f"{100 * count / total:.0f}%" if total else "0%"
