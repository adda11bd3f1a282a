"""Which province issued a notice: the place-and-date line first, then what the text says."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .matching import alternation, fold_for_match
from .reference import Province, Reference

# A province mention that names the issuing committee's territory ("UBND tỉnh Cao Bằng",
# "trên địa bàn tỉnh", "Tỉnh Bắc Kạn"), as opposed to a passing mention of a neighbour.
_PREFIX = r"(?:ủy ban nhân dân|ubnd|hđnd|tỉnh|thành phố|tp\.?)\s*"

_SCANNERS: dict[str, tuple[re.Pattern[str], dict[str, str]]] = {}


def _scanner(ref: Reference) -> tuple[re.Pattern[str], dict[str, str]]:
    if ref.digest not in _SCANNERS:
        names: dict[str, str] = {}
        for province in ref.provinces.values():
            spellings = [province.name, *province.aliases, *(f.name for f in province.former_names)]
            for spelling in spellings:
                names[fold_for_match(spelling)] = province.id
        regex = re.compile(rf"(?<!\w)(?P<prefix>{_PREFIX})?(?P<name>{alternation(names)})(?!\w)")
        _SCANNERS[ref.digest] = (regex, names)
    return _SCANNERS[ref.digest]


def province_mentions(text: str, ref: Reference) -> list[tuple[str, bool]]:
    """(province id, prefixed) for each province named in ``text``."""
    regex, _ = _scanner(ref)
    out = []
    for m in regex.finditer(fold_for_match(text)):
        province = ref.province_by_name(m.group("name"))
        if province is not None:
            out.append((province.id, m.group("prefix") is not None))
    return out


def issuing_province(
    place: str | None, title: str | None, texts: Sequence[str], ref: Reference
) -> Province | None:
    """The place line names the province; else the most named one, prefixed mentions and the
    title counting most."""
    if place:
        found = ref.province_by_name(place)
        if found:
            return found
    votes: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    order = 0
    for weight, text in ((3, title or ""), *((1, t) for t in texts)):
        for pid, prefixed in province_mentions(text, ref):
            votes[pid] += weight * (2 if prefixed else 1)
            first_seen.setdefault(pid, order)
            order += 1
    if not votes:
        return None
    best = max(votes, key=lambda pid: (votes[pid], -first_seen[pid]))
    return ref.provinces[best]


def province_words(ref: Reference) -> tuple[str, ...]:
    """Every spelling with diacritics of every province name (to strip from person names)."""
    words = set()
    for province in ref.provinces.values():
        words.add(province.name)
        words.update(f.name for f in province.former_names)
        words.update(a for a in province.aliases if re.search(r"[^\x00-\x7f]", a))
    return tuple(sorted(words, key=len, reverse=True))
