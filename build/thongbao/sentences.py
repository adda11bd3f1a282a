"""Sentence splitting for administrative Vietnamese.

A sentence ends at ``.``, ``!``, ``?`` or ``;`` followed by space and a new word; ``./.`` closes
a document. Abbreviations with dots (``TP.``, ``TT.``, ``V/v``) and numbers (``3.1.``) do not.
"""

from __future__ import annotations

import re

# A cut is the mark and the whitespace after it; the piece before keeps its mark. A pattern
# opening with the mark (not a lookbehind) lets the regex engine skip to the marks.
_CUT = re.compile(r"[.!?;]\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9+\-])")
_CUT_FULL = re.compile(r"[.!?]\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9+\-])")
# A piece ending in one of these does not end a sentence: an abbreviation ("TP.") or a whole
# piece that is a list marker ("3.1.", "a.").
_ABBREVIATION_END = re.compile(r"\b(?:TP|TT|ThS|TS|PGS|GS|BS|NXB|Tp)\.$")
_MARKER_ONLY = re.compile(r"\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\.$")


def split_sentences(text: str, semicolons: bool = True) -> list[str]:
    """Sentences of ``text``; with ``semicolons`` a ``;`` ends one too (clauses of a list)."""
    if not ("." in text or "!" in text or "?" in text or (semicolons and ";" in text)):
        # Nothing can end a sentence (a quarter of the clauses): the text is one, and the
        # substring tests cost far less than the split.
        return [text.strip()] if text.strip() else []
    pieces: list[str] = []
    pos = 0
    for m in (_CUT if semicolons else _CUT_FULL).finditer(text):
        pieces.append(text[pos : m.start() + 1])
        pos = m.end()
    pieces.append(text[pos:])
    out: list[str] = []
    for piece in pieces:
        if out and _no_break_after(out[-1]):
            out[-1] = out[-1] + " " + piece
        else:
            out.append(piece)
    return [p.strip() for p in out if p.strip()]


def _no_break_after(piece: str) -> bool:
    """Whether a piece (which ends with its mark) ends with an abbreviation or is a marker."""
    if not piece.endswith("."):
        return False
    # The abbreviation is at most four characters: search the tail only (``pos`` keeps the
    # character before it visible to ``\b``).
    return bool(_ABBREVIATION_END.search(piece, max(0, len(piece) - 4))
                or _MARKER_ONLY.match(piece))
