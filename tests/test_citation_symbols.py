"""``citations.find_symbols`` — the body HTML's link targets — held to ``find_mentions``.

The HTML only needs each cited symbol and where it is written; ``find_symbols`` skips what
``find_mentions`` adds (date, issuer phrase, quote, list group), so it must find exactly the
same (symbol, start, end) on any text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from thongbao.citations import Vocabulary, find_mentions, find_symbols

CORPUS = Path(__file__).parent / "corpus"

# Pieces of citations: numbers, shared lists, years, codes (spelled with and without accents,
# known and unknown issuers, party forms), glue words and dates.
_PIECES = st.sampled_from([
    "68", "01,02", "12 , 13", "2021", "/", "-", "–", " ", ", ", " và ", "số ",
    "NQ", "CP", "QĐ", "QD", "TTg", "CĐ", "CD", "UBND", "TH", "VPUBND", "KH", "CT", "TU", "TW",
    "KL", "HĐND", "BNN", "XYZ", "Nghị quyết ", "ngày 01/7/2021", " của Chính phủ", ".",
])


@given(st.lists(_PIECES, max_size=30).map("".join))
@settings(max_examples=400, deadline=None)
def test_symbols_are_the_mentions_symbols(vocab: Vocabulary, text: str) -> None:
    expected = [(m.symbol, m.start, m.end) for m in find_mentions(text, vocab)]
    assert find_symbols(text, vocab) == expected


@pytest.mark.parametrize("path", sorted(CORPUS.rglob("*.txt")), ids=lambda p: p.name)
def test_symbols_of_the_corpus(vocab: Vocabulary, path: Path) -> None:
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        expected = [(m.symbol, m.start, m.end) for m in find_mentions(line, vocab)]
        assert find_symbols(line, vocab) == expected
