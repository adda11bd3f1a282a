"""Sentence splitting for administrative Vietnamese.

A sentence ends at ``.``, ``!``, ``?`` or ``;`` followed by space and a new word; ``./.`` closes
a document. Abbreviations with dots (``TP.``, ``TT.``, ``V/v``) and numbers (``3.1.``) do not.
"""

from __future__ import annotations

import re

_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9+\-])")
_SPLIT_FULL = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9+\-])")
_NO_BREAK_BEFORE = re.compile(
    r"(?:\b(?:TP|TT|ThS|TS|PGS|GS|BS|NXB|Tp)\.$)|^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\.$"
)


def split_sentences(text: str, semicolons: bool = True) -> list[str]:
    """Sentences of ``text``; with ``semicolons`` a ``;`` ends one too (clauses of a list)."""
    if not any(mark in text for mark in (".!?;" if semicolons else ".!?")):
        # Nothing can end a sentence (a quarter of the clauses): the text is one, and the
        # substring tests cost far less than the split.
        return [text.strip()] if text.strip() else []
    pieces = (_SPLIT if semicolons else _SPLIT_FULL).split(text)
    out: list[str] = []
    for piece in pieces:
        if out and _NO_BREAK_BEFORE.search(out[-1]):
            out[-1] = out[-1] + " " + piece
        else:
            out.append(piece)
    return [p.strip() for p in out if p.strip()]
