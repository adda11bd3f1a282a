"""Vietnamese dates as written in administrative documents and portal news."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

# "ngày 11 tháng 10 năm 2021", "ngày   tháng 9 năm 2021" (blank day), "tháng 4 năm 2021"
_WORDS = r"(?:ngày\s*(?P<wd>\d{1,2})?\s*)?tháng\s*(?P<wm>\d{1,2})\s*(?:năm|/)\s*(?P<wy>\d{4})\b"
# "06/10/2021", "04/5/2021", "5-3-2022", "5.3.2022"
_NUMERIC = (
    r"(?<![\d/.-])(?P<nd>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<nm>\d{1,2})\s*(?P=sep)\s*"
    r"(?P<ny>\d{4})(?![\d/])"
)
DATE_RE = re.compile(f"{_WORDS}|{_NUMERIC}", re.IGNORECASE)
# Both forms end in a four-digit year: a text without one has no date. DATE_RE opens with an
# optional group, so it is tried at every position; this test is one fast scan.
_YEAR_DIGITS = re.compile(r"\d{4}")
# Every yearless day has a digit.
_DIGIT = re.compile(r"\d")

_PORTAL_STAMP = re.compile(
    r"^\s*(?:(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})|(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4}))"
    r"(?:[ T,|-]+\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:\(?GMT[+0-9:]*\)?)?\s*$"
)
_PLACE_DATE = re.compile(
    r"^\s*(?P<place>[^\d,;:]{2,40}?)\s*,\s*(?:ngày|Ngày|NGÀY)\b(?P<rest>.*)$"
)


@dataclass(frozen=True)
class FoundDate:
    value: str  # YYYY-MM-DD or YYYY-MM
    start: int
    end: int
    day_given: bool


def _valid(year: int, month: int, day: int | None) -> bool:
    if not (1945 <= year <= 2100 and 1 <= month <= 12):
        return False
    if day is None:
        return True
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _format(year: int, month: int, day: int | None) -> str:
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def find_dates(text: str) -> list[FoundDate]:
    """Every valid date in ``text``, in order. Month-only forms give ``YYYY-MM``."""
    found: list[FoundDate] = []
    if not _YEAR_DIGITS.search(text):
        return found
    for m in DATE_RE.finditer(text):
        if m.group("wm"):
            day = int(m.group("wd")) if m.group("wd") else None
            month, year = int(m.group("wm")), int(m.group("wy"))
            starts_with_day = m.group(0).lower().startswith("ngày")
            if day is None and starts_with_day and not _blank_day(m.group(0)):
                continue
        else:
            day, month, year = int(m.group("nd")), int(m.group("nm")), int(m.group("ny"))
        if _valid(year, month, day):
            found.append(FoundDate(_format(year, month, day), m.start(), m.end(), day is not None))
    return found


# "Ngày 5/11, …", "Sáng 12/3", "Chiều 18/7", "Đêm 9/2", "ngày 14-8", "Ngày 21.10": news writes
# the day of an event without its year.
_YEARLESS_DAY = re.compile(
    r"(?<!\w)(?:ngày|sáng|chiều|trưa|tối|đêm|hôm)\s+(?:ngày\s+)?(?P<d>\d{1,2})\s*(?P<sep>[/.-])"
    r"\s*(?P<m>\d{1,2})(?!\d|\s*(?P=sep)\s*\d)",
    re.IGNORECASE,
)


def yearless_dates(text: str, context: str | None) -> list[FoundDate]:
    """Days written without a year, read in the year of ``context`` (the stamp, the address's
    date or the nearest full date; ``YYYY[-MM[-DD]]``). News reports what happened: a day
    later in the year than a dated ``context`` is last year's (``Ngày 28/12`` in a stamp of
    3 January)."""
    if not context or not _DIGIT.search(text):
        return []
    year = int(context[:4])
    limit = to_date(context) if len(context) == 10 else None
    out = []
    for m in _YEARLESS_DAY.finditer(text):
        day, month = int(m.group("d")), int(m.group("m"))
        if not _valid(year, month, day):
            continue
        value_year = year
        if limit and dt.date(year, month, day) > limit + dt.timedelta(days=1):
            value_year = year - 1 if _valid(year - 1, month, day) else year
        out.append(FoundDate(_format(value_year, month, day), m.start("d"), m.end("m"), True))
    return out


def _blank_day(matched: str) -> bool:
    # "ngày   tháng 9" — the day was left blank for the signer to fill in.
    return re.match(r"ngày\s*tháng", matched, re.IGNORECASE) is not None


def parse_date(text: str) -> str | None:
    dates = find_dates(text)
    return dates[0].value if dates else None


_PLACE_DATE_AT_END = re.compile(
    r"(?:^|\s{2,}|\t|\s\|\s)(?P<line>[A-ZĐÀ-Ỹ][^\d,;:|]{1,35}?\s*,\s*(?:ngày|Ngày|NGÀY)\b[^|]*)$"
)


def place_and_date_in(line: str) -> tuple[str, str] | None:
    """A place-and-date line, alone or at the end of a line where a copied two-column header
    ran it together with the number: ``Số: 3413/UBND-TH    Thái Nguyên, ngày 22 tháng 7 …``."""
    found = place_and_date(line)
    if found:
        return found
    m = _PLACE_DATE_AT_END.search(line.rstrip())
    return place_and_date(m.group("line")) if m else None


def place_and_date(line: str) -> tuple[str, str] | None:
    """``Bắc Kạn, ngày 11 tháng 10 năm 2021`` → (``Bắc Kạn``, ``2021-10-11``)."""
    m = _PLACE_DATE.match(line)
    if not m:
        return None
    rest = "ngày" + m.group("rest")
    first = DATE_RE.search(rest)
    # The line is the place and the date, nothing more ("Theo đó, ngày 12 tháng 3 …" is prose).
    if first is None or first.start() > 8 or rest[first.end() :].strip(" .*_") != "":
        return None
    date = parse_date(rest)
    return (m.group("place").strip(" *_"), date) if date else None


def portal_stamp(line: str) -> str | None:
    """``2023-12-05 08:54:52`` or ``05/12/2023 08:54`` alone on a line → ``2023-12-05``."""
    m = _PORTAL_STAMP.match(line)
    if not m:
        return None
    if m.group("y"):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    else:
        y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
    return _format(y, mo, d) if _valid(y, mo, d) else None


def to_date(value: str | None) -> dt.date | None:
    """The first day a ``YYYY-MM[-DD]`` value can mean (for comparisons)."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)


# Formatting: the three forms a reader meets. ``vietnamese_date`` in running text and the
# panel's facts; ``short_date`` in table cells, task lists and figures (a column scanned
# down, narrow on a phone: docs/site.md, "Dates"); ``numeric_date`` in citations (as a
# bibliography writes dates).


@lru_cache(maxsize=1 << 14)  # a few thousand dates, on every list row: one string each
def vietnamese_date(value: str | None) -> str:
    """``2021-10-11`` → ``ngày 11 tháng 10 năm 2021``; ``2021-09`` → ``tháng 9 năm 2021``."""
    if not value:
        return ""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return f"năm {parts[0]}"
    # Decree 30/2020: days below 10 and the months January and February take a leading zero.
    month = f"{parts[1]:02d}" if len(parts) > 1 and parts[1] < 3 else str(parts[1])
    if len(parts) == 3:
        return f"ngày {parts[2]:02d} tháng {month} năm {parts[0]}"
    return f"tháng {month} năm {parts[0]}"


def numeric_date(value: str | None) -> str | None:
    """The short form citations use: ``2021-10-11`` → ``ngày 11/10/2021``; ``2021-09`` →
    ``tháng 09/2021``; ``2021`` → ``năm 2021``: :func:`short_date`, a day's with "ngày"."""
    if not value:
        return None
    return f"ngày {short_date(value)}" if value.count("-") == 2 else short_date(value)


@lru_cache(maxsize=1 << 14)  # on every table row: one string a date
def short_date(value: str | None) -> str:
    """``2021-09-05`` → ``05/09/2021``; ``2021-09`` → ``tháng 09/2021``; ``2021`` →
    ``năm 2021``; nothing → ``—``. Day and month always take two digits, so that a column
    of dates lines up."""
    if not value:
        return "—"
    parts = value.split("-")
    if len(parts) == 3:
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    if len(parts) == 2:
        return f"tháng {parts[1]}/{parts[0]}"
    return f"năm {parts[0]}"
