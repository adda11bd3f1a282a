"""Curated reference data: provinces, agencies, topics (``content/reference/*.yml``).

Pure loading and lookup. Nothing is read at import time: :func:`load_reference` reads the three
YAML files on first use, validates them (a malformed file raises :class:`ReferenceError` naming
the file, the entry and the problem; then each file's JSON Schema, see :mod:`thongbao.refdata`)
and caches the result per directory. The cache is keyed by :func:`thongbao.refdata.digest`, the
sha256 of every reference file's bytes, so a long-running ``mkdocs serve`` picks up an edited
file on the next call whatever its mtime; :attr:`Reference.digest` is that same hash, the cache
key for the incremental build step.

Matching works on *keys* made by :func:`normalise_key` (see there for the exact rules). Province
keys are also looked up without diacritics (``Bac Kan``); agency keys and topic phrases keep
their diacritics, because folding would make short agency names collide with unrelated text
(``Sở Tài chính`` vs ``... sở tại chính quyền ...``).
"""

from __future__ import annotations

import datetime
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, chain
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple, overload

import yaml

from thongbao import refdata
from thongbao.slug import fold

__all__ = [
    "Agency",
    "FormerName",
    "Mention",
    "Province",
    "Reference",
    "ReferenceError",
    "Topic",
    "clear_cache",
    "default_directory",
    "load_reference",
    "normalise_key",
]

PROVINCES_FILE = "provinces.yml"
AGENCIES_FILE = "agencies.yml"
TOPICS_FILE = "topics.yml"

#: Units before 1 July 2025 and since (Resolution 202/2025/QH15).
PROVINCE_COUNT = 63
CURRENT_PROVINCE_COUNT = 34

PROVINCE_KINDS = ("tỉnh", "thành phố")
AGENCY_KINDS = (
    "sở",
    "ban",
    "cục",
    "kho-bac",
    "cong-an",
    "quan-su",
    "van-phong",
    "thanh-tra",
    "ubnd-huyen",
    "ubnd-xa",
    "khac",
)

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CODE = re.compile(r"^[0-9]{2}$")


#: A reference file is missing or malformed; the message names file, entry and problem.
#: The same class as :class:`thongbao.refdata.ReferenceFileError`, so callers catch one error
#: for every reference file. Shadows Python's builtin ``ReferenceError`` (weak references)
#: inside this module only; import it by name from here.
ReferenceError = refdata.ReferenceFileError


# ---------------------------------------------------------------------------------------------
# Key normalisation and tokens


_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_CONJUNCTION = "và"


def _fold_tone_placement(word: str) -> str:
    """Move a syllable-final tone mark of ``oa``/``oe``/``uy`` onto the first vowel.

    ``hoà`` → ``hòa``, ``khoẻ`` → ``khỏe``, ``thuỷ`` → ``thủy``, ``uỷ`` → ``ủy``; only at the end of
    the word, so ``hoàn``/``huýt`` (mark on the second vowel is the only spelling) are untouched.
    """
    if len(word) < 2 or word[-2] not in "ou":
        return word
    decomposed = unicodedata.normalize("NFD", word[-1])
    base, marks = decomposed[:1], decomposed[1:]
    if len(marks) != 1 or marks not in _TONE_MARKS:
        return word
    if (word[-2] == "o" and base in "ae") or (word[-2] == "u" and base == "y"):
        return word[:-2] + unicodedata.normalize("NFC", word[-2] + marks) + base
    return word


def _normalise_word(word: str) -> str:
    word = unicodedata.normalize("NFC", word).lower().replace("ð", "đ")  # Icelandic eth for Đ
    return _fold_tone_placement(word)


class _WordKeys(dict[str, str]):
    """Raw word → :func:`_normalise_word` of it, made on first use. :func:`_tokens` maps every
    word of every clause through it: a dict subclass finds a known word in C, at half the cost
    of an ``lru_cache`` wrapper's call."""

    def __missing__(self, word: str) -> str:
        if len(self) >= _WORD_KEYS_LIMIT:
            self.clear()  # bounded like the cache it replaced
        key = self[word] = _normalise_word(word)
        return key


_WORD_KEYS_LIMIT = 65536
_WORD_KEYS = _WordKeys()


class _Token(NamedTuple):
    word: str  # normalised (see normalise_key)
    start: int  # offsets into the NFC text
    end: int
    sep: str  # raw text between the previous word and this one
    after_and: bool  # a dropped "và" stood between the previous word and this one
    upper: bool  # the raw word starts with a capital letter


class _Tokens(Sequence[_Token]):
    """The words of a text as columns (one list per field of :class:`_Token`).

    Searches read the columns they need (most only ``words``), so the ~7,500 words of a
    notice cost no tuple each; indexing still gives a :class:`_Token`, for the rest.
    """

    __slots__ = ("after_and", "ends", "raws", "seps", "starts", "words")

    def __init__(
        self,
        words: list[str],
        starts: list[int],
        ends: list[int],
        seps: list[str],
        raws: list[str],
        after_and: frozenset[int] = frozenset(),
    ) -> None:
        self.words = words  # normalised (see normalise_key)
        self.starts = starts  # offsets into the NFC text
        self.ends = ends
        self.seps = seps  # raw text between the previous kept word and this one
        self.raws = raws  # the words as written
        self.after_and = after_and  # positions a dropped "và" stood before

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, i: int) -> _Token: ...

    @overload
    def __getitem__(self, i: slice) -> list[_Token]: ...

    def __getitem__(self, i: int | slice) -> _Token | list[_Token]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self.words)
        return _Token(self.words[i], self.starts[i], self.ends[i], self.seps[i],
                      i in self.after_and, self.upper(i))

    def upper(self, i: int) -> bool:
        """Whether the ``i``-th raw word starts with a capital letter."""
        return self.raws[i][0].isupper()


_NO_TOKENS = _Tokens([], [], [], [], [])

# The same words as runs to split on (a capturing group keeps them): the text alternates
# separator, word, separator, … so the columns are slices of one split, not a loop per match.
_SPLIT_WORDS = re.compile(r"((?:[^\W_]|[\u0300-\u036f])+)")
# The same words for a text without "_" (\w is [^\W_] plus "_"), and a third faster.
_SPLIT_WORDS_NO_UNDERSCORE = re.compile(r"([\w\u0300-\u036f]+)")


def _tokens(text: str) -> _Tokens:
    """Words of NFC ``text`` with offsets; "và" is dropped and remembered on the next word."""
    # The hottest function of the build step (every clause, text node and body goes through
    # it): built column by column with C-level slicing, map and accumulate instead of a
    # Python loop per word. parts = [sep0, word0, sep1, word1, …, wordN-1, sepN].
    parts = (_SPLIT_WORDS_NO_UNDERSCORE if "_" not in text else _SPLIT_WORDS).split(text)
    raws = parts[1::2]
    if not raws:
        return _NO_TOKENS
    bounds = list(accumulate(map(len, parts)))  # bounds[i]: offset where parts[i] ends
    starts, ends, seps = bounds[0:-1:2], bounds[1::2], parts[0:-1:2]
    words = list(map(_WORD_KEYS.__getitem__, raws))
    if _CONJUNCTION in words:
        return _without_conjunctions(text, _Tokens(words, starts, ends, seps, raws))
    return _Tokens(words, starts, ends, seps, raws)


def _without_conjunctions(text: str, tokens: _Tokens) -> _Tokens:
    """``tokens`` without its "và" words; the word after a run of them gets ``after_and`` and
    a separator running from the previous kept word (so the dropped "và" stays in it)."""
    words = tokens.words
    kept: list[tuple[int, int]] = []  # [lo, hi) runs of words that are not "và"
    lo = 0
    for i in [i for i, word in enumerate(words) if word == _CONJUNCTION]:
        if i > lo:
            kept.append((lo, i))
        lo = i + 1
    if lo < len(words):
        kept.append((lo, len(words)))
    seps = list(tokens.seps)
    after_and = set()
    position = 0  # index of a run's first word once the "và" words are gone
    for lo, hi in kept:
        if lo:  # a run of "và" stands before this one
            first = lo - 1
            while first and words[first - 1] == _CONJUNCTION:
                first -= 1
            prev_end = tokens.ends[first - 1] if first else 0
            seps[lo] = text[prev_end : tokens.starts[lo]]
            after_and.add(position)
        position += hi - lo

    def keep(column: list) -> list:
        return list(chain.from_iterable(column[lo:hi] for lo, hi in kept))

    return _Tokens(keep(words), keep(tokens.starts), keep(tokens.ends), keep(seps),
                   keep(tokens.raws), frozenset(after_and))


_HARD = frozenset(",;.!?()[]")


def _is_hard(sep: str) -> bool:
    """Whether the text between two words holds a list or sentence separator."""
    return not _HARD.isdisjoint(sep)


def _breaks(text: str) -> frozenset[int]:
    """Word positions k where ``text`` itself has a hard separator before its k-th word."""
    seps = _tokens(unicodedata.normalize("NFC", text)).seps
    return frozenset(k for k, sep in enumerate(seps) if k and _is_hard(sep))


def normalise_key(text: str) -> str:
    """The key under which names, aliases and topic phrases are looked up.

    Exactly:

    1. Unicode NFC.
    2. Split into words: maximal runs of letters and digits (combining marks stay in the word).
       Every other character — spaces, line breaks, ``&``, ``-``, ``–``, ``—``, ``,``, ``.``,
       ``/``, ``:``, ``(``, ``)`` … — only separates words, so ``KH&ĐT``, ``KH-ĐT`` and
       ``KH - ĐT`` give the same key (but ``KHĐT``, one word, does not).
    3. Each word is lower-cased (``Đ`` → ``đ``; the look-alike ``Ð``/``ð`` also → ``đ``) and its
       tone placement folded: a word ending in ``oa``, ``oe`` or ``uy`` with the tone mark on the
       last vowel gets the mark on the ``o``/``u`` instead (``hoà`` → ``hòa``, ``Thanh Hoá`` →
       ``thanh hóa``, ``thuỷ`` → ``thủy``, ``Uỷ`` → ``ủy``).
    4. The word ``và`` is dropped (``Kế hoạch và Đầu tư`` ≡ ``Kế hoạch Đầu tư`` ≡
       ``Kế hoạch & Đầu tư``).
    5. The remaining words are joined with single spaces.

    Diacritics are kept: ``Bac Kan`` and ``Bắc Kạn`` have different keys. Province look-ups
    additionally try :func:`thongbao.slug.fold` of the key; prefixes such as ``tỉnh``,
    ``thành phố``, ``TP.`` and ``UBND tỉnh`` are stripped by :meth:`Reference.province_by_name`,
    not here.
    """
    return " ".join(_tokens(unicodedata.normalize("NFC", text)).words)


def _key_tuple(text: str) -> tuple[str, ...]:
    return tuple(_tokens(unicodedata.normalize("NFC", text)).words)


# ---------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class FormerName:
    """A name a unit bore until ``until`` (inclusive)."""

    name: str
    kind: str
    until: datetime.date
    display: str


@dataclass(frozen=True)
class Province:
    """A province-level unit as it existed before 1 July 2025 (63 of them)."""

    id: str
    name: str  # current (or last) name, without "tỉnh"/"thành phố"
    kind: str  # "tỉnh" | "thành phố"
    display: str  # page-title form: "TP Hồ Chí Minh", "Hà Nội", "Bắc Kạn"
    code: str  # administrative code before 1 July 2025
    code_now: str | None  # code since 1 July 2025 (Lào Cai: "15"); None for merged-away units
    until: datetime.date | None  # last day of existence; None when it exists today
    successor: str | None  # id of the unit holding the territory since 1 July 2025
    former_names: tuple[FormerName, ...]
    aliases: tuple[str, ...]
    examples: tuple[str, ...] = ()

    @property
    def current(self) -> bool:
        """Whether the unit exists today (one of the 34)."""
        return self.until is None

    def _former_on(self, day: datetime.date | None) -> FormerName | None:
        if day is None:
            return None
        for former in sorted(self.former_names, key=lambda f: f.until):
            if day <= former.until:
                return former
        return None

    def name_on(self, day: datetime.date | None) -> str:
        """The name on ``day`` (``None``: today's); Huế is "Thừa Thiên Huế" until 2024-12-31."""
        former = self._former_on(day)
        return former.name if former else self.name

    def kind_on(self, day: datetime.date | None) -> str:
        former = self._former_on(day)
        return former.kind if former else self.kind

    def display_on(self, day: datetime.date | None) -> str:
        former = self._former_on(day)
        return former.display if former else self.display

    def existed_on(self, day: datetime.date) -> bool:
        return self.until is None or day <= self.until


@dataclass(frozen=True)
class Agency:
    """A provincial body that receives tasks in notices."""

    id: str
    name: str
    kind: str
    head: str  # head word shared in lists: "Sở" in "Các Sở: Tài chính, Công Thương"
    names: tuple[str, ...]  # what may follow the head word
    full_aliases: tuple[str, ...]  # whole forms not of the shape head + name
    province: str | None  # province id for a body of one province only
    from_: datetime.date | None
    until: datetime.date | None
    successors: tuple[str, ...]
    succession_note: str | None
    examples: tuple[str, ...] = ()

    @property
    def current(self) -> bool:
        return self.until is None

    def active_on(self, day: datetime.date) -> bool:
        return (self.from_ is None or self.from_ <= day) and (
            self.until is None or day <= self.until
        )


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    threshold: float
    evidence: tuple[tuple[str, float], ...]  # (phrase, weight per occurrence)
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """A span of the (NFC) text that names a known province or agency."""

    id: str
    start: int
    end: int
    text: str


# ---------------------------------------------------------------------------------------------
# The loaded reference


# Leading words stripped by province_by_name ("UBND tỉnh Bắc Kạn", "TP. Hồ Chí Minh", ...).
_PROVINCE_PREFIXES: tuple[tuple[str, ...], ...] = tuple(
    _key_tuple(p)
    for p in (
        "Ủy ban nhân dân",
        "Uy ban nhan dan",
        "UBND",
        "Hội đồng nhân dân",
        "HĐND",
        "Tỉnh ủy",
        "Thành ủy",
        "tỉnh",
        "tinh",
        "thành phố",
        "thanh pho",
        "TP",
    )
)

# A match preceded by one of these words is part of another body ("Chi cục Thuế huyện",
# "Tổng cục Thống kê"), or followed by these, belongs to the People's Council ("Ban Dân tộc
# HĐND tỉnh").
_BLOCK_BEFORE = frozenset({"chi", "tổng"})
_BLOCK_AFTER: tuple[tuple[str, ...], ...] = (("hđnd",), ("hội", "đồng", "nhân", "dân"))
# Texts remembered by find_agencies at most (a notice asks about ~150): bounds the memo of a
# process that never calls forget_texts.
_MEMO_LIMIT = 2048
_DEPARTMENT_HEAD = "sở"  # normalise_key("Sở"): "Bộ" + a department's name is a ministry


@dataclass(frozen=True, eq=False)
class Reference:
    """The loaded, validated reference data with its look-up indexes."""

    provinces: Mapping[str, Province]
    agencies: Mapping[str, Agency]
    topics: Mapping[str, Topic]
    digest: str
    directory: Path
    _province_keys: Mapping[str, str] = field(repr=False)
    _province_folded: Mapping[str, str] = field(repr=False)
    _agency_keys: Mapping[str, str] = field(repr=False)
    _names_by_head: Mapping[str, Mapping[str, tuple[str, ...]]] = field(repr=False)

    # -- provinces ------------------------------------------------------------------------

    def province_by_name(self, text: str) -> Province | None:
        """The unit a name denotes, or None.

        Accepts ``Bắc Kạn``, ``tỉnh Bắc Cạn``, ``UBND tỉnh Bắc Kạn``, ``Bac Kan``, ``TP.HCM``,
        ``Hoà Bình``, ``Thừa Thiên Huế``: leading ``Ủy ban nhân dân``/``UBND``/``HĐND``/
        ``tỉnh``/``thành phố``/``TP`` words are stripped, case and tone placement are folded
        (:func:`normalise_key`), and an unaccented spelling is tried last. The whole text must be
        the name: use :meth:`find_provinces` to search running text.
        """
        words = list(_key_tuple(text))
        stripped = True
        while stripped:
            stripped = False
            for prefix in _PROVINCE_PREFIXES:
                if len(words) > len(prefix) and tuple(words[: len(prefix)]) == prefix:
                    del words[: len(prefix)]
                    stripped = True
        key = " ".join(words)
        province_id = self._province_keys.get(key) or self._province_folded.get(fold(key))
        return self.provinces[province_id] if province_id else None

    def province_now(self, province_id: str) -> Province:
        """The unit holding ``province_id``'s territory since 1 July 2025 (itself if current)."""
        province = self.provinces[province_id]
        seen = {province.id}
        while province.successor is not None:
            province = self.provinces[province.successor]
            if province.id in seen:  # pragma: no cover - the loader rejects cycles
                raise ReferenceError(f"{PROVINCES_FILE}: successor cycle at {province.id}")
            seen.add(province.id)
        return province

    def predecessors(self, province_id: str) -> tuple[Province, ...]:
        """The pre-1 July 2025 units whose territory ``province_id`` holds today, by code.

        For a current unit this includes the unit itself (Thái Nguyên → Bắc Kạn, Thái Nguyên);
        a unit merged away holds no territory today and gets ``()``.
        """
        if not self.provinces[province_id].current:
            return ()
        found = [p for p in self.provinces.values() if self.province_now(p.id).id == province_id]
        return tuple(sorted(found, key=lambda p: p.code))

    def province_alias_keys(self) -> dict[str, str]:
        """Normalised key → province id, over names, former names and aliases, with and
        without diacritics (``bắc kạn``, ``bắc cạn``, ``bac kan``, ``tp hcm`` …).

        Keys carry no ``tỉnh``/``thành phố`` prefix. Bare names are ambiguous in running text
        (``Chủ tịch Hồ Chí Minh``, ``huyện Long An``?): a scanner should want context.
        """
        keys = dict(self._province_folded)
        keys.update(self._province_keys)
        return keys

    def find_provinces(self, text: str) -> tuple[Mention, ...]:
        """Longest-match mentions of any province key in running text, left to right."""
        text = unicodedata.normalize("NFC", text)
        return tuple(
            Mention(pid, start, end, text[start:end])
            for pid, start, end in _scan(_tokens(text), self._province_index)
        )

    @cached_property
    def _province_index(self) -> _KeyIndex:
        keys = {tuple(k.split(" ")): v for k, v in self.province_alias_keys().items()}
        return _KeyIndex(keys, breaks={})

    # -- agencies -------------------------------------------------------------------------

    def agency_alias_keys(self) -> dict[str, str]:
        """Normalised key → agency id over each agency's canonical name, ``head + name`` for
        every entry of ``names``, and ``full_aliases``. Keys keep their diacritics."""
        return dict(self._agency_keys)

    def agency_names_by_head(self) -> dict[str, dict[str, list[str]]]:
        """Normalised head → {normalised name → [agency ids]}, to expand lists such as
        ``Các Sở: Tài chính, Tài nguyên và Môi trường, Công Thương``."""
        return {
            head: {name: list(ids) for name, ids in names.items()}
            for head, names in self._names_by_head.items()
        }

    def agency_by_name(self, text: str) -> Agency | None:
        """The agency a name denotes: the text starts with a mention of one known agency and
        mentions no other (``Sở KH&ĐT``, ``Kho bạc Nhà nước Bắc Kạn``, ``Cục Thống kê tỉnh``).
        """
        text = unicodedata.normalize("NFC", text)
        mentions = self.find_agencies(text)
        starts = _tokens(text).starts
        if mentions and mentions[0].start == starts[0] and len({m.id for m in mentions}) == 1:
            return self.agencies[mentions[0].id]
        return None

    def find_agencies(self, text: str) -> tuple[Mention, ...]:
        """Mentions of known agencies in running text, left to right, longest match first.

        Lists sharing a head word are expanded: after ``Sở Tài chính`` (or ``Các Sở: Tài
        chính``), further names of the same head follow when separated by ``,``/``;``/``và``
        and starting with a capital letter (``…, Tài nguyên và Môi trường, Công Thương``).
        A name does not run across a comma, semicolon or full stop unless its spelling has one
        there ("Các Sở: Giao thông vận tải, Xây dựng" is two departments). A match right after
        ``Chi``/``Tổng`` (``Chi cục Thuế``, ``Tổng cục Thống kê``) or right before ``HĐND``
        (``Ban Dân tộc HĐND tỉnh``) is skipped. Named district committees (``UBND huyện Si Ma
        Cai``) are left to the extractor. Offsets refer to the NFC form of ``text``.
        """
        text = unicodedata.normalize("NFC", text)
        memo = self._agency_memo
        found = memo.get(text)
        if found is None:
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            found = memo[text] = self._agency_mentions(text, _tokens(text))
        return found

    def forget_texts(self) -> None:
        """Empty the memo of :meth:`find_agencies` (extraction does, at each notice)."""
        self._agency_memo.clear()

    @cached_property
    def _agency_memo(self) -> dict[str, tuple[Mention, ...]]:
        """Text → its mentions. A notice asks about the same text more than once: a clause
        that is a whole paragraph is searched for tasks, then again as a text node of the
        body's HTML (a third of the searches of a generated notice, an eighth of a real one)."""
        return {}

    def _agency_mentions(self, text: str, tokens: _Tokens) -> tuple[Mention, ...]:
        return tuple(_mention(text, tokens, aid, i, n) for aid, i, n in self._agency_spans(tokens))

    def _agency_spans(self, tokens: _Tokens) -> list[tuple[str, int, int]]:
        """(agency id, first token, number of tokens) of each mention, left to right."""
        found: list[tuple[str, int, int]] = []
        index = self._agency_index
        firsts = index.firsts
        i = 0  # the first token a new mention may start at
        # Most words start no name: only those that do are visited (one comprehension).
        for k in [k for k, word in enumerate(tokens.words) if word in firsts]:
            if k < i:
                continue  # inside the previous mention or blocked span
            hit = index.longest(tokens, k)
            if hit is None:
                continue
            if _blocked(tokens, k, hit[1]):  # skip the whole span: "Chi cục Thuế tỉnh"
                i = k + hit[1]
                continue
            agency_id, n = hit
            found.append((agency_id, k, n))
            j = k + n
            names = self._continuation_index.get(agency_id)
            while names and j < len(tokens) and _list_separator(tokens, j) and tokens.upper(j):
                more = names.longest(tokens, j)
                if more is None or _blocked(tokens, j, more[1]):
                    break
                found.append((more[0], j, more[1]))
                j += more[1]
            i = j
        return found

    def agencies_in(self, text: str) -> tuple[str, ...]:
        """Ids of the agencies :meth:`find_agencies` finds, first occurrence order, unique."""
        return tuple(dict.fromkeys(m.id for m in self.find_agencies(text)))

    @cached_property
    def _agency_index(self) -> _KeyIndex:
        keys = {tuple(k.split(" ")): v for k, v in self._agency_keys.items()}
        return _KeyIndex(keys, self._agency_breaks)

    @cached_property
    def _agency_breaks(self) -> dict[tuple[str, ...], frozenset[int]]:
        """Agency key → positions where its spellings have a hard separator."""
        out: dict[tuple[str, ...], frozenset[int]] = {}
        for agency in self.agencies.values():
            spellings = [
                agency.name,
                *(f"{agency.head} {name}" for name in agency.names),
                *agency.full_aliases,
            ]
            for spelling in spellings:
                key = _key_tuple(spelling)
                out[key] = out.get(key, frozenset()) | _breaks(spelling)
        return out

    @cached_property
    def _name_breaks(self) -> dict[tuple[str, ...], frozenset[int]]:
        """Name (after the head word) → positions where it has a hard separator."""
        out: dict[tuple[str, ...], frozenset[int]] = {}
        for agency in self.agencies.values():
            for name in agency.names:
                key = _key_tuple(name)
                out[key] = out.get(key, frozenset()) | _breaks(name)
        return out

    @cached_property
    def _head_index(self) -> dict[str, _KeyIndex]:
        """normalised head → index of the names following it (names naming one agency)."""
        return {
            head: _KeyIndex(
                {tuple(name.split(" ")): ids[0] for name, ids in names.items() if len(ids) == 1},
                self._name_breaks,
            )
            for head, names in self._names_by_head.items()
        }

    @cached_property
    def _continuation_index(self) -> dict[str, _KeyIndex]:
        """agency id → index of the names sharing that agency's head."""
        return {
            agency.id: index
            for agency in self.agencies.values()
            if (index := self._head_index.get(normalise_key(agency.head))) is not None
        }

    # -- topics ---------------------------------------------------------------------------

    def score_topics(self, text: str) -> dict[str, float]:
        """Topic slug → score, for every topic in topics.yml order.

        Each topic scans the words (keys as in :func:`normalise_key`, whole words only) left to
        right, taking at each position its longest evidence phrase there and adding its
        weight; a word counts once per topic ("sản xuất nông nghiệp" is one hit, not also
        "nông nghiệp"), but the same words may count for several topics. A phrase of weight 0
        consumes its words without scoring (boilerplate such as "người dân và doanh nghiệp").
        Names of agencies (:meth:`find_agencies`) and of ministries ("Bộ Giáo dục và Đào
        tạo") are not evidence: their words are skipped.
        """
        text = unicodedata.normalize("NFC", text)
        tokens = _tokens(text)
        words = list(tokens.words)  # a copy: names are blanked out below
        for start, end in self._name_spans(tokens, words):
            words[start:end] = [""] * (end - start)  # matches no phrase
        scores = dict.fromkeys(self.topics, 0.0)
        index, firsts = self._topic_index
        free = dict.fromkeys(self.topics, 0)  # per topic: first position not yet consumed
        count = len(words)
        for i in [i for i, word in enumerate(words) if word in firsts]:  # phrase starts only
            taken: set[str] = set()
            # Longest first, and only the lengths some phrase starting with this word has.
            for n in firsts[words[i]]:
                if n > count - i:
                    continue
                for slug, weight in index.get(tuple(words[i : i + n]), ()):
                    if slug in taken or free[slug] > i:
                        continue
                    taken.add(slug)
                    scores[slug] += weight
                    free[slug] = i + n
        return scores

    def _name_spans(self, tokens: _Tokens, words: list[str]) -> list[tuple[int, int]]:
        """Token ranges of agency mentions and of "Bộ" + a department name (ministries)."""
        spans = [(i, i + n) for _aid, i, n in self._agency_spans(tokens)]
        departments = self._head_index.get(_DEPARTMENT_HEAD)
        last = len(tokens) - 1
        for i in [i for i, word in enumerate(words) if word == "bộ"]:
            if i < last:
                hit = departments.longest(tokens, i + 1) if departments else None
                if hit is not None:
                    spans.append((i, i + 1 + hit[1]))
        return spans

    def topics_for(self, text: str) -> tuple[str, ...]:
        """Slugs whose score reaches their threshold, in topics.yml order."""
        scores = self.score_topics(text)
        return tuple(slug for slug, t in self.topics.items() if scores[slug] >= t.threshold)

    @cached_property
    def _topic_index(
        self,
    ) -> tuple[dict[tuple[str, ...], list[tuple[str, float]]], dict[str, tuple[int, ...]]]:
        """phrase words → [(slug, weight)], and first word → the lengths of the phrases it
        starts, longest first."""
        index: dict[tuple[str, ...], list[tuple[str, float]]] = {}
        for topic in self.topics.values():
            for phrase, weight in topic.evidence:
                index.setdefault(_key_tuple(phrase), []).append((topic.slug, weight))
        return index, lengths_by_first_word(index)


def lengths_by_first_word(keys: Iterable[tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
    """First word → the lengths of the keys it starts, longest first: only those are looked
    up (most first words start keys of one or two lengths, not of every length)."""
    lengths: dict[str, set[int]] = {}
    for key in keys:
        lengths.setdefault(key[0], set()).add(len(key))
    return {word: tuple(sorted(ns, reverse=True)) for word, ns in lengths.items()}


class _KeyIndex:
    """Keys as word tuples, with the longest key length per first word (a fast pre-filter)."""

    def __init__(
        self,
        keys: Mapping[tuple[str, ...], str],
        breaks: Mapping[tuple[str, ...], frozenset[int]] | None = None,
    ) -> None:
        self.keys = dict(keys)
        self.breaks = breaks
        self.firsts = lengths_by_first_word(self.keys)

    def longest(self, tokens: _Tokens, i: int) -> tuple[str, int] | None:
        """The longest key starting at token ``i``, as (value, length in words).

        With ``breaks``, a key may not run across a hard separator ("," ";" "." …) of the text
        unless the key's own spelling has one there (``Văn hóa, Thể thao và Du lịch``): "Các Sở:
        Giao thông vận tải, Xây dựng" names two departments, not Lào Cai's merged one.
        """
        lengths = self.firsts.get(tokens.words[i])
        if lengths is None:
            return None
        words = tokens.words[i : i + lengths[0]]
        for n in lengths:
            if n > len(words):
                continue
            key = tuple(words[:n])
            hit = self.keys.get(key)
            if hit is None:
                continue
            if self.breaks is not None:
                allowed = self.breaks.get(key, frozenset())
                seps = tokens.seps
                if any(_is_hard(seps[i + k]) and k not in allowed for k in range(1, n)):
                    continue
            return hit, n
        return None


def _scan(tokens: _Tokens, index: _KeyIndex) -> list[tuple[str, int, int]]:
    out = []
    firsts = index.firsts
    i = 0
    while i < len(tokens):
        if tokens.words[i] not in firsts:
            i += 1
            continue
        hit = index.longest(tokens, i)
        if hit is None:
            i += 1
            continue
        out.append((hit[0], tokens.starts[i], tokens.ends[i + hit[1] - 1]))
        i += hit[1]
    return out


def _only_space(sep: str) -> bool:
    return not sep.strip()


def _blocked(tokens: _Tokens, i: int, n: int) -> bool:
    words, seps = tokens.words, tokens.seps
    if i > 0 and words[i - 1] in _BLOCK_BEFORE and _only_space(seps[i]):
        return True
    j = i + n
    for after in _BLOCK_AFTER:
        if (
            tuple(words[j : j + len(after)]) == after
            and _only_space(seps[j])
            and j not in tokens.after_and
        ):
            return True
    return False


def _list_separator(tokens: _Tokens, i: int) -> bool:
    """Whether the ``i``-th word continues a list: only "," ";" or a dropped "và" before it."""
    punctuation = set(tokens.seps[i]) - set(" \t\n\r\u00a0")
    return punctuation <= {",", ";"} and (bool(punctuation) or i in tokens.after_and)


def _mention(text: str, tokens: _Tokens, agency_id: str, i: int, n: int) -> Mention:
    start, end = tokens.starts[i], tokens.ends[i + n - 1]
    return Mention(agency_id, start, end, text[start:end])


# ---------------------------------------------------------------------------------------------
# Loading and validation


def default_directory() -> Path:
    """``<repo>/content/reference`` beside this package's source tree, else under the cwd."""
    beside = Path(__file__).resolve().parents[2] / "content" / "reference"
    if (beside / PROVINCES_FILE).is_file():
        return beside
    return Path.cwd() / "content" / "reference"


_CACHE: dict[Path, tuple[str, Reference]] = {}
_CACHE_LOCK = threading.Lock()


def load_reference(directory: Path | None = None) -> Reference:
    """Load and validate ``provinces.yml``, ``agencies.yml``, ``topics.yml`` from ``directory``
    (default: :func:`default_directory`). Cached per directory until a file there changes."""
    directory = Path(directory or default_directory()).resolve()
    if not directory.is_dir():
        raise ReferenceError(f"{directory}: reference directory not found")
    with _CACHE_LOCK:
        digest = refdata.digest(directory)
        cached = _CACHE.get(directory)
        if cached is not None and cached[0] == digest:
            return cached[1]
        reference = _load(directory, digest)
        _CACHE[directory] = (digest, reference)
        return reference


def clear_cache() -> None:
    """Forget every loaded reference (tests; a build that rewrote the files in place)."""
    with _CACHE_LOCK:
        _CACHE.clear()


def _load(directory: Path, digest: str) -> Reference:
    provinces = _load_provinces(directory / PROVINCES_FILE)
    agencies = _load_agencies(directory / AGENCIES_FILE, provinces)
    topics = _load_topics(directory / TOPICS_FILE)
    # The entry checks above say precisely what is wrong; the schemas guard the shape after,
    # of these and of every other registered file (documents.yml, programs.yml …), so a broken
    # file fails here, where every caller catches ReferenceError.
    refdata.check_all(directory)
    province_keys, province_folded = _province_keys(provinces)
    agency_keys, names_by_head = _agency_keys(agencies)
    return Reference(
        provinces=MappingProxyType(provinces),
        agencies=MappingProxyType(agencies),
        topics=MappingProxyType(topics),
        digest=digest,
        directory=directory,
        _province_keys=MappingProxyType(province_keys),
        _province_folded=MappingProxyType(province_folded),
        _agency_keys=MappingProxyType(agency_keys),
        _names_by_head=MappingProxyType(names_by_head),
    )


class _Entry:
    """One mapping of a reference file, with typed getters that raise ReferenceError."""

    def __init__(self, path: Path, index: int, data: object, allowed: Iterable[str]) -> None:
        self.path = path
        self.label = f"entry {index + 1}"
        if not isinstance(data, dict):
            self.fail(f"expected a mapping, got {type(data).__name__}")
        self.data: dict[str, Any] = data
        ident = data.get("id", data.get("slug"))
        if isinstance(ident, str):
            self.label += f" ({ident})"
        unknown = sorted(set(data) - set(allowed), key=str)
        if unknown:
            self.fail(f"unknown field(s) {', '.join(map(str, unknown))}")

    def fail(self, problem: str) -> None:
        raise ReferenceError(f"{self.path.name}: {self.label}: {problem}")

    def has(self, key: str) -> bool:
        return key in self.data

    def text(self, key: str, *, optional: bool = False) -> str | None:
        if key not in self.data:
            if optional:
                return None
            self.fail(f"missing field '{key}'")
        value = self.data[key]
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(f"field '{key}' must be a non-empty string, got {value!r}")
        if value != unicodedata.normalize("NFC", value):
            self.fail(f"field '{key}' is not NFC: {value!r}")
        return value

    def required(self, key: str) -> str:
        value = self.text(key)
        assert value is not None
        return value

    def nullable(self, key: str) -> str | None:
        """A field that must be present but may be null."""
        if key not in self.data:
            self.fail(f"missing field '{key}'")
        return self.text(key, optional=True)

    def date(self, key: str, *, required_key: bool = True) -> datetime.date | None:
        if key not in self.data:
            if required_key:
                self.fail(f"missing field '{key}'")
            return None
        value = self.data[key]
        if value is None:
            return None
        if isinstance(value, datetime.datetime):
            self.fail(f"field '{key}' must be a date, got a timestamp {value!r}")
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(f"field '{key}' must be a date (YYYY-MM-DD) or null, got {value!r}")
        return None  # unreachable

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key) or []
        if not isinstance(value, list):
            self.fail(f"field '{key}' must be a list, got {type(value).__name__}")
        for item in value:
            if not isinstance(item, str) or not item.strip():
                self.fail(f"field '{key}' holds a non-string or empty item {item!r}")
            if item != unicodedata.normalize("NFC", item):
                self.fail(f"field '{key}' holds a non-NFC item {item!r}")
        return tuple(value)

    def number(self, key: str, *, zero: bool = False) -> float:
        value = self.data.get(key)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or value < 0
            or (value == 0 and not zero)
        ):
            kind = "non-negative" if zero else "positive"
            self.fail(f"field '{key}' must be a {kind} number, got {value!r}")
        return float(value)


# libyaml's safe loader when PyYAML was built with it (about ten times faster), else PyYAML's.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_list(path: Path) -> list[Any]:
    if not path.is_file():
        raise ReferenceError(f"{path.name}: file not found in {path.parent}")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ReferenceError(f"{path.name}: not valid UTF-8 YAML: {exc}") from exc
    if not isinstance(data, list) or not data:
        raise ReferenceError(f"{path.name}: expected a non-empty list of entries")
    return data


def _check_id(entry: _Entry, key: str, seen: set[str]) -> str:
    value = entry.required(key)
    if not _ID.match(value):
        entry.fail(f"'{key}' must be an ASCII slug (a-z, 0-9, '-'), got {value!r}")
    if value in seen:
        entry.fail(f"duplicate {key} {value!r}")
    seen.add(value)
    return value


_PROVINCE_FIELDS = (
    "id",
    "name",
    "kind",
    "display",
    "code",
    "code_now",
    "until",
    "successor",
    "former_names",
    "aliases",
    "examples",
)


def _load_provinces(path: Path) -> dict[str, Province]:
    provinces: dict[str, Province] = {}
    entries: dict[str, _Entry] = {}
    seen: set[str] = set()
    for index, raw in enumerate(_read_list(path)):
        entry = _Entry(path, index, raw, _PROVINCE_FIELDS)
        province_id = _check_id(entry, "id", seen)
        kind = entry.required("kind")
        if kind not in PROVINCE_KINDS:
            entry.fail(f"kind must be one of {PROVINCE_KINDS}, got {kind!r}")
        code = entry.data.get("code")
        if not isinstance(code, str) or not _CODE.match(code):
            entry.fail(f"code must be a quoted two-digit string, got {code!r}")
        if not entry.has("code_now"):
            entry.fail("missing field 'code_now'")
        code_now = entry.data["code_now"]
        if code_now is not None and (not isinstance(code_now, str) or not _CODE.match(code_now)):
            entry.fail(f"code_now must be a quoted two-digit string or null, got {code_now!r}")
        until = entry.date("until")
        successor = entry.nullable("successor")
        if (until is None) != (successor is None):
            entry.fail("'until' and 'successor' must be both null (exists today) or both set")
        if (until is None) != (code_now is not None):
            entry.fail("'code_now' must be set exactly when the unit exists today (until: null)")
        former = _former_names(entry)
        provinces[province_id] = Province(
            id=province_id,
            name=entry.required("name"),
            kind=kind,
            display=entry.required("display"),
            code=code,
            code_now=code_now,
            until=until,
            successor=successor,
            former_names=former,
            aliases=entry.strings("aliases"),
            examples=entry.strings("examples"),
        )
        entries[province_id] = entry
    for province in provinces.values():
        entry = entries[province.id]
        if province.successor is not None:
            target = provinces.get(province.successor)
            if target is None:
                entry.fail(f"unknown successor id {province.successor!r}")
            elif not target.current:
                entry.fail(f"successor {province.successor!r} does not exist today")
    _unique(path, "code", [(p.id, p.code) for p in provinces.values()])
    _unique(path, "code_now", [(p.id, p.code_now) for p in provinces.values() if p.code_now])
    current = sum(p.current for p in provinces.values())
    if len(provinces) != PROVINCE_COUNT or current != CURRENT_PROVINCE_COUNT:
        raise ReferenceError(
            f"{path.name}: expected {PROVINCE_COUNT} units of which {CURRENT_PROVINCE_COUNT} "
            f"exist today (until: null), found {len(provinces)} and {current}"
        )
    return provinces


def _former_names(entry: _Entry) -> tuple[FormerName, ...]:
    raw = entry.data.get("former_names") or []
    if not isinstance(raw, list):
        entry.fail("former_names must be a list")
    out = []
    for i, item in enumerate(raw):
        sub = _Entry(entry.path, i, item, ("name", "kind", "until", "display"))
        sub.label = f"{entry.label}: former_names[{i}]"
        kind = sub.required("kind")
        if kind not in PROVINCE_KINDS:
            sub.fail(f"kind must be one of {PROVINCE_KINDS}, got {kind!r}")
        until = sub.date("until")
        if until is None:
            sub.fail("until must be a date")
        assert until is not None
        name = sub.required("name")
        out.append(FormerName(name, kind, until, sub.text("display", optional=True) or name))
    return tuple(out)


def _unique(path: Path, what: str, pairs: Sequence[tuple[str, str]]) -> None:
    owner: dict[str, str] = {}
    for ident, value in pairs:
        if value in owner:
            raise ReferenceError(
                f"{path.name}: {what} {value!r} used by both {owner[value]!r} and {ident!r}"
            )
        owner[value] = ident


_AGENCY_FIELDS = (
    "id",
    "name",
    "kind",
    "head",
    "names",
    "full_aliases",
    "province",
    "from",
    "until",
    "successors",
    "succession_note",
    "examples",
)


def _load_agencies(path: Path, provinces: Mapping[str, Province]) -> dict[str, Agency]:
    agencies: dict[str, Agency] = {}
    entries: dict[str, _Entry] = {}
    seen: set[str] = set()
    for index, raw in enumerate(_read_list(path)):
        entry = _Entry(path, index, raw, _AGENCY_FIELDS)
        agency_id = _check_id(entry, "id", seen)
        kind = entry.required("kind")
        if kind not in AGENCY_KINDS:
            entry.fail(f"kind must be one of {AGENCY_KINDS}, got {kind!r}")
        province = entry.text("province", optional=True)
        if province is not None and province not in provinces:
            entry.fail(f"unknown province id {province!r}")
        start = entry.date("from", required_key=False)
        until = entry.date("until", required_key=False)
        if start and until and until < start:
            entry.fail("'until' precedes 'from'")
        successors = entry.strings("successors")
        if successors and until is None:
            entry.fail("'successors' given but 'until' is null")
        agencies[agency_id] = Agency(
            id=agency_id,
            name=entry.required("name"),
            kind=kind,
            head=entry.required("head"),
            names=entry.strings("names"),
            full_aliases=entry.strings("full_aliases"),
            province=province,
            from_=start,
            until=until,
            successors=successors,
            succession_note=entry.text("succession_note", optional=True),
            examples=entry.strings("examples"),
        )
        entries[agency_id] = entry
    for agency in agencies.values():
        for successor in agency.successors:
            if successor not in agencies:
                entries[agency.id].fail(f"unknown successor id {successor!r}")
            if successor == agency.id:
                entries[agency.id].fail("an agency cannot succeed itself")
    return agencies


_TOPIC_FIELDS = ("slug", "name", "threshold", "evidence", "examples")


def _load_topics(path: Path) -> dict[str, Topic]:
    topics: dict[str, Topic] = {}
    seen: set[str] = set()
    for index, raw in enumerate(_read_list(path)):
        entry = _Entry(path, index, raw, _TOPIC_FIELDS)
        slug = _check_id(entry, "slug", seen)
        threshold = entry.number("threshold")
        raw_evidence = entry.data.get("evidence")
        if not isinstance(raw_evidence, list) or not raw_evidence:
            entry.fail("evidence must be a non-empty list of {phrase, weight}")
        evidence: list[tuple[str, float]] = []
        phrases: set[str] = set()
        for i, item in enumerate(raw_evidence):
            sub = _Entry(path, i, item, ("phrase", "weight"))
            sub.label = f"{entry.label}: evidence[{i}]"
            phrase = sub.required("phrase")
            weight = sub.number("weight", zero=True)
            key = normalise_key(phrase)
            if not key:
                sub.fail(f"phrase {phrase!r} has no words")
            if key in phrases:
                sub.fail(f"phrase {phrase!r} repeats another phrase of this topic")
            if weight >= threshold:
                sub.fail(
                    f"weight {weight:g} reaches the threshold {threshold:g}: one passing "
                    "mention must not assign a topic"
                )
            phrases.add(key)
            evidence.append((phrase, weight))
        topics[slug] = Topic(
            slug=slug,
            name=entry.required("name"),
            threshold=threshold,
            evidence=tuple(evidence),
            examples=entry.strings("examples"),
        )
    return topics


# ---------------------------------------------------------------------------------------------
# Key indexes (built once at load; a key naming two ids is an error in the file)


def _add_key(keys: dict[str, str], key: str, ident: str, file: str, source: str) -> None:
    if not key:
        raise ReferenceError(f"{file}: {ident}: {source!r} has no words")
    other = keys.setdefault(key, ident)
    if other != ident:
        raise ReferenceError(
            f"{file}: {ident}: {source!r} gives the key {key!r}, which already names {other!r}"
        )


def _province_keys(provinces: Mapping[str, Province]) -> tuple[dict[str, str], dict[str, str]]:
    keys: dict[str, str] = {}
    folded: dict[str, str] = {}
    for province in provinces.values():
        spellings = [province.name, *(f.name for f in province.former_names), *province.aliases]
        for spelling in spellings:
            key = normalise_key(spelling)
            _add_key(keys, key, province.id, PROVINCES_FILE, spelling)
            _add_key(folded, fold(key), province.id, PROVINCES_FILE, spelling)
    for key, province_id in folded.items():  # an unaccented key must not shadow another unit
        if keys.get(key, province_id) != province_id:
            raise ReferenceError(
                f"{PROVINCES_FILE}: the unaccented key {key!r} of {province_id!r} "
                f"is a key of {keys[key]!r}"
            )
    return keys, folded


def _agency_keys(
    agencies: Mapping[str, Agency],
) -> tuple[dict[str, str], dict[str, dict[str, tuple[str, ...]]]]:
    keys: dict[str, str] = {}
    by_head: dict[str, dict[str, tuple[str, ...]]] = {}
    for agency in agencies.values():
        head = normalise_key(agency.head)
        _add_key(keys, normalise_key(agency.name), agency.id, AGENCIES_FILE, agency.name)
        for name in agency.names:
            _add_key(keys, normalise_key(f"{agency.head} {name}"), agency.id, AGENCIES_FILE, name)
            names = by_head.setdefault(head, {})
            name_key = normalise_key(name)
            if agency.id not in names.get(name_key, ()):
                names[name_key] = (*names.get(name_key, ()), agency.id)
        for alias in agency.full_aliases:
            _add_key(keys, normalise_key(alias), agency.id, AGENCIES_FILE, alias)
    return keys, by_head


for _name in (PROVINCES_FILE, AGENCIES_FILE, TOPICS_FILE):
    # Read through the shared loader for the schema check; Reference combines the three.
    refdata.register(_name)
