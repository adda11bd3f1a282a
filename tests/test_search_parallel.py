"""The search index made on several processes is the one made on one, byte for byte
(thongbao.searchfiles.build_index: per-worker partial postings merged in notice order)."""

from __future__ import annotations

import itertools
import random

import pytest
from thongbao import searchfiles
from thongbao.searchfiles import build_index, read_postings
from thongbao.searchindex import SORT_DATE, SearchDocument

# 18 forms of "a" and 18 of "o": "ao" has 324 forms that fold to one term, far past the 31
# bits a posting's form mask has, so merging must renumber the bits of every worker exactly.
A_FORMS = "aàáảãạăằắẳẵặâầấẩẫậ"
O_FORMS = "oòóỏõọôồốổỗộơờớởỡợ"
AO = ["".join(p) for p in itertools.product(A_FORMS, O_FORMS)]
WORDS = ["giải", "ngân", "vốn", "đầu", "tư", "công", "đường", "dương", "tính", "huyện", "xã",
         "Sở", "Kế", "hoạch", "nông", "thôn", "mới"]


def documents(n: int, seed: int) -> list[SearchDocument]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        body = [" ".join(rng.choice(WORDS + rng.sample(AO, 3)) for _ in range(rng.randint(5, 60)))
                for _ in range(rng.randint(1, 4))]
        year = 2019 + rng.randrange(6)
        docs.append(SearchDocument(
            url=f"van-ban/x/{year}/tb-{i}/", title=" ".join(rng.sample(WORDS, 4)),
            facts=f"Thông báo {i}/TB-UBND", blocks=tuple(body),
            meta={"tinh": "Bắc Kạn"}, filters={"tinh": ("Bắc Kạn",), "nam": (str(year),)},
            sort={SORT_DATE: f"{year}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"},
        ))
    return docs


@pytest.mark.parametrize("workers", [2, 3])
def test_parallel_index_is_byte_identical(monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    docs = documents(90, seed=workers)
    one = build_index(docs, workers=1)
    monkeypatch.setattr(searchfiles, "PARALLEL_MIN_DOCS", 1)
    calls: list[int] = []
    real = searchfiles._parallel_postings
    monkeypatch.setattr(searchfiles, "_parallel_postings",
                        lambda ordered, w: calls.append(w) or real(ordered, w))
    many = build_index(docs, workers=workers)
    assert calls == [workers]  # the pool really ran
    assert many.files.keys() == one.files.keys()
    assert [p for p in one.files if one.files[p] != many.files[p]] == []
    assert many.version == one.version


def test_many_forms_keep_their_bits_when_merged(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ao term's postings, decoded: the same notices, scores and form masks both ways,
    with masks past bit 30 folded into bit 30 (MAX_FORM_BITS)."""
    docs = documents(60, seed=7)
    monkeypatch.setattr(searchfiles, "PARALLEL_MIN_DOCS", 1)
    serial = searchfiles._partial_postings(
        [docs[i] for i in searchfiles.notice_order(docs)], 0, searchfiles.MAX_FORM_BITS)
    merged = searchfiles._parallel_postings(
        [docs[i] for i in searchfiles.notice_order(docs)], 3)
    assert len(serial["ao"].forms) > searchfiles.MAX_FORM_BITS + 1
    assert list(merged["ao"].forms) == list(serial["ao"].forms)
    assert read_postings(merged["ao"].data) == read_postings(serial["ao"].data)
    assert any(mask >> searchfiles.MAX_FORM_BITS for _, _, mask in read_postings(serial["ao"].data))
