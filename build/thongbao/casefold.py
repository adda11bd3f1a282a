"""Lower-casing that agrees with ``re.IGNORECASE``, for literal pre-tests.

A case-insensitive regex of many alternatives has no literal to skip to, so it is slow to find
nothing; ``cue in re_lower(text)`` for each of its literals is fast and tells whether it can
find anything. ``str.lower`` alone would miss the few letters the regex engine folds further.
"""

from __future__ import annotations

# re.IGNORECASE matches these to "i", "s" and "ṡ"; str.lower() keeps them apart ("İ" becomes
# "i" and a combining dot).
_FOLDS = str.maketrans({"ı": "i", "İ": "i", "ſ": "s", "ẛ": "ṡ"})


def re_lower(text: str) -> str:
    """``text`` lowered so that whatever a case-insensitive regex of lower-case literals
    finds in ``text`` holds its literal here."""
    if "ı" in text or "İ" in text or "ſ" in text or "ẛ" in text:
        text = text.translate(_FOLDS)
    return text.lower()
