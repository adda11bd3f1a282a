"""Deadlines (``trước ngày 15/9/2021``, ``trong tháng 9/2021``) tied to the body that delivers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .agencies import AgencyMention
from .dates import FoundDate, find_dates, to_date

# What stands right before a date that makes it a deadline.
_CUE_BEFORE_DAY = re.compile(
    r"(?:trước|chậm nhất|muộn nhất|không quá|không muộn hơn|hạn chót|hạn cuối|đến hết|"
    r"xong trước|hoàn thành trước|từ nay đến)\s*(?:là\s*|vào\s*|trong\s*)?"
    # "trước 14 giờ, ngày 16/8/2021", "trước 17h00 ngày …": an hour before the day
    r"(?:\d{1,2}\s*(?:giờ|h)\s*(?:\d{2}(?:\s*phút)?)?\s*,?\s*)?(?:ngày\s*)?[:\s]*$",
    re.IGNORECASE,
)
_CUE_BEFORE_MONTH = re.compile(
    r"(?:trong|trước|chậm nhất|chậm nhất trong|hoàn thành trong|đến hết)\s*$", re.IGNORECASE
)
_PAST_AFTER = re.compile(r"\s*,?\s*(?:vừa qua|qua|trước đó|vừa rồi)\b", re.IGNORECASE)
# "Trong tháng 10/2021, tỉnh đã được phân bổ …": a month as the period of past results.
_PAST_CLAUSE = re.compile(r"^[^.;:]{0,50}?\bđã\b", re.IGNORECASE)
_SIDE_ROLE = re.compile(
    r"(?:phối hợp(?: chặt chẽ)?(?: với)?|(?<!giao )cho|với|gửi(?: về)?|tới|đến|báo cáo|trình|"
    r"của|theo)\s*(?:các\s*)?$",
    re.IGNORECASE,
)
_LIST_JOIN = re.compile(r"\s*(?:,|;|và|,\s*và)\s*(?:Sở\s+)?", re.IGNORECASE)
# Sentences led by a generic subject do not inherit the block's body ("Các cơ quan, đơn vị …").
_GENERIC_SUBJECT = re.compile(
    r"^\s*[-+•]?\s*(?:\d+(?:\.\d+)*\.?\s*)?(?:giao\s+|yêu cầu\s+)?(?:các|mọi|những)\s+"
    r"(?:cơ quan|đơn vị|sở|ngành|địa phương|chủ đầu tư|cấp)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundDeadline:
    date: str
    agency: str | None
    task: str


def find_deadlines(
    sentence: str,
    mentions_in_sentence: Sequence[AgencyMention],
    fallback_agency: str | None,
    not_before: str | None,
) -> list[FoundDeadline]:
    """Deadlines in one sentence.

    The body is the first agency the sentence names (the one that ``chủ trì``; partners come
    after ``phối hợp với``), else ``fallback_agency`` (the body leading the paragraph or the list
    it sits in), unless the sentence has a generic subject. A date before ``not_before`` (the
    issue date) is history, not a deadline.
    """
    out: list[FoundDeadline] = []
    limit = to_date(not_before)
    for found in [*find_dates(sentence), *_yearless_dates(sentence, limit)]:
        before = sentence[max(0, found.start - 40) : found.start]
        matched = sentence[found.start : found.end].lower()
        if found.day_given:
            if not _CUE_BEFORE_DAY.search(before):
                continue
        elif not (matched.startswith("tháng") and _CUE_BEFORE_MONTH.search(before)):
            continue
        elif (found.start < 8 or _PAST_AFTER.match(sentence[found.end :])
              or _PAST_CLAUSE.match(sentence[found.end :])):
            continue  # "Trong tháng 8 vừa qua, …" tells what happened, not what is due
        if limit and _ends_before(found.value, limit):
            continue
        agencies: list[str | None] = list(
            _lead_agencies(sentence, mentions_in_sentence, found.start)
        )
        if not agencies:
            agencies = [None if _GENERIC_SUBJECT.match(sentence) else fallback_agency]
        for agency in agencies:
            out.append(FoundDeadline(found.value, agency, _task_text(sentence)))
    return out


# "trước ngày 15/9", "chậm nhất ngày 15-10", "trong tháng 9": the year is left to the reader,
# the notice's own.
# News writes "trước ngày 5.11" with a dot; only after "ngày" (elsewhere "2.5" is a number).
_YEARLESS = re.compile(
    # The lookahead names what a match starts with (a space or digit after its cue word, or
    # "tháng"): elsewhere the engine stops there instead of trying three lookbehinds.
    r"(?=[\s\dt])"
    r"(?:(?<=ngày)|(?<=trước)|(?<=nhất))\s*(?P<day>\d{1,2})\s*(?P<sep>[/-])\s*(?P<month>\d{1,2})"
    r"(?![\d/-]|\.\d)"
    r"|(?<=ngày)\s*(?P<dday>\d{1,2})\.(?P<dmonth>\d{1,2})(?![\d/-]|\.\d)"
    r"|(?P<mword>tháng)\s*(?P<monly>\d{1,2})(?!\s*(?:/|năm|\d))",
    re.IGNORECASE,
)


_DIGIT = re.compile(r"\d")


def _yearless_dates(sentence: str, issued: object) -> list[FoundDate]:
    """Day/month or month given without a year, read in the issue date's year; a month already
    past is history unless it is within three months of the new year ("trước ngày 15/01" in a
    December notice)."""
    if issued is None or not _DIGIT.search(sentence):
        return []  # every form has a digit; _YEARLESS is slow to find none
    out = []
    for m in _YEARLESS.finditer(sentence):
        day_text = m.group("day") or m.group("dday")
        day = int(day_text) if day_text else None
        month = int(m.group("month") or m.group("dmonth") or m.group("monly"))
        if not 1 <= month <= 12:
            continue
        year = issued.year  # type: ignore[attr-defined]
        if month < issued.month:  # type: ignore[attr-defined]
            # Past months are history, but a December notice's "15/01" is next January.
            if month + 12 - issued.month > 3:  # type: ignore[attr-defined]
                continue
            year += 1
        value = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
        try:
            to_date(value)
        except ValueError:
            continue
        out.append(FoundDate(value, m.start(), m.end(), day is not None))
    return out


def lead_mentions(sentence: str, mentions: Sequence[AgencyMention]) -> list[AgencyMention]:
    """Mentions that can be the body doing the work: not a partner (``phối hợp với``) nor a
    recipient (``gửi Sở …``, ``báo cáo Sở …``)."""
    return [
        m for m in mentions if not _SIDE_ROLE.search(sentence[max(0, m.start - 30) : m.start])
    ]


def _lead_agencies(
    sentence: str, mentions: Sequence[AgencyMention], before: int
) -> list[str]:
    """The first body named before the date, with the bodies listed together with it
    (``Các Sở: Tài chính, Xây dựng, Công Thương … trước ngày …``)."""
    leads = [m for m in lead_mentions(sentence, mentions) if m.start < before]
    if not leads:
        return []
    group = [leads[0]]
    for mention in leads[1:]:
        if not _LIST_JOIN.fullmatch(sentence[group[-1].end : mention.start]):
            break
        group.append(mention)
    return [m.id for m in group]


def _ends_before(value: str, limit: object) -> bool:
    date = to_date(value)
    if date is None:
        return False
    if len(value) == 7:  # a month: history only when the whole month is before the limit
        return (date.year, date.month) < (limit.year, limit.month)  # type: ignore[attr-defined]
    return date < limit  # type: ignore[operator]


def _task_text(sentence: str) -> str:
    # " ".join(split()): re.sub(r"\s+", " ", …) but for the outer spaces, which strip drops.
    text = " ".join(sentence.split()).strip(" -+•;")
    return text if len(text) <= 400 else text[:397].rsplit(" ", 1)[0] + "…"
