"""View objects of a generated listing page: blocks of typed values, rendered by Jinja.

Plain Python (no MkDocs, no markup): a page is a title and a sequence of blocks (headings,
paragraphs, tables of notices, of deadlines, of terms, citation lists, facts panels, notes);
inline values are text, :class:`Link` (to a docs path, or ``None`` when there is no page) and
:class:`Strong`. The fragments in ``overrides/partials/thongbao/`` render them with autoescape
on, so a value cannot forget its escaping, and a designer changes a listing without Python.
Links hold docs paths; the renderer makes them relative to the page's own URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import ClassVar

from .slug import toc_slugify


@lru_cache(maxsize=1 << 18)
def one_line(value: str | None) -> str:
    """``value`` on one line, spaces collapsed. Cached: a task's text is shown on the tasks,
    agency, policy and chair pages, and one string serves them all (memory at scale)."""
    return " ".join((value or "").split())


@dataclass(frozen=True, slots=True)
class Link:
    kind: ClassVar[str] = "link"  # what the templates dispatch on (not a field)
    label: str
    path: str | None  # docs path of the target (``tinh/bac-kan/index.md``); None: plain text
    note: str | None = None
    # A fragment appended to the target's URL: a heading id, or a text fragment
    # (``:~:text=…``, percent-encoded) that takes the reader to a sentence of a notice.
    anchor: str | None = None

    @property
    def external(self) -> bool:
        """A web address (a document's public source), not a page of the site."""
        return bool(self.path) and self.path.startswith(("https://", "http://"))


@dataclass(frozen=True, slots=True)
class Strong:
    kind: ClassVar[str] = "strong"
    text: str


Inline = str | Link | Strong
Parts = tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    kind: ClassVar[str] = "heading"
    level: int
    text: str
    id: str = ""  # set by Page.add_heading: unique as the toc extension makes them


@dataclass(frozen=True, slots=True)
class Para:
    kind: ClassVar[str] = "para"
    parts: Parts
    css: str = ""


@dataclass(frozen=True, slots=True)
class Note:
    """An admonition (``!!! info``) as Material styles it."""

    kind: ClassVar[str] = "note"
    title: str
    parts: Parts


@dataclass(frozen=True, slots=True)
class Facts:
    """The label/value panel a notice page has, for a cited document."""

    kind: ClassVar[str] = "facts"
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class NoticeRow:
    date: str
    province: Link
    label: str
    title: Link


@dataclass(frozen=True, slots=True)
class NoticeTable:
    kind: ClassVar[str] = "notices"
    rows: tuple[NoticeRow, ...]


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    date: str
    task: str
    notice: Link
    notice_date: str


@dataclass(frozen=True, slots=True)
class DeadlineTable:
    kind: ClassVar[str] = "deadlines"
    rows: tuple[DeadlineRow, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table of terms; ``numeric`` columns are right-aligned."""

    kind: ClassVar[str] = "table"
    head: tuple[str, ...]
    rows: tuple[tuple[Parts, ...], ...]
    numeric: tuple[bool, ...] = ()


@dataclass(frozen=True, slots=True)
class CitationItem:
    notice: Link
    label: str
    date: str
    quotes: tuple[Parts, ...]


@dataclass(frozen=True, slots=True)
class CitationList:
    kind: ClassVar[str] = "citations"
    items: tuple[CitationItem, ...]


@dataclass(frozen=True, slots=True)
class ChartBlock:
    """A chart of ``thongbao.charts``: SVG and data table. Its markup is built there with every
    label escaped; the template inserts it as it is (the one block it does not escape)."""

    kind: ClassVar[str] = "chart"
    title: str
    html: str


@dataclass(frozen=True, slots=True)
class TaskItem:
    """A row of the tasks page: ``province_id``, ``agency_id``, ``month`` and ``status`` are
    the values the filters match (``data-`` attributes)."""

    due: str  # as a reader reads it: ``30/9/2021``, ``tháng 9/2021``
    task: str
    agency: Link | None
    province: Link
    notice: Link
    notice_date: str
    province_id: str
    agency_id: str
    month: str
    status: str
    status_label: str


@dataclass(frozen=True, slots=True)
class TaskTable:
    kind: ClassVar[str] = "tasks"
    rows: tuple[TaskItem, ...]
    caption: str = ""


@dataclass(frozen=True, slots=True)
class FilterOption:
    value: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class Filter:
    name: str  # the query parameter (``tinh``) and the row attribute it matches
    attribute: str  # ``province`` → ``data-province``
    label: str
    options: tuple[FilterOption, ...]


@dataclass(frozen=True, slots=True)
class FilterForm:
    """Selects that show only the rows of the page's task tables that match; a script of ours
    (``tasks.js``) does it, so the form is hidden until the script shows it."""

    kind: ClassVar[str] = "filters"
    filters: tuple[Filter, ...]


Block = (Heading | Para | Note | Facts | NoticeTable | DeadlineTable | Table | CitationList
         | ChartBlock | TaskTable | FilterForm)


@dataclass(frozen=True, slots=True)
class IndexPage:
    path: str  # docs path
    title: str
    blocks: tuple[Block, ...]
    in_nav: bool = False

    def links(self) -> list[str]:
        """Docs paths of every link on the page, in order (tests, link checks)."""
        return [p.path for p in _inlines(self.blocks)
                if isinstance(p, Link) and p.path and not p.external]

    def text(self) -> str:
        """The page's words, one block a line (tests)."""
        return "\n".join(_block_text(b) for b in self.blocks)


_IDCOUNT = re.compile(r"^(.*)_([0-9]+)$")


@dataclass
class Page:
    """A page being made: its blocks, headings with unique ids."""

    path: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    _ids: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.heading(1, self.title)

    def heading(self, level: int, text: str) -> str:
        """Add a heading; return its id (for links to it from elsewhere on the page)."""
        hid = toc_slugify(text, "-")
        while hid in self._ids or not hid:
            m = _IDCOUNT.match(hid)
            hid = f"{m.group(1)}_{int(m.group(2)) + 1}" if m else f"{hid}_1"
        self._ids.add(hid)
        self.blocks.append(Heading(level, text, hid))
        return hid

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def para(self, *parts: Inline, css: str = "") -> None:
        self.blocks.append(Para(tuple(parts), css))

    def done(self, in_nav: bool = False) -> IndexPage:
        return IndexPage(self.path, self.title, tuple(self.blocks), in_nav)


def joined(items: list[Parts], sep: str = ", ") -> Parts:
    """Parts of several items separated by ``sep``."""
    out: list[Inline] = []
    for i, item in enumerate(items):
        if i:
            out.append(sep)
        out.extend(item)
    return tuple(out)


def _inlines(blocks: tuple[Block, ...]) -> list[Inline]:
    out: list[Inline] = []
    for b in blocks:
        if isinstance(b, Para | Note):
            out.extend(b.parts)
        elif isinstance(b, NoticeTable):
            for r in b.rows:
                out += [r.province, r.title]
        elif isinstance(b, DeadlineTable):
            out += [r.notice for r in b.rows]
        elif isinstance(b, Table):
            out += [p for row in b.rows for cell in row for p in cell]
        elif isinstance(b, TaskTable):
            for r in b.rows:
                out += [r.province, r.notice, *([r.agency] if r.agency else [])]
        elif isinstance(b, CitationList):
            for item in b.items:
                out.append(item.notice)
                out += [p for q in item.quotes for p in q]
    return out


def _plain(parts: Parts) -> str:
    return "".join(p if isinstance(p, str) else p.label if isinstance(p, Link) else p.text
                   for p in parts)


def _block_text(b: Block) -> str:
    if isinstance(b, Heading):
        return "#" * b.level + " " + b.text
    if isinstance(b, Para):
        return _plain(b.parts)
    if isinstance(b, Note):
        return f"{b.title}: {_plain(b.parts)}"
    if isinstance(b, Facts):
        return "; ".join(f"{k}: {v}" for k, v in b.rows)
    if isinstance(b, NoticeTable):
        return "\n".join(f"| {r.date} | {r.province.label} | {r.label} | {r.title.label} |"
                         for r in b.rows)
    if isinstance(b, DeadlineTable):
        return "\n".join(f"| {r.date} | {r.task} | {r.notice.label} ({r.notice_date}) |"
                         for r in b.rows)
    if isinstance(b, Table):
        return "\n".join("| " + " | ".join(_plain(c) for c in row) + " |" for row in b.rows)
    if isinstance(b, ChartBlock):
        return f"[{b.title}]"
    if isinstance(b, TaskTable):
        return "\n".join(
            f"| {r.due} | {r.task} | {r.agency.label if r.agency else ''} | {r.province.label} "
            f"| {r.notice.label} |" for r in b.rows)
    if isinstance(b, FilterForm):
        return " ".join(f"[{f.label}]" for f in b.filters)
    return "\n".join(f"- {i.notice.label} — {i.label}, {i.date}" for i in b.items)
