"""Length-preserving text folding and alias regexes, shared by the province and agency finders.

Matching runs on a folded copy of the text of exactly the same length, so a match's offsets
are offsets in the original (the renderer links those spans).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Old and new tone placement ("hoà"/"hòa", "thuỷ"/"thủy"): fold to the new style. Each pair is
# two characters in NFC on both sides, so lengths are preserved.
_TONE_PAIRS = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONE_RE = re.compile("|".join(_TONE_PAIRS))
_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-", "‐": "-", "\u00a0": " "})


def fold_for_match(text: str) -> str:
    """Lowercase, one tone placement, one kind of dash; same length as ``text``."""
    low = text.lower()
    if len(low) != len(text):  # a character whose lowercase is longer: keep positions honest
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    folded = _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group()], low).translate(_DASHES)
    return folded


_SEP_WORDS = re.compile(r"\s*(?:&|-|,|\bvà\b|\s)\s*")


def alias_pattern(alias: str) -> str:
    """A regex for ``alias`` on folded text: ``&``, ``-``, ``và``, commas and spaces alike."""
    words = [w for w in _SEP_WORDS.split(fold_for_match(alias)) if w]
    sep = r"(?:\s*(?:&|-|,|và(?!\w))\s*|\s+)"
    return sep.join(re.escape(w) for w in words)


def alternation(aliases: Iterable[str]) -> str:
    """Longest alias first, so ``Giao thông vận tải - Xây dựng`` wins over its prefix."""
    unique = sorted({alias_pattern(a) for a in aliases if a.strip()}, key=len, reverse=True)
    return "|".join(unique)


def alias_key(text: str) -> str:
    """Separator-insensitive key of an alias or of matched text."""
    return " ".join(w for w in _SEP_WORDS.split(fold_for_match(text)) if w)
