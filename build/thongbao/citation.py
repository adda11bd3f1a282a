"""A ready citation of a notice, in Vietnamese practice.

Order: type, number, date, issuer, title, archive URL, date accessed::

    Công văn số 3413/UBND-TH ngày 22/07/2021 của UBND tỉnh Thái Nguyên về việc triển khai …
    Lưu trữ tại: https://…/van-ban/thai-nguyen/2021/…/, truy cập ngày 23/11/2026.

Pure: a record in, text out. Missing fields are left out, never invented.
"""

from __future__ import annotations

import re
from datetime import date

from .dates import numeric_date
from .record import Record

NEWS_TYPE = "Tin bài"
DEFAULT_TYPE = "Văn bản"
# Centrally-run cities (content/reference/provinces.yml, kind "thành phố"); a tiny fixed list.
# "Huế" is a city since 2025; before that the unit was the province "Thừa Thiên Huế".
CITIES: tuple[str, ...] = ("Hà Nội", "Hải Phòng", "Huế", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ")

_VV = re.compile(r"^(?:V/v|V/V|v/v)\.?\s+")
_VE = re.compile(r"^(?:Về|về)\s+")


def format_citation(
    record: Record, url: str, accessed: date | None, *, issuer: str | None = None
) -> str:
    """The citation of ``record`` published at ``url``, read on ``accessed``.

    ``issuer`` overrides the issuing body derived from the province ("UBND tỉnh Bắc Kạn").
    Without ``accessed`` the text ends at "truy cập ngày", for the page to complete with the
    reader's own date (a date stamped at build time would make every build differ).
    """
    head = " ".join(p for p in _head_parts(record, issuer) if p)
    about = _about(record)
    first = f"{head} {about}" if about else head
    end = f" {accessed:%d/%m/%Y}." if accessed else ""
    return f"{first}. Lưu trữ tại: {url}, truy cập ngày{end}"


def issuer_name(province: str | None) -> str | None:
    """``Bắc Kạn`` → ``UBND tỉnh Bắc Kạn``; ``Hà Nội`` → ``UBND thành phố Hà Nội``;
    ``TP Hồ Chí Minh`` (the record's name for the city) → ``UBND Thành phố Hồ Chí Minh``."""
    if not province:
        return None
    name = province.removeprefix("TP ").removeprefix("TP. ").strip()
    if name == "Hồ Chí Minh":
        return "UBND Thành phố Hồ Chí Minh"
    kind = "thành phố" if name in CITIES or name != province else "tỉnh"
    return f"UBND {kind} {name}"


def _head_parts(record: Record, issuer: str | None) -> list[str | None]:
    body = issuer or issuer_name(record.province)
    return [
        record.doc_type or DEFAULT_TYPE,
        f"số {record.doc_number}" if record.doc_number else None,
        numeric_date(record.date),
        f"của {body}" if body else None,
    ]


def _about(record: Record) -> str | None:
    title = " ".join((record.title or "").split())
    if not title:
        return None
    if record.doc_type == NEWS_TYPE:
        return f"“{title}”"
    if _VV.match(title):
        return "về việc " + _VV.sub("", title, count=1)
    if _VE.match(title):
        return "về " + _VE.sub("", title, count=1)
    return "về " + _lower_first(title)


def _lower_first(title: str) -> str:
    """Lowercase an ordinary capitalised first word (``Kết luận của`` → ``kết luận của``), but
    keep acronyms (``UBND``) and names (``Bắc Kạn``: the next word is capitalised too)."""
    words = title.split(" ", 2)
    first = words[0]
    ordinary = first[:1].isupper() and first[1:].islower()
    next_lower = len(words) > 1 and words[1][:1].islower()
    if ordinary and next_lower:
        return first[:1].lower() + title[1:]
    return title
