"""The notice record: what extraction yields and what a notice page's front-matter holds.

The key order of ``SCHEMA_KEYS`` is the order of DESIGN.md's schema; pages and JSON keep it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any

# The schema of DESIGN.md, in its order. ``thongbao extract`` prints exactly these keys.
SCHEMA_KEYS: tuple[str, ...] = (
    "title",
    "doc_type",
    "doc_number",
    "province",
    "province_now",
    "date",
    "meeting_date",
    "chair",
    "chair_role",
    "signer",
    "signer_capacity",
    "topics",
    "agencies",
    "policies",
    "deadlines",
    "source",
)

# Further keys the page front-matter carries (documented in docs/DECISIONS.md).
EXTRA_KEYS: tuple[str, ...] = (
    "id",
    "province_id",
    "province_now_id",
    "doc_symbol",
    "author",
    "summary",
    "corrected",
    "topics_main",
)

# Keys the record carries that the published schema (exports._FIELDS) does not describe yet:
# kept in the build cache (``to_dict(internal=True)``), left out of pages and exports until
# they move to EXTRA_KEYS. ``topics_main`` moved there with the topic pages (issue 11).
INTERNAL_KEYS: tuple[str, ...] = ()


@dataclass(frozen=True)
class AgencyRef:
    id: str
    name: str


@dataclass(frozen=True)
class Policy:
    """A cited document. ``id`` folds symbol, year and (for local issuers) province."""

    id: str
    symbol: str
    year: int | None
    issuer: str | None
    local: bool = False
    kind: str = "document"  # "document" or "program"
    name: str | None = None  # e.g. "Nghị quyết số 68/NQ-CP"
    date: str | None = None  # issue date when the citation gives it
    quotes: tuple[str, ...] = ()  # sentences of the notice that cite it


@dataclass(frozen=True)
class Deadline:
    date: str  # YYYY-MM-DD or YYYY-MM
    agency: str | None  # agency id; None when the text names no known body
    task: str


@dataclass(frozen=True)
class Source:
    file: str
    sha256: str
    url: str | None = None
    encoding: str | None = None


@dataclass(frozen=True)
class Record:
    title: str | None
    doc_type: str | None
    doc_number: str | None
    province: str | None
    province_now: str | None
    date: str | None
    meeting_date: str | None
    chair: str | None
    chair_role: str | None
    signer: str | None
    signer_capacity: str | None
    topics: tuple[str, ...]
    agencies: tuple[AgencyRef, ...]
    policies: tuple[Policy, ...]
    deadlines: tuple[Deadline, ...]
    source: Source
    id: str = ""
    province_id: str | None = None
    province_now_id: str | None = None
    doc_symbol: str | None = None
    author: str | None = None
    summary: str | None = None
    corrected: tuple[str, ...] = field(default=())
    # The heaviest of ``topics`` (thongbao.topics), at most four: published (EXTRA_KEYS).
    topics_main: tuple[str, ...] = field(default=())

    def to_dict(self, extras: bool = True, internal: bool = False) -> dict[str, Any]:
        """Plain data in schema order (JSON/YAML ready); ``internal`` adds INTERNAL_KEYS."""
        keys = SCHEMA_KEYS + (EXTRA_KEYS if extras else ()) + (INTERNAL_KEYS if internal else ())
        return {key: v if type(v := getattr(self, key)) in _SCALARS else _plain(v)
                for key in keys}


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


# Values returned as they are: most of a record (its strings, the strings of its tuples).
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """What ``dataclasses.asdict`` then a tuple→list pass gave, without asdict's deep copies
    (it made ``to_dict`` a tenth of a warm build's time). Scalars are recognised by their
    exact type before any call: a record is mostly strings and tuples of strings, and a
    call per string was a third of its time (docs/scale.md, "Page count and memory")."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is tuple or kind is list:
        return [v if type(v) in _SCALARS else _plain(v) for v in value]
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(kind, "__dataclass_fields__"):
        return {name: v if type(v := getattr(value, name)) in _SCALARS else _plain(v)
                for name in _field_names(kind)}
    return value
