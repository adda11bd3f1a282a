"""The one document a news item reports: its type, number and issue date.

Portal news about a letter or a directive names it in its lead — ``Ngày 12/4/2022, UBND tỉnh
Bắc Kạn ban hành Công văn số 1234/UBND-VX về việc …``, ``Văn bản số 15/CT-UBND …`` — or in a
trailing credit — ``(Theo Công văn số 2020/UBND-KT ngày 5/4/2022)``, ``(Nguồn: CV 88/UBND-VP)``.
That document is the notice's own (its type, its number, its date), not a cited policy. Only the
provincial committee, its chair or its office issue the notices of this archive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .dates import find_dates, yearless_dates

_TYPES = {
    "công văn": "Công văn", "cv": "Công văn", "văn bản": "Công văn", "vb": "Công văn",
    "chỉ thị": "Chỉ thị", "quyết định": "Quyết định", "kế hoạch": "Kế hoạch",
    "thông báo kết luận": "Thông báo", "thông báo": "Thông báo", "công điện": "Công điện",
    "kết luận": "Kết luận",
}  # fmt: skip
_TYPE = r"(?P<type>Công văn|CV|Văn bản|VB|Chỉ thị|Quyết định|Kế hoạch|Thông báo kết luận|" \
        r"Thông báo|Công điện|Kết luận)"
_NUMBER = (
    r"(?:số\s*:?\s*)?(?P<num>\d{1,6})\s*/\s*"
    r"(?P<sym>(?:\d{4}/)?[A-ZĐa-zđ&]+(?:-[A-ZĐa-zđ&]+)+)"
)
_ISSUER = (
    r"(?:(?:Chủ tịch|Văn phòng|Thường trực)\s+)?(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+"
    r"(?:tỉnh|thành phố|TP\.?)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,8}"
)
# "UBND tỉnh … (vừa|đã) ban hành Công văn số …"
_LEAD = re.compile(
    rf"{_ISSUER}\s*(?:đã\s+|vừa\s+|mới\s+|có\s+)*"
    rf"(?:ký\s+(?:ban hành\s+)?|(?:ban hành|có|gửi|phát hành|ra)\s+){_TYPE}\s+{_NUMBER}",
)
# "Thực hiện chỉ đạo của UBND tỉnh tại Văn bản số 5631/UBND-GTCNXD ngày 26/9/2022, …"
_DIRECTED_IN = re.compile(
    rf"(?:chỉ đạo|yêu cầu|đề nghị)\s+của\s+{_ISSUER}\s+(?:tại|theo)\s+{_TYPE}\s+{_NUMBER}"
)
# A lead that opens with the document: "Văn bản số 15/CT-UBND …", "Công văn số …".
_OPENING = re.compile(rf"^\W*(?:Theo\s+)?{_TYPE}\s+{_NUMBER}")
# "Chỉ đạo này được nêu tại Văn bản số 1342/UBND-KT ngày 9/4 của UBND tỉnh …"
_NAMED_AFTER = re.compile(
    rf"(?:nêu tại|nêu trong|tại|theo)\s+{_TYPE}\s+{_NUMBER}(?:\s*,?\s*ngày\s+[\d/.-]+)?"
    rf"\s+của\s+{_ISSUER}",
)
_CREDIT = re.compile(
    rf"\(\s*(?:Theo|Nguồn)\s*:?\s*{_TYPE}\s+{_NUMBER}(?P<rest>[^)]*)\)", re.IGNORECASE
)


@dataclass(frozen=True)
class Reported:
    doc_type: str
    number: str  # "1234"
    symbol: str  # "UBND-VX", "2022/QĐ-UBND"
    date: str | None  # the issue date the text gives, if any


def reported_document(
    opening: list[str], closing: list[str], context: str | None
) -> Reported | None:
    """The document a news item is about, from its first paragraphs (``opening``) or a
    trailing credit in its last ones (``closing``); ``context`` dates yearless days."""
    for text in opening:
        m = (_LEAD.search(text) or _OPENING.match(text) or _NAMED_AFTER.search(text)
             or _DIRECTED_IN.search(text))
        if m:
            return _reported(m, text, context)
    for text in reversed(closing):
        m = _CREDIT.search(text)
        if m:
            found = _reported(m, text, context)
            if found.date is None:
                found = replace(found, date=_lead_date(opening, found.doc_type, context))
            return found
    return None


# "Ngày 20/6, UBND tỉnh Bến Tre có công văn gửi …": the lead dates the document that a
# trailing credit ("(Nguồn: CV 2315/UBND-KT)") numbers.
_UNNUMBERED_LEAD = re.compile(
    rf"{_ISSUER}\s*(?:đã\s+|vừa\s+|mới\s+)*(?:ký\s+)?(?:ban hành|có|gửi|phát hành|ra)\s+"
    rf"{_TYPE}\b",
    re.IGNORECASE,
)


def _lead_date(opening: list[str], doc_type: str, context: str | None) -> str | None:
    for text in opening:
        m = _UNNUMBERED_LEAD.search(text)
        if m and _TYPES[m.group("type").lower()] == doc_type:
            return _date_before(text[: m.start()], context)
    return None


def _reported(m: re.Match[str], text: str, context: str | None) -> Reported:
    kind = _TYPES[m.group("type").lower()]
    after = text[m.end("sym") : m.end("sym") + 40]
    date = _date_after(after, context) or _date_before(text[: m.start()], context)
    return Reported(kind, m.group("num"), m.group("sym"), date)


def _date_after(text: str, context: str | None) -> str | None:
    """``… số 1234/UBND-VX ngày 12/4/2022``: the document's own date right after its number."""
    m = re.match(r"\s*,?\s*(?:ban hành\s+)?ngày\s", text, re.IGNORECASE)
    if not m:
        return None
    found = [*find_dates(text), *yearless_dates(text, context)]
    found = [d for d in found if d.day_given and d.start < 16]
    return min(found, key=lambda d: d.start).value if found else None


def _date_before(text: str, context: str | None) -> str | None:
    """``Ngày 12/4/2022, UBND tỉnh … ban hành …``: the date the lead opens with."""
    found = [d for d in find_dates(text) if d.day_given and d.start < 20]
    if found:
        return found[0].value
    yearless = [d for d in yearless_dates(text, context) if d.start < 20]
    return yearless[0].value if yearless else None
