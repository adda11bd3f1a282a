"""Search documents: what the reader's in-browser search indexes for each notice.

Pure: a notice (its record and cleaned Markdown body) in, a ``SearchDocument`` and a small HTML
page for the indexer (Pagefind) out. No MkDocs, no files, no processes.

What is indexed is not the text but *tokens* made from it, for three reasons measured at 10,000
notices (README, "Tìm kiếm"): Pagefind stores every position of every word, and Vietnamese is
written in short, very frequent syllables, so the posting lists of ``công`` or ``ngân`` alone
outgrow the 500 KB a first query may download; the indexer needs ~250 bytes of memory per
position (full text: > 6 GB); and Pagefind's chunking ignores accented words when it sizes its
index chunks, so accented text yields multi-megabyte chunks.

- Each word becomes one ASCII token: its folded form (diacritics dropped, đ → d), ``z``, then a
  code of its diacritics: ``đường`` → ``duongz`` + ``0007l1…``. Pagefind matches query terms
  as prefixes, so the unaccented query ``duong`` (sent as ``duongz``) finds every accented form
  (đường, dương, đương) but not ``duongz``'s longer neighbours, while the accented query, coded
  the same way in the browser, finds exactly ``đường``: results with the exact accents come
  first.
- The body contributes each distinct token once (twice from 3 occurrences, three times from 10:
  term frequency, compressed), so a notice costs ~900 positions instead of ~3,000.
- Word pairs that occur at least twice in the body (and every pair of the title) add a pair
  token ``qq`` + both folded words + ``z``: a quoted phrase, and multi-word queries' ranking,
  use them.

The real text is never in the index: snippets are cut from the notice page itself in the
browser. ``overrides/assets/search/search.js`` implements the same tokens (``wordToken``).
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .record import Record
from .slug import fold

# Filter keys (Pagefind filters, URL parameters of the search page and search.js share them).
FILTER_PROVINCE = "tinh"  # the province that issued the notice, as it was then
FILTER_PROVINCE_NOW = "tinh_nay"  # the province holding that territory since 1 July 2025
FILTER_YEAR = "nam"
FILTER_TOPIC = "chu_de"
FILTER_AGENCY = "co_quan"
FILTER_DOC_TYPE = "loai"
SORT_DATE = "ngay"
FILTER_SHARD = "kho"  # which index (shard) holds the notice: lets the browser sort across shards
UNDATED_SHARD = "khac"

PAIR_PREFIX = "qq"  # no Vietnamese syllable starts so: pair tokens never match a word prefix
END = "z"  # ends every folded word in a token: no Vietnamese syllable has a z
PAIR_MIN_COUNT = 2

_WORD = re.compile(r"[^\W_]+")
# Pairs are formed inside a clause only.
_CLAUSE = re.compile(r"[.,;:!?…()\[\]{}\"“”‘’/]+|\s[-–—]\s")
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"
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


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = _BASE36[rest] + digits
        if not number:
            return digits.rjust(3, "0")


@lru_cache(maxsize=200_000)
def word_token(word: str) -> str:
    """A word's index token: folded and lowercased, ``z``, then for each letter with diacritics
    its position and code point (base 36, three digits). ``Đường`` → ``duongz0007l10c0263h``."""
    lower = word.lower()
    code = "".join(f"{i}{_base36(ord(c))}" for i, c in enumerate(lower) if ord(c) > 127)
    return folded_token(word) + code


@lru_cache(maxsize=200_000)
def folded_token(word: str) -> str:
    """What every accented form of ``word`` shares: the prefix of their tokens (``duongz``).
    The ``z`` keeps ``ngan`` from matching ``nganh`` (ngành) as Pagefind matches prefixes."""
    return fold(word.lower()) + END


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def text_tokens(text: str) -> str:
    """Every word of a short text (title, facts) as its token, in order."""
    return " ".join(word_token(w) for w in words(text))


def pair_token(first: str, second: str) -> str:
    """``qq`` + both folded words + ``z``: ``nông thôn`` → ``qqnongthonz``."""
    return PAIR_PREFIX + fold(first.lower()) + folded_token(second)


def _repeats(count: int) -> int:
    """Positions a body token gets for ``count`` occurrences (compressed term frequency)."""
    return 1 if count < 3 else 2 if count < 10 else 3


def _pairs(clause_words: list[str]) -> Iterable[str]:
    folded = [fold(w.lower()) for w in clause_words]
    return map(PAIR_PREFIX.__add__, map(str.__add__, folded, map(_end, folded[1:])))


def _end(folded: str) -> str:
    return folded + END


def _clauses(text: str) -> Iterable[list[str]]:
    return filter(None, map(_WORD.findall, _CLAUSE.split(text)))


def body_tokens(blocks: Iterable[str]) -> str:
    """The body as tokens: each distinct word (repeated by frequency), then its frequent pairs."""
    counts: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    for block in blocks:
        for clause in _clauses(block):
            counts.update(map(word_token, clause))
            pairs.update(_pairs(clause))
    out = [t for token, n in counts.items() for t in [token] * _repeats(n)]
    out.extend(p for p, n in pairs.items() if n >= PAIR_MIN_COUNT)
    return " ".join(out)


def folded_tokens(*texts: str) -> str:
    """The folded token (``giaiz``) of every accented word of the texts, once each.

    An unaccented query word is a prefix (``giaiz``) that Pagefind expands only over the words
    of the one index chunk whose range holds the prefix (``request_indexes`` loads a single
    chunk a term); a chunk boundary inside ``giaiz…`` hid every form past it (at 10,000
    notices ``giai`` missed *giải*). The word ``giaiz`` itself is in the chunk loaded, so a
    notice with any form of the word is found.
    """
    tokens = (folded_token(w) for text in texts for w in words(text) if not w.isascii())
    return " ".join(dict.fromkeys(tokens))


def title_tokens(title: str) -> str:
    """The title's words, then all its pairs (a title is short and says what the notice is)."""
    pairs = (p for clause in _clauses(title) for p in _pairs(clause))
    return " ".join([text_tokens(title), *dict.fromkeys(pairs)])


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


@dataclass(frozen=True)
class Shard:
    name: str  # folder of its bundle: "2024", "2024-07" (July to the year's end), "khac"
    members: tuple[int, ...]  # indexes into the documents, newest first


def shard_plan(dates: Sequence[str], max_size: int) -> list[Shard]:
    """Split documents (given by sort date, "" when undated) into index shards, newest first.

    Pagefind needs ~680 bytes of memory per distinct word of every page it indexes at once, so
    the archive is indexed in shards of at most ``max_size`` notices, each a separate Pagefind
    run the browser merges. Shards are runs of whole years (of months, for a year too big for
    one shard), packed from the oldest: past shards stay as they are when notices are added,
    and sorting by date is shard after shard. A shard is named by its oldest period.
    """
    periods: dict[str, list[int]] = defaultdict(list)
    undated: list[int] = []
    for i in sorted(range(len(dates)), key=lambda i: dates[i]):
        (periods[dates[i][:4]] if dates[i] else undated).append(i)
    shards: list[Shard] = []
    current: list[int] = []
    name = ""
    for period, members in _split_big(periods, dates, max_size):
        if current and len(current) + len(members) > max_size:
            shards.append(Shard(name, tuple(reversed(current))))
            current = []
        if not current:
            name = period
        current.extend(members)
    if current:
        shards.append(Shard(name, tuple(reversed(current))))
    shards.reverse()
    for n, start in enumerate(range(0, len(undated), max_size)):
        part = undated[start : start + max_size]
        shards.append(Shard(UNDATED_SHARD + (f"-{n + 1}" if n else ""), tuple(part)))
    return shards


def _split_big(
    years: dict[str, list[int]], dates: Sequence[str], max_size: int
) -> Iterable[tuple[str, list[int]]]:
    """Years (oldest first) as periods; a year bigger than a shard as its months (or parts)."""
    for year, members in years.items():
        if len(members) <= max_size:
            yield year, members
            continue
        months: dict[str, list[int]] = defaultdict(list)
        for i in members:
            months[dates[i][:7]].append(i)
        for month, items in months.items():
            for n, start in enumerate(range(0, len(items), max_size)):
                yield month + (f"-{n + 1}" if n else ""), items[start : start + max_size]


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def document_html(doc: SearchDocument, shard: str | None = None) -> str:
    """A minimal page for Pagefind: the notice's tokens and data, none of the site's chrome.

    Title tokens sit in the ``h1`` (Pagefind's weight 7), facts at weight 2, the body at 1.
    Metadata is what a result shows and filter values what facets show, both as written:
    Pagefind indexes metadata words too, but never as tokens, so no query matches them.
    """
    out = [
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title></title></head>',
        "<body><main data-pagefind-body>",
        f"<h1>{_esc(title_tokens(doc.title))}</h1>",
    ]
    if doc.facts:
        out.append(f'<p data-pagefind-weight="2">{_esc(text_tokens(doc.facts))}</p>')
    out.append(f"<p>{_esc(body_tokens(doc.blocks))}</p>")
    if prefixes := folded_tokens(doc.title, doc.facts, *doc.blocks):
        out.append(f"<p>{_esc(prefixes)}</p>")
    out.append("<div data-pagefind-ignore>")
    meta = {"title": doc.title, **doc.meta}
    for key, value in meta.items():
        out.append(f'<span data-pagefind-meta="{key}">{_esc(value)}</span>')
    filters = {**doc.filters, **({FILTER_SHARD: (shard,)} if shard else {})}
    for key, values in filters.items():
        out.extend(f'<span data-pagefind-filter="{key}">{_esc(v)}</span>' for v in values)
    for key, value in doc.sort.items():
        # Inline form: an empty value ("no date") still gives the page a sort key.
        out.append(f'<span data-pagefind-sort="{key}:{_esc(value)}"></span>')
    out.append("</div></main></body></html>\n")
    return "\n".join(out)
