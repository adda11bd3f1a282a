"""The word tokens every agency, province and topic search is built on (``reference._tokens``).

``_tokens`` is written column-wise for speed (one regex split, C-level slices and map; the
searches read its columns, no tuple per word); these tests hold it to the plain definition —
a loop over the word matches that drops "và" and remembers it on the next word — on the cases
that loop handles one by one, and on any text of the pieces it treats apart.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from thongbao.reference import _normalise_word, _tokens

_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")


def reference_tokens(text: str) -> list[tuple[str, int, int, str, bool, bool]]:
    """The definition: words with offsets, the raw separator since the previous kept word,
    whether a dropped "và" stood before, whether the raw word starts with a capital."""
    out = []
    prev_end, pending_and = 0, False
    for match in _WORD.finditer(text):
        word = _normalise_word(match.group())
        if word == "và":
            pending_and = True
            continue
        out.append((word, match.start(), match.end(), text[prev_end : match.start()],
                    pending_and, match.group()[0].isupper()))
        prev_end, pending_and = match.end(), False
    return out


@pytest.mark.parametrize("text", [
    "",
    "   ",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "và Sở Y tế",  # a leading "và": the separator runs from the start
    "Sở Y tế và",  # a trailing one: nothing after it
    "Sở Y tế, và và Sở Xây dựng",  # a run of them
    "VÀ Sở Nội vụ Và Sở Tư pháp",
    "Các Sở: Tài chính; Công Thương, Xây dựng.",
    "snake_case và_underscore_",  # "_" separates words when the text has one
    "Thanh Hoá, thuỷ lợi, UỶ BAN",  # tone placement folded
    "Ðà Nẵng",  # the look-alike eth
    unicodedata.normalize("NFD", "Hoà Bình và Bắc Kạn"),  # combining marks stay in the word
    "12/TB-VPUBND ngày 05/10/2021",
])
def test_tokens_match_the_definition(text: str) -> None:
    assert [tuple(t) for t in _tokens(text)] == reference_tokens(text)


def test_a_dropped_conjunction_stays_in_the_next_separator() -> None:
    tokens = _tokens("Sở Y tế và   Sở Xây dựng")
    so = tokens[3]
    assert (so.word, so.sep, so.after_and) == ("sở", " và   ", True)


# Texts made of the pieces the column-wise code treats apart: "và" in every case (alone, in
# runs, first, last), words with capitals and combining marks, "_", the hard separators.
_PIECES = st.sampled_from([
    "và", "Và", "VÀ", "Sở", "Y", "tế", "Tài", "chính", "hoà", "Ðà", "o\u0300a", "12", "TB",
    " ", "  ", "\n", ",", ";", ".", ":", "/", "-", "_", "(", "&",
])


@given(st.lists(_PIECES, max_size=40).map("".join))
@settings(max_examples=300, deadline=None)
def test_tokens_match_the_definition_on_any_text(text: str) -> None:
    tokens = _tokens(text)
    assert [tuple(t) for t in tokens] == reference_tokens(text)
    # The columns the searches read are the same fields.
    assert tokens.words == [t[0] for t in reference_tokens(text)]
    assert [tokens.upper(i) for i in range(len(tokens))] == [
        t[5] for t in reference_tokens(text)]
