"""Search documents: what the reader's in-browser search indexes for each notice.

Pure: a notice (its record and cleaned Markdown body) in, a ``SearchDocument`` and a small HTML
page for the indexer (Pagefind) out. No MkDocs, no files, no processes.

Diacritics. Pagefind 1.5 folds diacritics itself (NFD, then drops the combining marks) and still
ranks an exact-accent match first, because it keeps every accented variant of a word beside its
folded form. Only đ/Đ escape it: they have no decomposition, so *đường* folds to *đuong* and the
query ``duong`` misses it. Everything written into the index therefore spells đ/Đ as ď/Ď
(U+010F/U+010E, which decompose to d/D + caron): Pagefind folds them to d/D like any other
accented letter and keeps *ďường* as the exact variant. The browser spells the reader's query the
same way before searching and turns ď/Ď back into đ/Đ in everything it shows (Vietnamese has no
ď, so the mapping is lossless). One copy of the text is indexed, phrases (``"dau tu cong"``) match
word positions as written, and the index is no bigger than the text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .record import Record

# Filter keys (Pagefind filters, URL parameters of the search page and search.js share them).
FILTER_PROVINCE = "tinh"  # the province that issued the notice, as it was then
FILTER_PROVINCE_NOW = "tinh_nay"  # the province holding that territory since 1 July 2025
FILTER_YEAR = "nam"
FILTER_TOPIC = "chu_de"
FILTER_AGENCY = "co_quan"
FILTER_DOC_TYPE = "loai"
SORT_DATE = "ngay"

_TO_INDEX = str.maketrans({"đ": "ď", "Đ": "Ď"})
_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")

# Markdown of the cleaned body (thongbao.render writes a small, known subset).
_HEADING = re.compile(r"^#{1,6}\s+")
_LIST_MARK = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
_RULE = re.compile(r"^(?:\*\s*){3,}$|^(?:-\s*){3,}$")
_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_EMPHASIS = re.compile(r"(?<!\\)\*+")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@dataclass(frozen=True)
class SearchDocument:
    """One notice as the search index sees it. Text fields hold ordinary Vietnamese (đ)."""

    url: str
    title: str
    facts: str  # type, number, province, chair: searched with a higher weight than the body
    blocks: tuple[str, ...]  # body paragraphs, plain text
    meta: Mapping[str, str] = field(default_factory=dict)  # shown with each result
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: Mapping[str, str] = field(default_factory=dict)


def index_spelling(text: str) -> str:
    """đ/Đ → ď/Ď, the spelling Pagefind folds to d/D (see the module docstring)."""
    return text.translate(_TO_INDEX)


def normalise_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` as is, ``YYYY-MM`` as its first day; anything else is no date."""
    if not value:
        return None
    if _FULL_DATE.match(value):
        return value
    if _MONTH.match(value):
        return f"{value}-01"
    return None


def sort_date(record: Record) -> str:
    """Every notice sorts: its date, else its meeting date, else "" (last when newest first)."""
    return normalise_date(record.date) or normalise_date(record.meeting_date) or ""


def display_date(value: str | None) -> str:
    """``2021-10-11`` → ``11/10/2021``; ``2021-09`` → ``09/2021``; unknown → ""."""
    if value and (m := _FULL_DATE.match(value)):
        return f"{m[3]}/{m[2]}/{m[1]}"
    if value and (m := _MONTH.match(value)):
        return f"{m[2]}/{m[1]}"
    return ""


def plain_blocks(markdown: str) -> tuple[str, ...]:
    """The body's paragraphs as plain text: Markdown marks, links and escapes dropped."""
    blocks: list[str] = []
    current: list[str] = []
    for raw in markdown.splitlines():
        line = raw.strip()
        if not line or _RULE.match(line):
            if current:
                blocks.append(" ".join(current))
                current = []
            continue
        current.append(_plain_line(line))
    if current:
        blocks.append(" ".join(current))
    return tuple(b for b in blocks if b)


def _plain_line(line: str) -> str:
    line = _HEADING.sub("", line)
    line = _LIST_MARK.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _EMPHASIS.sub("", line)
    line = _ESCAPE.sub(r"\1", line)
    return html.unescape(line).strip()


def notice_title(record: Record) -> str:
    if record.title:
        return record.title
    head = " ".join(p for p in (record.doc_type, record.doc_number) if p)
    return head or record.id or "Văn bản"


def _facts(record: Record) -> str:
    parts = [
        " ".join(p for p in (record.doc_type, record.doc_number) if p),
        record.province or "",
        f"(nay là {record.province_now})"
        if record.province_now and record.province_now != record.province
        else "",
        record.chair or "",
    ]
    return " · ".join(p for p in parts if p)


def _year(record: Record) -> str | None:
    date = normalise_date(record.date) or normalise_date(record.meeting_date)
    return date[:4] if date else None


def _values(*values: str | None) -> tuple[str, ...]:
    """Non-empty values, first occurrence kept, order kept."""
    return tuple(dict.fromkeys(v for v in values if v))


def notice_filters(
    record: Record, topic_names: Mapping[str, str]
) -> dict[str, tuple[str, ...]]:
    """Facet values: historic and current province, year, topic and agency names, doc type."""
    filters = {
        FILTER_PROVINCE: _values(record.province),
        FILTER_PROVINCE_NOW: _values(record.province_now or record.province),
        FILTER_YEAR: _values(_year(record)),
        FILTER_TOPIC: _values(*(topic_names.get(t, t) for t in record.topics)),
        FILTER_AGENCY: _values(*(a.name for a in record.agencies)),
        FILTER_DOC_TYPE: _values(record.doc_type),
    }
    return {key: values for key, values in filters.items() if values}


def notice_meta(record: Record) -> dict[str, str]:
    """What a result shows beside its title and excerpt."""
    meta = {
        "tinh": record.province or "",
        "ngay": display_date(record.date or record.meeting_date),
        "so": record.doc_number or "",
        "loai": record.doc_type or "",
    }
    return {key: value for key, value in meta.items() if value}


def search_document(
    url: str, record: Record, body: str, topic_names: Mapping[str, str]
) -> SearchDocument:
    """The search document of one notice page (``url`` as MkDocs publishes it)."""
    return SearchDocument(
        url=url,
        title=notice_title(record),
        facts=_facts(record),
        blocks=plain_blocks(body),
        meta=notice_meta(record),
        filters=notice_filters(record, topic_names),
        sort={SORT_DATE: sort_date(record)},
    )


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def document_html(doc: SearchDocument) -> str:
    """A minimal page for Pagefind: the notice's words and data, none of the site's chrome.

    Searched text and metadata use the index spelling; filter values stay as written, they are
    shown and matched verbatim and never searched.
    """
    out = [
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">',
        f"<title>{_esc(index_spelling(doc.title))}</title></head><body><main data-pagefind-body>",
        f"<h1>{_esc(index_spelling(doc.title))}</h1>",
    ]
    if doc.facts:
        out.append(f'<p data-pagefind-weight="2">{_esc(index_spelling(doc.facts))}</p>')
    out.extend(f"<p>{_esc(index_spelling(block))}</p>" for block in doc.blocks)
    out.append("<div data-pagefind-ignore>")
    for key, value in doc.meta.items():
        out.append(f'<span data-pagefind-meta="{key}">{_esc(index_spelling(value))}</span>')
    for key, values in doc.filters.items():
        out.extend(f'<span data-pagefind-filter="{key}">{_esc(v)}</span>' for v in values)
    for key, value in doc.sort.items():
        # Inline form: an empty value ("no date") still gives the page a sort key.
        out.append(f'<span data-pagefind-sort="{key}:{_esc(value)}"></span>')
    out.append("</div></main></body></html>\n")
    return "\n".join(out)
