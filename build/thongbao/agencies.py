"""Finding the bodies a notice gives tasks to (``Sở KH&ĐT``, ``Các Sở: Tài chính, …``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .matching import alias_key, alternation, fold_for_match
from .reference import Agency, Reference
from .slug import slugify

# Sentences that list who attended are not tasks ("tham dự có …", "dự họp").
_ATTENDANCE = re.compile(
    r"tham dự|dự họp|cùng dự|thành phần (?:tham|dự)|có mặt|đến dự|mời dự", re.IGNORECASE
)
_DISTRICT = re.compile(
    r"(?<!\w)(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?P<kind>huyện|thị xã|quận|thành phố)\s+"
    r"(?P<name>(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][\wÀ-ỹ'-]*\s?){1,4})"
)
_LIST_HEAD = re.compile(r"(?<!\w)(?:các|giao các)\s+(?P<head>sở|ban|cục)\s*:?\s*", re.IGNORECASE)
_LIST_SEP = re.compile(r"\s*(?:,|;|\bvà\b)\s*")


@dataclass(frozen=True)
class AgencyMention:
    id: str
    name: str
    start: int
    end: int


class AgencyFinder:
    """Compiled alias patterns of one reference set, for one province."""

    def __init__(self, ref: Reference, province_id: str | None) -> None:
        usable = [a for a in ref.agencies.values() if a.province in (None, province_id)]
        self._by_pattern: list[tuple[re.Pattern[str], Agency]] = []
        aliases: dict[str, Agency] = {}
        heads: dict[str, dict[str, Agency]] = {}
        for agency in usable:
            if agency.kind == "ubnd-huyen":
                continue
            for name in agency.names:
                key = f"{agency.head} {name}"
                aliases[key] = _prefer(aliases.get(key), agency)
                head = fold_for_match(agency.head)
                heads.setdefault(head, {})[name] = _prefer(heads.get(head, {}).get(name), agency)
            for alias in agency.full_aliases:
                aliases[alias] = _prefer(aliases.get(alias), agency)
        self._alias_of = {alias_key(a): ag for a, ag in aliases.items()}
        self._regex = re.compile(rf"(?<!\w)(?:{alternation(aliases)})(?!\w)")
        self._heads = {
            head: (
                re.compile(rf"(?:{alternation(names)})(?!\w)"),
                {alias_key(n): ag for n, ag in names.items()},
            )
            for head, names in heads.items()
        }

    def find(self, text: str) -> list[AgencyMention]:
        """Mentions in ``text`` in order of appearance (list forms expanded)."""
        folded = fold_for_match(text)
        found: dict[int, AgencyMention] = {}
        for m in self._regex.finditer(folded):
            agency = self._resolve(m.group(), self._alias_of)
            if agency:
                found[m.start()] = AgencyMention(agency.id, agency.name, m.start(), m.end())
        for m in _LIST_HEAD.finditer(folded):
            for mention in self._expand_list(folded, m.group("head"), m.end()):
                found.setdefault(mention.start, mention)
        for m in _DISTRICT.finditer(text):
            name = m.group("name").strip()
            label = f"UBND {m.group('kind')} {name}"
            found.setdefault(
                m.start(), AgencyMention(slugify(f"ubnd {m.group('kind')} {name}"), label,
                                         m.start(), m.end())
            )
        return [found[k] for k in sorted(found)]

    def _expand_list(self, folded: str, head: str, pos: int) -> list[AgencyMention]:
        entry = self._heads.get(head)
        if entry is None:
            return []
        regex, table = entry
        out: list[AgencyMention] = []
        while True:
            m = regex.match(folded, pos)
            if not m:
                return out
            agency = self._resolve(m.group(), table)
            if agency:
                out.append(AgencyMention(agency.id, agency.name, m.start(), m.end()))
            sep = _LIST_SEP.match(folded, m.end())
            if not sep or sep.end() == m.end():
                return out
            pos = sep.end()

    @staticmethod
    def _resolve(matched: str, table: dict[str, Agency]) -> Agency | None:
        return table.get(alias_key(matched))


def _prefer(old: Agency | None, new: Agency) -> Agency:
    """A province's own body wins over a common one of the same spelling."""
    if old is None or (new.province and not old.province):
        return new
    return old


_FINDERS: dict[tuple[str, str | None], AgencyFinder] = {}


def finder_for(ref: Reference, province_id: str | None) -> AgencyFinder:
    """One compiled finder per reference data version and province."""
    key = (ref.digest, province_id)
    if key not in _FINDERS:
        _FINDERS[key] = AgencyFinder(ref, province_id)
    return _FINDERS[key]


def without_attendance(sentence: str) -> str:
    """The part of a sentence before it starts listing who attended ("; tham dự có …")."""
    m = _ATTENDANCE.search(sentence)
    return sentence if m is None else sentence[: m.start()]
