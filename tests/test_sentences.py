"""``split_sentences`` returns a text with no sentence mark whole without splitting it; held
to the splitting definition on any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from thongbao.sentences import split_sentences

# The definition: split after a mark and whitespace when a new word follows; join a piece back
# when the one before ends with an abbreviation or is a list number.
_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9+\-])")
_SPLIT_FULL = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9+\-])")
_NO_BREAK_BEFORE = re.compile(
    r"(?:\b(?:TP|TT|ThS|TS|PGS|GS|BS|NXB|Tp)\.$)|^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\.$"
)


def split_by_definition(text: str, semicolons: bool) -> list[str]:
    """The split, then pieces after an abbreviation or a list number joined back."""
    out: list[str] = []
    for piece in (_SPLIT if semicolons else _SPLIT_FULL).split(text):
        if out and _NO_BREAK_BEFORE.search(out[-1]):
            out[-1] = out[-1] + " " + piece
        else:
            out.append(piece)
    return [p.strip() for p in out if p.strip()]


_PIECES = st.sampled_from([
    "Sở Y tế", "chủ trì", " ", "  ", "\n", ".", ";", "!", "?", "TP.", "3.1.", "a.", "- ", "“",
    "Giao", "1", "x", "NXB.", "xTP.", "I.", "IV.", "\t",
])


@given(st.lists(_PIECES, max_size=30).map("".join), st.booleans())
@settings(max_examples=400, deadline=None)
def test_split_matches_the_definition(text: str, semicolons: bool) -> None:
    assert split_sentences(text, semicolons) == split_by_definition(text, semicolons)
