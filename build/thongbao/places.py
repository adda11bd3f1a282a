"""Which province issued a notice: the place-and-date line first, then what the text says."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .reference import Province, Reference

# A mention naming the issuing committee's territory ("UBND tỉnh Cao Bằng", "Tỉnh Bắc Kạn")
# counts more than a passing mention of a neighbour.
_PREFIXED = re.compile(r"(?:ủy ban nhân dân|uỷ ban nhân dân|ubnd|hđnd|tỉnh|thành phố|tp\.?)\s*$",
                       re.IGNORECASE)
# The committee itself ("UBND tỉnh Long An ban hành …") outweighs a place named with its kind
# ("đường Vành đai 3 Thành phố Hồ Chí Minh").
_COMMITTEE = re.compile(r"(?:ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s+(?:tỉnh|thành phố|tp\.?)?\s*$",
                        re.IGNORECASE)
# "giáp ranh tỉnh Quảng Nam", "các tỉnh lân cận như …": a neighbour named, not the issuer.
_NEIGHBOUR = re.compile(r"(?:giáp ranh|tiếp giáp|giáp|lân cận|bạn)(?:\s+với)?\s+"
                        r"(?:(?:tỉnh|thành phố|tp\.?)\s*)?$", re.IGNORECASE)


def issuing_province(
    place: str | None,
    title: str | None,
    texts: Sequence[str],
    ref: Reference,
    hint: Province | None = None,
) -> Province | None:
    """The place line names the province; else the text where it names the issuing committee's
    territory ("UBND tỉnh Cao Bằng"); else ``hint``, the province of the portal that published
    the text; else the most named one, the title counting most."""
    if place:
        found = ref.province_by_name(place)
        if found:
            return found
    votes: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    any_prefixed = False
    for weight, text in ((3, title or ""), *((1, t) for t in texts)):
        for mention in ref.find_provinces(text):
            before = text[max(0, mention.start - 30) : mention.start]
            if _NEIGHBOUR.search(before):
                continue
            prefixed = _PREFIXED.search(before)
            any_prefixed = any_prefixed or bool(prefixed)
            factor = (4 if _COMMITTEE.search(before) else 2) if prefixed else 1
            votes[mention.id] += weight * factor
            first_seen.setdefault(mention.id, len(first_seen))
    if hint is not None and not any_prefixed:
        return hint
    if not votes:
        return None
    best = max(votes, key=lambda pid: (votes[pid], -first_seen[pid]))
    return ref.provinces[best]


_WORDS: dict[str, tuple[str, ...]] = {}


def province_words(ref: Reference) -> tuple[str, ...]:
    """Every spelling with diacritics of every province name (to strip from person names),
    longest first; made once per reference data version."""
    if ref.digest not in _WORDS:
        _WORDS[ref.digest] = _province_words(ref)
    return _WORDS[ref.digest]


def _province_words(ref: Reference) -> tuple[str, ...]:
    words = set()
    for province in ref.provinces.values():
        words.add(province.name)
        words.update(f.name for f in province.former_names)
        words.update(a for a in province.aliases if re.search(r"[^\x00-\x7f]", a))
    return tuple(sorted(words, key=len, reverse=True))
