"""Tasks with their text, and the archive-wide tasks view (*Nhiệm vụ và thời hạn*).

Two halves, both pure:

- :func:`complete_tasks` gives a deadline whose sentence is only the deadline (``Hoàn thành
  trước ngày 30/9/2021.``) the text that says what is due: the clauses before it in its block,
  else the item or lead-in above it (``- Sở TT&TT: Nâng cấp …:``). Extraction calls it once,
  after the deadlines are found.
- :func:`tasks_view` lists every task of an archive in calendar order with its status relative
  to the newest notice (so two builds of the same content agree), and :func:`filter_tasks` /
  :func:`task_facets` serve the province, agency and month filters.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from .layout import Block
from .record import Deadline, Record

TASK_LIMIT = 400

# A deadline phrase with its cue: what is left of a sentence once it is removed tells whether
# the sentence says anything besides the date.
# The lookahead names every character a match can start with: at other positions the engine
# stops there instead of trying each optional part (half the time of the substitution).
_DEADLINE_PHRASE = re.compile(
    r"(?=[thxcmkđ,\s])"
    r"(?:thời gian|thời hạn)?\s*(?:hoàn thành|xong)?\s*,?\s*"
    r"(?:trước|chậm nhất|muộn nhất|không quá|không muộn hơn|hạn chót|hạn cuối|đến hết|trong)"
    r"\s*(?:là\s*|vào\s*|trong\s*)?(?:ngày|tháng)?\s*[\d/.\-\s]+(?:năm\s*\d{4})?",
    re.IGNORECASE,
)
# Words that only frame a deadline ("báo cáo kết quả thực hiện", "trình UBND tỉnh").
_FRAME_WORDS = frozenset((
    "hoàn", "thành", "xong", "báo", "cáo", "kết", "quả", "thực", "hiện", "trình", "gửi", "nộp",
    "về", "ubnd", "ủy", "ban", "nhân", "dân", "tỉnh", "phố", "tp", "xem", "xét", "văn", "phòng",
    "thường", "trực", "chủ", "tịch", "để", "tổng", "hợp", "cho", "và", "các", "nội", "dung",
    "trên", "thời", "gian", "hạn", "là", "việc", "nhiệm", "vụ", "này", "được", "giao", "đúng",
    "đảm", "bảo", "phải", "yêu", "cầu", "ngày", "tháng", "năm", "trước", "trong", "chậm",
    "nhất",
))
_WORD = re.compile(r"[^\W\d_]+")
_MARKER = re.compile(r"^\s*(?:[-+•*]\s*|(?:\d+(?:\.\d+)*|[a-zđ]|[IVXLC]+)[.)]\s*)+", re.I)


def is_bare(task: str) -> bool:
    """Whether the sentence only states a deadline (no work named in it)."""
    rest = _DEADLINE_PHRASE.sub(" ", task)
    words = [w for w in _WORD.findall(rest.lower()) if w not in _FRAME_WORDS]
    return len(words) < 2


def complete_tasks(deadlines: Sequence[Deadline], blocks: Sequence[Block]) -> list[Deadline]:
    """``deadlines`` (in text order, as extraction found them in ``blocks``) with the text of
    bare ones completed from their context; the others unchanged."""
    texts = [_norm(b.text) for b in blocks]
    out: list[Deadline] = []
    cursor = (0, -1)  # block index and offset of the previous deadline's sentence
    previous: Deadline | None = None
    for deadline in deadlines:
        bare = is_bare(deadline.task)
        found: tuple[int, int] | None
        if previous is not None and deadline.task == previous.task and not bare:
            found = cursor  # a shared-head list ("Các Sở: …") gives one sentence several bodies
        else:
            # A bare sentence names no body, so it yields one deadline: the same words again
            # ("Hoàn thành trong tháng 9/2021.") are the next item's.
            found = _locate(deadline.task, texts, (cursor[0], cursor[1] + 1))
        previous = deadline
        if found is None:
            out.append(deadline)
            continue
        cursor = found
        if bare:
            deadline = replace(deadline, task=task_in_context(deadline.task, blocks, texts, *found))
        out.append(deadline)
    return out


def task_in_context(
    task: str, blocks: Sequence[Block], texts: Sequence[str], index: int, offset: int
) -> str:
    """The text of a bare deadline sentence found at ``texts[index][offset:]``."""
    own = _strip_marker(texts[index][:offset]).strip()
    if len(_WORD.findall(own)) >= 3:
        return _join(own, task)
    return _join(_context_above(blocks, texts, index), task)


# A lead-in that only names the body ("2. Sở VH-TT&DL:", "- Sở Giáo dục và Đào tạo và các
# địa phương:"): the work is in the items below it, not in the lead-in.
_BODY_LEAD = re.compile(
    r"^(?:giao\s+)?(?:các\s+)?(?:sở|ban|ubnd|ủy ban|công an|bộ chỉ huy|cục|kho bạc|văn phòng|"
    r"bảo hiểm|thanh tra|đài|báo|hội|liên đoàn|tỉnh đoàn|mặt trận|trường|bệnh viện|trung tâm)\b"
    r"[^.;]{0,80}:$",
    re.IGNORECASE,
)


def _context_above(blocks: Sequence[Block], texts: Sequence[str], index: int) -> str:
    """The lead-in and the sibling items the bare item closes (``- Nâng cấp …: + …; + ….``
    then ``- Báo cáo kết quả … chậm nhất ngày …``)."""
    items: list[str] = []
    for j in range(index - 1, -1, -1):
        block, text = blocks[j], _strip_marker(texts[j]).strip()
        if not text:
            continue
        if block.kind == "item" and not text.endswith(":"):
            items.insert(0, text)
            continue
        if block.kind == "heading" or text.endswith(":"):
            if _BODY_LEAD.match(text):
                return "; ".join(t.rstrip(";.") for t in items)
            if not items:
                return text
            return f"{text} {'; '.join(t.rstrip(';.') for t in items)}."
        break
    return "; ".join(t.rstrip(";.") for t in items)


def _join(context: str, task: str) -> str:
    """``context`` then the bare sentence, the context cut short when too long."""
    context = context.strip()
    if not context:
        return task
    room = TASK_LIMIT - len(task) - 2
    if len(context) > room:  # the head says what the work is; the middle can go
        context = context[: room - 1].rsplit(" ", 1)[0].rstrip(" ,;") + "…"
    if context.endswith((";", ",")):
        return f"{context[:-1]}; {_lower_first(task)}"
    if context.endswith(":"):
        return f"{context} {_lower_first(task)}"
    if context.endswith(("…", ".")):
        return f"{context} {task}"
    return f"{context}. {task}"


def _locate(task: str, texts: Sequence[str], cursor: tuple[int, int]) -> tuple[int, int] | None:
    probe = task.rstrip("…")[:80]
    start_block, start_offset = cursor
    for i in range(start_block, len(texts)):
        pos = texts[i].find(probe, start_offset if i == start_block else 0)
        if pos >= 0:
            return i, pos
    return None


def _norm(text: str) -> str:
    # The same as re.sub(r"\s+", " ", text).strip() (str.split's whitespace is re's \s), in
    # one C call: every block of every notice goes through it.
    return " ".join(text.split())


def _strip_marker(text: str) -> str:
    return _MARKER.sub("", text, count=1)


def _lower_first(text: str) -> str:
    """``Trình UBND …`` → ``trình UBND …`` after a ``;``; an abbreviation (``UBND``) stays."""
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


# ---------------------------------------------------------------------------------------------
# The archive-wide view

PAST_DUE = "past-due"
DUE_THIS_MONTH = "due-this-month"
UPCOMING = "upcoming"
STATUS_LABELS: Mapping[str, str] = {
    PAST_DUE: "Đã qua hạn",
    DUE_THIS_MONTH: "Đến hạn trong tháng",
    UPCOMING: "Còn hạn",
}


@dataclass(frozen=True, slots=True)
class TaskRow:
    """One task of the archive, as the tasks page and the open-data export list it."""

    date: str  # the deadline as extracted: YYYY-MM-DD or YYYY-MM
    due: str  # the last day it allows (YYYY-MM-DD): the end of the month for YYYY-MM
    month: str  # YYYY-MM, the filter value
    status: str  # PAST_DUE | DUE_THIS_MONTH | UPCOMING, relative to the view's reference date
    task: str
    agency_id: str | None
    agency_name: str | None
    province: str | None
    province_id: str | None
    notice_id: str
    notice_title: str | None
    notice_date: str | None


TASK_COLUMNS: tuple[str, ...] = (
    "date", "due", "status", "task", "agency_id", "agency_name", "province", "province_id",
    "notice_id", "notice_title", "notice_date",
)


def task_record(row: TaskRow) -> dict[str, str | None]:
    """One row as plain data in TASK_COLUMNS order, for the open-data exports (JSON, CSV)."""
    return {column: getattr(row, column) for column in TASK_COLUMNS}


@dataclass(frozen=True)
class TasksView:
    reference_date: str | None  # the newest notice's date: "this month" is its month
    rows: tuple[TaskRow, ...]

    @property
    def due_this_month(self) -> tuple[TaskRow, ...]:
        return tuple(r for r in self.rows if r.status == DUE_THIS_MONTH)

    @property
    def past_due(self) -> tuple[TaskRow, ...]:
        return tuple(r for r in self.rows if r.status == PAST_DUE)


def notice_date(record: Record) -> str | None:
    """The date a notice is placed at: its issue date, else the meeting it concludes."""
    return record.date or record.meeting_date


def due_date(value: str) -> dt.date | None:
    """The last day a deadline allows: ``2021-09`` → 30 Sep 2021."""
    try:
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# What a task row shows of its notice: province, province id, notice id, title, date.
_NoticeFields = tuple[str | None, str | None, str, str | None, str | None]
# What a notice gives the tasks view (plain data: the exports' worker keeps it between
# builds, exportjob.py): its date (the view's reference date is the newest), the fields a row
# shows of it, and each deadline as (date, agency id, task, agency name).
NoticeTasks = tuple[str | None, _NoticeFields,
                    tuple[tuple[str, str | None, str, str | None], ...]]


def notice_tasks(record: Record, agency_names: Mapping[str, str] | None = None) -> NoticeTasks:
    """What the tasks view needs of ``record``; ``agency_names`` as in :func:`tasks_view`."""
    known = agency_names or {}
    date = notice_date(record)
    names: dict[str, str] | None = None
    deadlines = []
    for deadline in record.deadlines:
        agency, name = deadline.agency, None
        if agency:
            if names is None:
                names = {a.id: a.name for a in record.agencies}
            name = known.get(agency) or names.get(agency) or agency
        deadlines.append((deadline.date, agency, deadline.task, name))
    return date, (record.province, record.province_id, record.id, record.title, date), tuple(
        deadlines)


def tasks_view(
    records: Iterable[Record], agency_names: Mapping[str, str] | None = None
) -> TasksView:
    """Every deadline of ``records`` in calendar order (due date, then province, notice, text).

    ``agency_names`` (agency id → name, e.g. from the reference) names the bodies; otherwise
    the names the records carry are used. ``records`` is read once, as it comes, and only
    the tasks are kept: the worker making the exports reads the records one by one
    (exportjob.py), and held whole they were 490 MB at 10,000 notices.
    """
    known = agency_names or {}
    return tasks_view_of(notice_tasks(record, known) for record in records)


def tasks_view_of(notices: Iterable[NoticeTasks]) -> TasksView:
    """:func:`tasks_view` of what each notice gives it (:func:`notice_tasks`)."""
    # (deadline date, agency id, task, due, agency name, the notice's fields a row shows).
    found: list[tuple[str, str | None, str, dt.date, str | None, _NoticeFields]] = []
    reference: str | None = None
    for date, notice, deadlines in notices:
        if date and (reference is None or date > reference):
            reference = date
        for deadline_date, agency, task, name in deadlines:
            due = due_date(deadline_date)
            if due is not None:
                found.append((deadline_date, agency, task, due, name, notice))
    ref_due = due_date(reference) if reference else None
    ref_month = reference[:7] if reference else None
    rows = [
        TaskRow(
            date=deadline_date,
            due=due.isoformat(),
            month=deadline_date[:7],
            status=_status(deadline_date[:7], due, ref_month, ref_due),
            task=task,
            agency_id=agency,
            agency_name=name,
            province=province,
            province_id=province_id,
            notice_id=notice_id,
            notice_title=title,
            notice_date=date,
        )
        for deadline_date, agency, task, due, name, (province, province_id, notice_id, title,
                                                     date) in found
    ]
    rows.sort(key=_calendar_order)
    return TasksView(reference, tuple(rows))


def _calendar_order(r: TaskRow) -> tuple[str, ...]:
    return (r.due, r.date, r.province or "", r.notice_id, r.task, r.agency_id or "")


def _status(month: str, due: dt.date, ref_month: str | None, ref_due: dt.date | None) -> str:
    if ref_month is None or ref_due is None:
        return UPCOMING
    if month == ref_month:
        return DUE_THIS_MONTH
    # A reference date with a blank day ("2021-09") counts from the end of its month.
    return PAST_DUE if due < ref_due else UPCOMING


def filter_tasks(
    rows: Iterable[TaskRow],
    province: str | None = None,
    agency: str | None = None,
    month: str | None = None,
    status: str | None = None,
) -> list[TaskRow]:
    """Rows matching every filter given (province id, agency id, ``YYYY-MM``, status)."""
    return [
        r
        for r in rows
        if (province is None or r.province_id == province)
        and (agency is None or r.agency_id == agency)
        and (month is None or r.month == month)
        and (status is None or r.status == status)
    ]


@dataclass(frozen=True)
class Facet:
    value: str
    label: str
    count: int


def task_facets(rows: Sequence[TaskRow]) -> dict[str, list[Facet]]:
    """Filter options with counts: provinces and agencies by name, months in calendar order."""
    provinces = Counter((r.province_id, r.province) for r in rows if r.province_id)
    agencies = Counter((r.agency_id, r.agency_name) for r in rows if r.agency_id)
    months = Counter(r.month for r in rows)
    return {
        "province": [
            Facet(v, lbl or v, n) for (v, lbl), n in sorted(provinces.items(), key=_by_label)
        ],
        "agency": [
            Facet(v, lbl or v, n) for (v, lbl), n in sorted(agencies.items(), key=_by_label)
        ],
        "month": [Facet(m, f"Tháng {int(m[5:7])}/{m[:4]}", n) for m, n in sorted(months.items())],
    }


def _by_label(item: tuple[tuple[str, str | None], int]) -> tuple[str, str]:
    (value, label), _ = item
    return ((label or value).lower(), value)


def task_share(records: Iterable[Record]) -> tuple[int, int, int]:
    """(deadlines, with a real task text, with a real task text and a body): the measure of
    issue 11."""
    total = real = with_body = 0
    for record in records:
        for deadline in record.deadlines:
            total += 1
            if not is_bare(deadline.task):
                real += 1
                with_body += deadline.agency is not None
    return total, real, with_body
