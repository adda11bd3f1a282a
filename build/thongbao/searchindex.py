"""Search documents and their index terms: what the reader's in-browser search knows of a notice.

Pure: a notice (its record and cleaned Markdown body) in, a ``SearchDocument`` and its weighted
terms out. No MkDocs, no files. ``thongbao.searchfiles`` packs the terms of every notice into the
index files the browser reads; ``overrides/assets/search/search.js`` makes the same terms of a
query (``term_key``; a browser test compares both).

- A word's term is its folded form: lower case, diacritics dropped, đ → d (``Đường`` →
  ``duong``), so an unaccented query finds every accented form. The forms met (``đường``,
  ``dương``) are kept as the term's *variants*, and each notice records which of them it has:
  a query typed with accents lists the notices with its exact forms first.
- Two consecutive words of a clause make a pair term (``giai ngan``, with a space, so it never
  equals a word): quoted phrases require their pairs, unquoted queries rank notices having
  their words side by side first. Every pair is indexed, also those met once (a name or a
  document title quoted by a journalist is often met once): +70 % terms, measured.
- A term's score in a notice: 7 for each title occurrence, 2 for the facts (type, number,
  province, chair), then 1 to 3 for the body: its occurrences weighed against the body's
  length (``body_score``); capped at 255 (one byte in the index).

The real text is never in the index: snippets are cut from the notice page itself in the browser.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, pairwise
from operator import itemgetter, ne

from .record import Record

# Facet keys (the index files, URL parameters of the search page and search.js share them).
FILTER_PROVINCE = "tinh"  # the province that issued the notice, as it was then
FILTER_PROVINCE_NOW = "tinh_nay"  # the province holding that territory since 1 July 2025
FILTER_YEAR = "nam"
FILTER_TOPIC = "chu_de"
FILTER_TOPIC_MAIN = "chu_de_chinh"  # at most four per notice (issue 11): the facet that narrows
FILTER_AGENCY = "co_quan"
FILTER_DOC_TYPE = "loai"
SORT_DATE = "ngay"

TITLE_WEIGHT = 7
FACTS_WEIGHT = 2
MAX_SCORE = 255
BM25_K1 = 1.2
BM25_B = 0.75
TYPICAL_BODY_WORDS = 800  # dispatches have 300-800 words, monthly conclusions 2,000-4,000

_WORD = re.compile(r"[^\W_]+")
# Pairs are formed inside a clause only.
_CLAUSE = re.compile(r"[.,;:!?…()\[\]{}\"“”‘’/]+|\s[-–—]\s")
_BREAK = "\x01"  # a clause break in the body (a control character: never in a word)
_BREAK_SPACED = f" {_BREAK} "
# A body token: a word, or what breaks a clause (the same as ``_CLAUSE``, found in the same
# pass: the two never overlap, as a clause break holds no word character).
_BODY_TOKEN = re.compile(rf"[^\W_]+|{_CLAUSE.pattern}|{_BREAK}")
_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")

# Markdown of the cleaned body (thongbao.render writes a small, known subset).
_RULE = re.compile(r"^(?:\*\s*){3,}$|^(?:-\s*){3,}$")
# The marks dropped from a line, in this order, applied to all the lines of a body at once,
# joined by "\n" and with one before the first: a mark at a line's start begins with that "\n"
# (a literal the regex engine looks for quickly; "^" in MULTILINE mode tries every position),
# and no pattern has a whitespace or negated class that could span a line.
_HEADINGS = re.compile(r"\n#{1,6}[^\S\n]+")
_LIST_MARKS = re.compile(r"\n(?:[-*+]|\d+[.)])[^\S\n]+")
_LINKS = re.compile(r"\[((?:\\.|[^\]\\\n])*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
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


# A notice's terms: term → (score, the word forms met, in order of appearance; none for pairs).
Terms = dict[str, tuple[int, tuple[str, ...]]]


@lru_cache(maxsize=500_000)
def word_form(word: str) -> tuple[str, str]:
    """A word's term and its exact form: ``Đường`` → (``duong``, ``đường``).

    Marks are dropped by Unicode category (M*), as ``\\p{M}`` does in the browser, and đ is
    mapped before decomposing since NFD leaves it whole.
    """
    form = unicodedata.normalize("NFC", word.lower())
    decomposed = unicodedata.normalize("NFD", form.replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")), form


def term_key(word: str) -> str:
    return word_form(word)[0]


class _TokenForms(dict[str, tuple[str, str]]):
    """A body token → (its term, its form), or (``_BREAK``, ``_BREAK``) for a clause break.
    Kept for the process: a notice brings few tokens the archive has not met before."""

    def __missing__(self, token: str) -> tuple[str, str]:
        value = word_form(token) if _WORD.fullmatch(token) else (_BREAK, _BREAK)
        self[token] = value
        return value


class _TokenKeys(dict[str, str]):
    """A body token → its term (or ``_BREAK``): what ``map`` wants, without a call per token."""

    def __missing__(self, token: str) -> str:
        key = self[token] = _TOKEN_FORMS[token][0]
        return key


_TOKEN_FORMS = _TokenForms()
_TOKEN_KEYS = _TokenKeys()


def pair_key(first: str, second: str) -> str:
    """Two consecutive words as one term: ``nông thôn`` → ``nong thon``."""
    return f"{term_key(first)} {term_key(second)}"


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def _clauses(text: str) -> Iterable[list[str]]:
    """Pairs are formed inside a clause only."""
    return filter(None, map(_WORD.findall, _CLAUSE.split(text)))


def body_score(count: int, length: int) -> int:
    """A body term's score, 1 to 3, for ``count`` occurrences in a body of ``length`` words.

    BM25's term weight (k1 = 1.2, b = 0.75) cut into three levels: a word met once in a short
    dispatch weighs as much as one met four times in a typical notice or ten times in a long
    monthly conclusion, which otherwise top every query by sheer size. The average length BM25
    wants is fixed (``TYPICAL_BODY_WORDS``), so that a notice's terms depend on it alone.
    """
    norm = 1 - BM25_B + BM25_B * length / TYPICAL_BODY_WORDS
    weight = count * (BM25_K1 + 1) / (count + BM25_K1 * norm)
    return 1 if weight < 1.2 else 2 if weight < 1.6 else 3


def _body_scores(length: int) -> list[int]:
    """``body_score(n, length)`` for n = 0, 1, 2… up to the first n scoring 3: the score grows
    with n, so any larger count scores 3 too. One list per body length instead of a call per
    term (a notice has ~1,300 terms)."""
    levels = [0]
    while levels[-1] < 3:
        levels.append(body_score(len(levels), length))
    return levels


@lru_cache(maxsize=4096)
def _score_table(length: int, most: int) -> tuple[int, ...]:
    """``body_score(n, length)`` for every n up to ``most``, to be indexed by a count."""
    levels = _body_scores(length)
    return (*levels, *(3,) * max(0, most + 1 - len(levels)))


# A notice's terms as the index builder takes them. Scores: a word's term (a string) or a
# pair's (a tuple of two terms, joined with a space once per archive, not once per notice) →
# its score. Forms: a word's term → its form, or its forms in order of appearance when the
# notice has several (a tuple): most words have one.
RawScores = dict[str | tuple[str, str], int]
RawForms = dict[str, str | tuple[str, ...]]


def raw_terms(doc: SearchDocument) -> tuple[RawScores, RawForms]:
    """Every term of a notice with its score and, for words, the forms it has.

    The body, ~3,000 words, is counted with C-level tools (``Counter``, ``map``, ``zip``,
    ``dict.fromkeys``): Python code runs once per distinct pair (to drop those spanning a
    clause break), never once per word. The title and the facts, a few words, are added word
    by word (``_short_terms``)."""
    scores, forms = _body_terms(doc.blocks)
    short_scores: dict[str | tuple[str, str], int] = {}
    short_forms: dict[str, dict[str, None]] = {}
    _short_terms(doc.title, TITLE_WEIGHT, short_scores, short_forms)
    if doc.facts:
        _short_terms(doc.facts, FACTS_WEIGHT, short_scores, short_forms)
    for key, score in short_scores.items():
        scores[key] = min(scores.get(key, 0) + score, MAX_SCORE)
    for key, first in short_forms.items():  # the title's and the facts' forms come first
        body = forms.get(key, ())
        first.update(dict.fromkeys((body,) if isinstance(body, str) else body))
        forms[key] = tuple(first) if len(first) > 1 else next(iter(first))
    return scores, forms


def _short_terms(text: str, weight: int, scores: dict[str | tuple[str, str], int],
                 forms: dict[str, dict[str, None]]) -> None:
    """A title or the facts: every word and every pair, each occurrence weighted."""
    for clause in _clauses(text):
        keys = []
        for word in clause:
            key, form = word_form(word)
            forms.setdefault(key, {})[form] = None
            keys.append(key)
        for key in (*keys, *pairwise(keys)):
            scores[key] = scores.get(key, 0) + weight


def _body_terms(blocks: Iterable[str]) -> tuple[RawScores, RawForms]:
    # One regex pass over the whole body: words and clause breaks alike, so that pairs are
    # counted with one Counter (those with a break dropped after).
    tokens = _BODY_TOKEN.findall(_BREAK.join(blocks))
    keys = list(map(_TOKEN_KEYS.__getitem__, tokens))
    counts = Counter(keys)
    length = len(keys) - counts.pop(_BREAK, 0)
    if not length:
        return {}, {}
    pairs = Counter(pairwise(keys))
    table = _score_table(length, max(max(counts.values()), max(pairs.values(), default=0)))
    scores: RawScores = dict(zip(counts, map(table.__getitem__, counts.values()), strict=True))
    scores.update({pair: table[n] for pair, n in pairs.items() if _BREAK not in pair})
    return scores, _body_forms(tokens)


def _body_forms(tokens: list[str]) -> RawForms:
    """Each word's form(s), in order of first appearance."""
    # The distinct (term, form) of the body, in order; a term's last form, its first.
    met = list(dict.fromkeys(map(_TOKEN_FORMS.__getitem__, dict.fromkeys(tokens))))
    forms: RawForms = dict(met)
    first = dict(reversed(met))
    forms.pop(_BREAK, None)
    first.pop(_BREAK, None)
    several = set(compress(first, map(ne, first.values(), map(forms.get, first))))
    if several:  # a term met with two forms or more (~1 in 6): its forms in order
        grouped: dict[str, list[str]] = {}
        for key, form in compress(met, map(several.__contains__, map(itemgetter(0), met))):
            grouped.setdefault(key, []).append(form)
        forms.update((key, tuple(group)) for key, group in grouped.items())
    return forms


def scores_and_forms(doc: SearchDocument) -> tuple[dict[str, int], dict[str, tuple[str, ...]]]:
    """``raw_terms`` with a pair's term as its two words' terms and a space, and a word's
    forms always as a tuple."""
    scores, forms = raw_terms(doc)
    return ({key if isinstance(key, str) else " ".join(key): score
             for key, score in scores.items()},
            {key: (form,) if isinstance(form, str) else form for key, form in forms.items()})


def document_terms(doc: SearchDocument) -> Terms:
    """Every term of a notice with its score and, for words, the forms it has."""
    scores, forms = scores_and_forms(doc)
    return {key: (score, forms.get(key, ())) for key, score in scores.items()}


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
    """The body's paragraphs as plain text: Markdown marks, links and escapes dropped.

    The marks are dropped from every line at once (the lines joined by newlines, which no
    mark's pattern can span): a few regex calls a notice, not five a line."""
    lines = [line.strip() for line in markdown.splitlines()]
    if not lines:
        return ()
    breaks = [not line or _RULE.match(line) is not None for line in lines]
    text = "\n" + "\n".join("" if brk else line for line, brk in zip(lines, breaks, strict=True))
    text = _LIST_MARKS.sub("\n", _HEADINGS.sub("\n", text))
    text = _unescaped(_LINKS.sub(r"\1", text))
    blocks: list[str] = []
    current: list[str] = []
    for line, brk in zip(text[1:].split("\n"), breaks, strict=True):
        if not brk:
            current.append(html.unescape(line).strip())
        elif current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return tuple(b for b in blocks if b)


def _unescaped(text: str) -> str:
    """Emphasis marks dropped, then escapes. Without a backslash every star goes: a plain
    replace, as the emphasis pattern's lookbehind makes the regex engine try every position."""
    if "\\" not in text:
        return text.replace("*", "")
    return _ESCAPE.sub(r"\1", _EMPHASIS.sub("", text))


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
        FILTER_TOPIC_MAIN: _values(*(topic_names.get(t, t) for t in record.topics_main)),
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
