"""The word tokens every agency, province and topic search is built on (``reference._tokens``).

``_tokens`` is written column-wise for speed (one regex split, C-level map and zip); these
tests hold it to the plain definition — a loop over the word matches that drops "và" and
remembers it on the next word — on the cases that loop handles one by one.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
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
