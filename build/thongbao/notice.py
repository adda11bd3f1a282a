"""One published notice, as every output reads it: pages, index pages, feeds, exports, search.

A :class:`Notice` wraps the build step's page (record, body, URL) and says, once, what every
listing needs of it: its sort date, year, title, label (``Công văn số 3413/UBND-TH``) and date
as a reader sees it. :func:`newest_first` is the archive's one order: by issue date (else the
meeting date) descending, undated notices last, ties by id then URL, so two builds of the same
content list every notice in the same place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from .dates import short_date, vietnamese_date
from .pipeline import NoticePage
from .record import Record

_T = TypeVar("_T")


@dataclass(frozen=True)
class Notice:
    page: NoticePage

    @property
    def record(self) -> Record:
        return self.page.record

    @property
    def id(self) -> str:
        return self.page.record.id

    @property
    def url(self) -> str:
        return self.page.url

    @cached_property
    def sort_date(self) -> str:
        """The issue date; the meeting date when the issue date is unknown (Cao Bằng 2021);
        ``""`` when nothing dates it (sorted last)."""
        return self.record.date or self.record.meeting_date or ""

    @cached_property
    def year(self) -> int | None:
        return int(self.sort_date[:4]) if self.sort_date else None

    @cached_property
    def title(self) -> str:
        return self.record.title or self.record.doc_number or self.id

    @cached_property
    def label(self) -> str:
        """``Công văn số 3413/UBND-TH`` or just the type."""
        kind = self.record.doc_type or "Văn bản"
        return f"{kind} số {self.record.doc_number}" if self.record.doc_number else kind

    @cached_property
    def date_label(self) -> str:
        """``ngày 22 tháng 7 năm 2021``; ``không ghi ngày (họp …)``; ``không ghi ngày``."""
        return self._dated(vietnamese_date)

    @cached_property
    def short_date(self) -> str:
        """``date_label`` as a table cell writes it: ``22/07/2021``; ``không ghi ngày (họp
        …)``; ``không ghi ngày``."""
        return self._dated(short_date)

    def _dated(self, form: Callable[[str], str]) -> str:
        if self.record.date:
            return form(self.record.date)
        if self.record.meeting_date:
            return f"không ghi ngày (họp {form(self.record.meeting_date)})"
        return "không ghi ngày"


def newest_first(
    items: Iterable[_T],
    date: Callable[[_T], str | None] = lambda n: n.sort_date,  # type: ignore[attr-defined]
    tie: Callable[[_T], Sequence[str]] = lambda n: (n.id, n.url),  # type: ignore[attr-defined]
) -> list[_T]:
    """Newest first by ``date`` (``YYYY[-MM[-DD]]``; missing: last), ties by ``tie`` ascending.

    The one order of the archive; feeds and exports pass their own accessors. Python's sort is
    stable with ``reverse=True`` too: equal dates keep the tie order."""
    by_tie = sorted(items, key=tie)
    return sorted(by_tie, key=lambda i: date(i) or "", reverse=True)
