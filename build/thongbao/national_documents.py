"""What a cited national document is (``content/reference/national_documents.yml``).

A policy page says more than ``68/NQ-CP``: ``Nghị quyết 68/NQ-CP ngày 01/7/2021 của Chính phủ
về một số chính sách hỗ trợ …``. The vocabulary is keyed by the policy id the citation extractor
gives (``thongbao.citations``: symbol slug, then the year when the symbol does not hold it).
A citation without a year (``Nghị quyết 02/NQ-CP``) finds its entry only when one document of the
vocabulary has that symbol: a line about the wrong year's resolution is worse than none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from . import refdata
from .slug import slugify

FILE = "national_documents.yml"
_FIELDS = ("symbol", "year", "type", "issuer", "date", "subject", "example", "source")


class VocabularyError(refdata.ReferenceFileError):
    """A malformed entry: the message names the file, the entry and the field."""


@dataclass(frozen=True)
class NationalDocument:
    id: str  # as the citation extractor names the policy: "68-nq-cp-2021"
    symbol: str
    year: int
    type: str
    issuer: str
    date: str | None  # YYYY-MM-DD
    subject: str
    example: str
    source: str

    @property
    def line(self) -> str:
        """One Vietnamese line: type, symbol, date, issuer, subject."""
        when = ""
        if self.date:
            day = dt.date.fromisoformat(self.date)
            when = f" ngày {day.day:02d}/{day.month}/{day.year}"
        if self.type == "Luật":  # "Luật Đầu tư công số 39/2019/QH14 ngày 13/6/2019 của Quốc hội"
            return f"{self.subject} số {self.symbol}{when} của {self.issuer}"
        return f"{self.type} {self.symbol}{when} của {self.issuer} {self.subject}"


@dataclass(frozen=True)
class NationalDocuments:
    by_id: Mapping[str, NationalDocument]
    by_symbol: Mapping[str, tuple[NationalDocument, ...]]

    def find(self, policy_id: str, symbol: str | None = None) -> NationalDocument | None:
        """The entry for an extracted policy: by id, else (no year cited) by its symbol when
        the symbol names one document only."""
        found = self.by_id.get(policy_id)
        if found is not None or symbol is None:
            return found
        candidates = self.by_symbol.get(symbol, ())
        if len(candidates) == 1 and policy_id == slugify(symbol):
            return candidates[0]
        return None

    def describe(self, policy_id: str, symbol: str | None = None) -> str | None:
        """The description line of a policy id, or None when the vocabulary does not know it."""
        found = self.find(policy_id, symbol)
        return found.line if found else None


def policy_id(symbol: str, year: int) -> str:
    """The id ``thongbao.citations`` gives a central document of that symbol and year."""
    ident = slugify(symbol)
    return ident if str(year) in symbol else f"{ident}-{year}"


def load_national_documents(path: Path) -> NationalDocuments:
    """The vocabulary of ``path`` through the one reference loader (rebuilt when it changes)."""
    return refdata.load(path.parent, path.name)


def _from_data(raw: object, path: Path = Path(FILE)) -> NationalDocuments:
    """Load and check the vocabulary; a bad entry raises :class:`VocabularyError`."""
    if not isinstance(raw, list):
        raise VocabularyError(f"{path.name}: expected a list of documents")
    by_id: dict[str, NationalDocument] = {}
    by_symbol: dict[str, list[NationalDocument]] = {}
    for index, entry in enumerate(raw):
        doc = _document(path.name, index, entry)
        if doc.id in by_id:
            raise VocabularyError(f"{path.name}: entry {index} ({doc.symbol}): repeats {doc.id}")
        by_id[doc.id] = doc
        by_symbol.setdefault(doc.symbol, []).append(doc)
    return NationalDocuments(
        MappingProxyType(by_id),
        MappingProxyType({k: tuple(v) for k, v in by_symbol.items()}),
    )


def _document(file: str, index: int, entry: object) -> NationalDocument:
    where = f"{file}: entry {index}"
    if not isinstance(entry, dict):
        raise VocabularyError(f"{where}: expected a mapping")
    where += f" ({entry.get('symbol')})"
    unknown = set(entry) - set(_FIELDS)
    if unknown:
        raise VocabularyError(f"{where}: unknown field {sorted(unknown)[0]!r}")
    for key in _FIELDS:
        if key != "date" and not entry.get(key):
            raise VocabularyError(f"{where}: {key} is required")
    year = entry["year"]
    if not isinstance(year, int):
        raise VocabularyError(f"{where}: year must be a number")
    date = entry.get("date")
    if date is not None:
        if not isinstance(date, dt.date):
            raise VocabularyError(f"{where}: date must be YYYY-MM-DD")
        if date.year != year:
            raise VocabularyError(f"{where}: date {date} is not in year {year}")
        date = date.isoformat()
    symbol = str(entry["symbol"])
    return NationalDocument(
        id=policy_id(symbol, year), symbol=symbol, year=year, type=str(entry["type"]),
        issuer=str(entry["issuer"]), date=date, subject=str(entry["subject"]),
        example=str(entry["example"]), source=str(entry["source"]),
    )


refdata.register(FILE, build=_from_data)
