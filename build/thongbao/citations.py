"""Citations of legal, administrative and party documents (``68/NQ-CP``, ``10-CT/TU`` …).

Pipeline: find symbols in text → parse their parts → resolve issuer, year and identity → merge
the mentions of one document. The vocabulary (type codes, issuers, spellings) is data:
``content/reference/documents.yml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from . import refdata
from .dates import find_dates
from .record import Policy
from .slug import slugify

_UP = "A-ZĐƯ"
_ANY = "A-Za-zĐđƯư"
_NUMS = r"(?P<nums>\d{1,5}(?:\s*,\s*\d{1,5})*)"
_STATE = (
    rf"{_NUMS}\s*/\s*(?:(?P<year>(?:19|20)\d{{2}})\s*/\s*)?"
    rf"(?P<code>[{_UP}][{_ANY}]{{0,7}}\d{{0,2}}(?:\s?[-–]\s?[{_UP}][{_ANY}0-9]{{0,12}}){{0,3}})"
)
_PARTY = (
    rf"(?P<pnums>\d{{1,5}}(?:\s*,\s*\d{{1,5}})*)\s*[-–]\s*(?P<ptype>[{_UP}][{_ANY}]{{0,3}})"
    rf"\s*/\s*(?P<pissuer>[{_UP}][{_ANY}]{{0,6}})"
)
SYMBOL_RE = re.compile(rf"(?<![\w/.-])(?:{_PARTY}|{_STATE})(?![\w/])")
_ISSUER_PHRASE = re.compile(
    r"^\s*(?:,\s*)?(?:ban hành\s+)?(?:ngày\s+[^,;]{4,24}?\s+)?(?:của|do)\s+"
    r"(?P<who>[^,;.()]{3,80}?)"
    r"(?=\s+(?:về|v/v|quy định|ban hành|phê duyệt|tại|thông qua|để)\b|[,;.()]|$)",
    re.IGNORECASE,
)
_TYPE_WORD = re.compile(
    r"(Nghị quyết|Quyết định|Chỉ thị|Công điện|Công văn|Thông báo|Kết luận|Kế hoạch|Đề án|"
    r"Nghị định|Thông tư|Chương trình|Hướng dẫn|Báo cáo|Quy định|Luật|Tờ trình|Văn bản)"
    r"(?:\s+(?:liên tịch|kết luận|hành động))?\s*(?:số)?\s*$",
    re.IGNORECASE,
)
_LIST_GLUE = re.compile(r"\s*(?:,|và)\s*(?:số\s*)?")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[\w\"“(])")


@dataclass(frozen=True)
class Vocabulary:
    types: dict[str, str]
    spelling: dict[str, str]
    issuers: dict[str, dict]
    dispatch_types: frozenset[str]
    party_bodies: tuple[tuple[str, str], ...]


def load_vocabulary(path: Path) -> Vocabulary:
    """``content/reference/documents.yml``, through the reference loader (rebuilt on edit)."""
    return refdata.load(path.parent, path.name)


def vocabulary_from_data(data: dict) -> Vocabulary:
    return Vocabulary(
        types=dict(data["types"]),
        spelling=dict(data["spelling"]),
        issuers=dict(data["issuers"]),
        dispatch_types=frozenset(data["dispatch_types"]),
        # Longest phrase first: "ban chấp hành đảng bộ" before "ban chấp hành".
        party_bodies=tuple(sorted(data["party_bodies"].items(), key=lambda kv: -len(kv[0]))),
    )


refdata.register("documents.yml", build=vocabulary_from_data)


@dataclass(frozen=True)
class Mention:
    """One symbol as written, before merging the mentions of one document."""

    symbol: str
    number: str
    type_code: str | None
    issuer_code: str
    year: int | None
    date: str | None
    type_name: str | None
    issuer_phrase: str | None
    group: int  # mentions written as one shared list ("01,02/NQ-CP") share a group
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Context:
    province: str | None  # canonical province name of the notice
    province_id: str | None
    unit: str  # "tỉnh" or "thành phố"
    notice_year: int | None


def _norm_code(code: str, vocab: Vocabulary) -> str:
    parts = [p.strip() for p in re.split(r"\s?[-–]\s?", code)]
    return "-".join(vocab.spelling.get(p, p) for p in parts)


def find_mentions(text: str, vocab: Vocabulary, group_base: int = 0) -> list[Mention]:
    """Symbols cited in one block of text."""
    mentions: list[Mention] = []
    if "/" not in text:
        return mentions  # every symbol has its slash ("68/NQ-CP", "10-CT/TU")
    gi, prev_end = -1, -1
    for m in SYMBOL_RE.finditer(text):
        # "01/NQ-CP và 02/NQ-CP ngày 01/01/2022": written as one list, one date for both.
        if prev_end < 0 or not _LIST_GLUE.fullmatch(text[prev_end : m.start()]):
            gi += 1
        prev_end = m.end()
        cited = _cited(m, vocab)
        if cited is None:
            continue
        quote = _sentence_around(text, m.start(), m.end())
        tail = text[m.end() : m.end() + 160]
        phrase = _ISSUER_PHRASE.match(tail)
        date = _citation_date(tail)
        year_from_date = int(date[:4]) if date else None
        type_name = _type_word(text[max(0, m.start() - 40) : m.start()])
        # A party document's year is its date's; a state one's is in its symbol when written.
        year = int(m.group("year")) if m.group("year") else year_from_date
        for symbol, num in zip(cited.symbols, cited.numbers, strict=True):
            mentions.append(
                Mention(
                    symbol, num, cited.type_code, cited.issuer, year, date, type_name,
                    phrase.group("who") if phrase else None, group_base + gi, quote,
                    m.start(), m.end(),
                )
            )
    return mentions


def find_symbols(text: str, vocab: Vocabulary) -> list[tuple[str, int, int]]:
    """(symbol, start, end) of each mention :func:`find_mentions` finds, without the rest
    (its date, issuer phrase, quote): what the body's HTML needs to link a cited document."""
    if "/" not in text:
        return []
    return [
        (symbol, m.start(), m.end())
        for m in SYMBOL_RE.finditer(text)
        if (cited := _cited(m, vocab)) is not None
        for symbol in cited.symbols
    ]


@dataclass(frozen=True)
class _Cited:
    """What a symbol's match says by itself: one symbol per number of a shared list."""

    symbols: tuple[str, ...]
    numbers: tuple[str, ...]
    type_code: str | None
    issuer: str


def _cited(m: re.Match[str], vocab: Vocabulary) -> _Cited | None:
    """The documents a match of SYMBOL_RE cites, or None when it is no citation ("4/KH", a
    stray fraction, an unknown issuer without a type)."""
    if m.group("pnums"):
        type_code = vocab.spelling.get(m.group("ptype"), m.group("ptype"))
        issuer = vocab.spelling.get(m.group("pissuer"), m.group("pissuer"))
        numbers = tuple(re.split(r"\s*,\s*", m.group("pnums")))
        symbols = tuple(f"{num}-{type_code}/{issuer}" for num in numbers)
        return _Cited(symbols, numbers, type_code, issuer)
    code = _norm_code(m.group("code"), vocab)
    parts = code.split("-")
    if parts[0] in vocab.types and len(parts) >= 2:
        type_code, issuer = parts[0], parts[1]
    elif len(parts) == 1 and _issuer_key(parts[0], vocab) is None:
        return None  # "4/KH" or a stray fraction: no issuer, not a citation
    else:
        type_code, issuer = None, parts[0]
    if _issuer_key(issuer, vocab) is None and type_code is None:
        return None
    middle = f"{m.group('year')}/" if m.group("year") else ""
    numbers = tuple(re.split(r"\s*,\s*", m.group("nums")))
    return _Cited(tuple(f"{num}/{middle}{code}" for num in numbers), numbers, type_code, issuer)


def _citation_date(tail: str) -> str | None:
    """The date that follows a symbol at once (``68/NQ-CP ngày 01/7/2021``)."""
    m = re.match(r"\s*,?\s*(?:ban hành\s+)?ngày\s*", tail, re.IGNORECASE)
    if not m:
        return None
    window = tail[m.start() : m.end() + 30]
    found = find_dates(window)
    if found and found[0].start <= m.end() - m.start():
        return found[0].value
    return None


def _type_word(before: str) -> str | None:
    m = _TYPE_WORD.search(before)
    if not m:
        return None
    word = m.group(1)
    return word[0].upper() + word[1:].lower() if word.isupper() else word


def _sentence_around(text: str, start: int, end: int) -> str:
    pieces = _SENTENCE_SPLIT.split(text)
    pos = 0
    for piece in pieces:
        found = text.find(piece, pos)
        if found <= start < found + len(piece):
            return piece.strip()[:500]
        pos = found + len(piece)
    return text[max(0, start - 200) : end + 200].strip()


def _issuer_key(code: str, vocab: Vocabulary) -> str | None:
    if code in vocab.issuers:
        return code
    stripped = re.sub(r"\d+$", "", code)
    return stripped if stripped in vocab.issuers else None


def resolve(mentions: Sequence[Mention], ctx: Context, vocab: Vocabulary) -> list[Policy]:
    """Merge the mentions of each document and resolve issuer, year and identity."""
    mentions = _propagate_years(mentions, ctx, vocab)
    by_key: dict[tuple[str, str | None], list[Mention]] = {}
    for mention in mentions:
        key = (mention.symbol, _scope_province(mention, ctx, vocab))
        by_key.setdefault(key, []).append(mention)
    policies = [_policy(key, group, ctx, vocab) for key, group in by_key.items()]
    return policies


def _scope_province(mention: Mention, ctx: Context, vocab: Vocabulary) -> str | None:
    key = _issuer_key(mention.issuer_code, vocab)
    scope = vocab.issuers[key]["scope"] if key else "central"
    return ctx.province_id if scope in ("local", "party-local") else None


def _propagate_years(
    mentions: Sequence[Mention], ctx: Context, vocab: Vocabulary
) -> list[Mention]:
    known: dict[str, int] = {m.symbol: m.year for m in mentions if m.year}
    out = [replace(m, year=m.year or known.get(m.symbol)) for m in mentions]
    group_years: dict[int, int] = {m.group: m.year for m in out if m.year}
    out = [replace(m, year=m.year or group_years.get(m.group)) for m in out]
    known.update({m.symbol: m.year for m in out if m.year})
    final = []
    for m in out:
        year = m.year or known.get(m.symbol)
        if year is None and ctx.notice_year and _is_dispatch(m, vocab):
            year = ctx.notice_year
        final.append(replace(m, year=year))
    return final


def _is_dispatch(m: Mention, vocab: Vocabulary) -> bool:
    # Công văn carry no type code ("3413/UBND-TH"); công điện, thông báo are short-lived too.
    if m.type_code is None:
        return True
    return m.type_code in vocab.dispatch_types


def _policy(
    key: tuple[str, str | None], group: list[Mention], ctx: Context, vocab: Vocabulary
) -> Policy:
    symbol, province_id = key
    first = group[0]
    year = next((m.year for m in group if m.year), None)
    issuer = _issuer_name(first, ctx, vocab, [m.issuer_phrase for m in group])
    type_name = next((m.type_name for m in group if m.type_name), None)
    if type_name is None and first.type_code:
        type_name = vocab.types.get(first.type_code)
    if type_name is None:
        type_name = "Công văn"
    ident = slugify(symbol)
    if year and str(year) not in symbol:
        ident += f"-{year}"
    if province_id:
        ident += f"-{province_id}"
    quotes = tuple(dict.fromkeys(m.quote for m in group))
    return Policy(
        id=ident,
        symbol=symbol,
        year=year,
        issuer=issuer,
        local=province_id is not None,
        kind="document",
        name=f"{type_name} số {symbol}",
        date=next((m.date for m in group if m.date), None),
        quotes=quotes,
    )


def _issuer_name(
    mention: Mention, ctx: Context, vocab: Vocabulary, phrases: Iterable[str | None]
) -> str | None:
    key = _issuer_key(mention.issuer_code, vocab)
    if key is None:
        return None
    entry = vocab.issuers[key]
    scope = entry["scope"]
    template = entry.get("by_type", {}).get(mention.type_code, entry["name"])
    if scope.startswith("party"):
        stated = _stated_party_issuer(phrases, vocab)
        if stated:
            template = stated + (" {province}" if scope == "party-local" else "")
    if scope in ("local", "party-local"):
        if not ctx.province:
            return None
        party = "Thành ủy" if ctx.unit == "thành phố" else "Tỉnh ủy"
        # "TP Hồ Chí Minh" carries its TP; after "UBND thành phố" it would be said twice.
        province = ctx.province.removeprefix("TP ")
        return template.format(unit=ctx.unit, province=province, party=party)
    return template


def _stated_party_issuer(phrases: Iterable[str | None], vocab: Vocabulary) -> str | None:
    """The issuing party body as the text states it (``của Ban Thường vụ Tỉnh ủy``)."""
    for phrase in phrases:
        if not phrase:
            continue
        low = phrase.lower().replace("uỷ", "ủy")
        for needle, body in vocab.party_bodies:
            if low.startswith(needle):
                return body
    return None
