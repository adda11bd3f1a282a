"""The search index made on several processes is the one made on one, byte for byte
(thongbao.searchfiles.build_index: per-worker partial postings merged in notice order), and the
one the code made before it was made fast (its files are a format search.js reads)."""

from __future__ import annotations

import itertools
import random
from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from thongbao import searchcache, searchfiles
from thongbao.pipeline import NoticePage, _cache_put
from thongbao.record import AgencyRef, Record, Source
from thongbao.searchcache import index_notices
from thongbao.searchfiles import build_index, read_postings
from thongbao.searchindex import SORT_DATE, SearchDocument, search_document

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


@pytest.mark.parametrize(("workers", "run"), [(2, 125), (3, 125), (2, 7), (3, 1)])
def test_parallel_index_is_byte_identical(
    monkeypatch: pytest.MonkeyPatch, workers: int, run: int
) -> None:
    """Whatever the number of workers and of notices a run (runs of 1 and 7 make 90 and 13
    runs, more than the workers: their partial lists are merged in notice order)."""
    docs = documents(90, seed=workers)
    one = build_index(docs, workers=1)
    monkeypatch.setattr(searchfiles, "PARALLEL_MIN_DOCS", 1)
    monkeypatch.setattr(searchfiles, "RUN_NOTICES", run)
    calls: list[int] = []
    real = searchfiles._parallel_postings
    monkeypatch.setattr(searchfiles, "_parallel_postings",
                        lambda ordered, make, w: calls.append(w) or real(ordered, make, w))
    many = build_index(docs, workers=workers)
    assert calls == [workers]  # the pool really ran
    assert many.files.keys() == one.files.keys()
    assert [p for p in one.files if one.files[p] != many.files[p]] == []
    assert many.version == one.version


def test_many_forms_keep_their_bits_when_merged() -> None:
    """The ao term's postings, decoded: the same notices, scores and form masks both ways,
    with masks past bit 30 folded into bit 30 (MAX_FORM_BITS)."""
    docs = documents(60, seed=7)
    ordered = [docs[i] for i in searchfiles.notice_order(docs)]
    serial, _ = searchfiles._slice_postings(ordered, 0, searchfiles.with_terms)
    serial["ao"].finish()
    merged, _ = searchfiles._parallel_postings(ordered, searchfiles.with_terms, 3)
    assert len(serial["ao"].forms) > searchfiles.MAX_FORM_BITS + 1
    assert list(merged["ao"].forms) == list(serial["ao"].forms)
    assert read_postings(merged["ao"].data) == read_postings(serial["ao"].data)
    assert any(mask >> searchfiles.MAX_FORM_BITS for _, _, mask in read_postings(serial["ao"].data))


# The version (a digest of every file) of these documents' index as the code before the
# speed-up made it (commit b094d27): the files' bytes are a format search.js reads, so making
# the index faster must not change one of them.
@pytest.mark.parametrize(("count", "seed", "version"),
                         [(120, 11, "c20f25e9e3a0"), (400, 5, "008866ca04b0")])
def test_the_index_files_are_the_published_format(count: int, seed: int, version: str) -> None:
    assert build_index(documents(count, seed=seed), workers=1).version == version


def _record(i: int, rng: random.Random) -> Record:
    year = 2019 + rng.randrange(6)
    return Record(
        title=" ".join(rng.sample(WORDS, 4)), doc_type="Thông báo", doc_number=f"{i}/TB-UBND",
        province="Bắc Kạn", province_now="Thái Nguyên", date=f"{year}-{1 + rng.randrange(12):02d}",
        meeting_date=None, chair="Nguyễn Đăng Bình", chair_role=None, signer=None,
        signer_capacity=None, topics=("dau-tu-cong",),
        agencies=(AgencyRef("so-tai-chinh", "Sở Tài chính"),), policies=(), deadlines=(),
        source=Source(f"notices/{i}.txt", "0" * 64), id=f"tb-{i}",
    )


@pytest.mark.parametrize(("workers", "stored"), [(1, False), (2, False), (1, True), (2, True)])
def test_notices_made_into_documents_in_the_workers_give_the_same_index(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, workers: int, stored: bool
) -> None:
    """searchcache.index_notices makes the search documents in the workers (from the record and
    the Markdown body): the same files as documents made here and indexed. A page the build
    let go of its text (``stored``) is sent as its extraction cache file, which the worker
    reads record and body from."""
    rng = random.Random(3)
    notices = []
    for i in range(40):
        body = "\n\n".join(" ".join(rng.choice(WORDS + AO[:40]) for _ in range(30))
                            for _ in range(3))
        url = f"van-ban/bac-kan/tb-{i}/"
        notices.append((url, NoticePage(f"notices/{i}.txt", f"{url[:-1]}.md", url,
                                        _record(i, rng), f"**Về** [giải ngân](x.md) {body}")))
    topics = {"dau-tu-cong": "Đầu tư công"}
    monkeypatch.setattr(searchfiles, "PARALLEL_MIN_DOCS", 1)
    expected = build_index([search_document(url, p.record, p.body, topics) for url, p in notices])
    if stored:
        released = []
        for n, (url, page) in enumerate(notices):
            _cache_put(tmp_path, f"k{n}", page)
            released.append((url, page.released(tmp_path / f"k{n}.json")))
        assert all(page.body == "" for _, page in released)
        notices = released
    sent: list[object] = []

    def index_sources(sources, *args, **kwargs):  # type: ignore[no-untyped-def]
        sent.extend(source[1] for source in sources)
        return searchfiles.index_sources(sources, *args, **kwargs)

    monkeypatch.setattr(searchcache, "index_sources", index_sources)
    made = index_notices(notices, topics, workers=workers)
    assert made.files == expected.files
    assert all(isinstance(page, Path if stored else NoticePage) for page in sent)


def test_a_document_that_is_not_its_key_is_refused() -> None:
    """index_sources numbers the notices by their keys before making their documents: a key
    that is not the document's (sort date, URL) would number them wrongly."""
    docs = documents(3, seed=1)
    keys = [(doc.sort[SORT_DATE], doc.url) for doc in docs]
    keys[1] = (keys[1][0], "van-ban/other/")
    with pytest.raises(ValueError, match="sort date or URL"):
        searchfiles.index_sources(docs, keys, searchfiles.with_terms)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5000), st.integers(1, 255), st.integers(1, 1 << 31)),
                min_size=1, max_size=50),
       st.booleans())
def test_postings_encoded_at_once_are_those_encoded_one_by_one(postings, with_masks) -> None:
    """_encode (maps over whole lists) writes what _posting, the format's reference, writes a
    posting at a time: gaps of any size, scores past 3, masks or none."""
    numbers = list(itertools.accumulate(gap for gap, _, _ in postings))
    masks = [mask for _, _, mask in postings] if with_masks else None
    expected = bytearray()
    last = 0
    for number, (_, score, mask) in zip(numbers, postings, strict=True):
        searchfiles._posting(number - last, score, mask if with_masks else 1, expected)
        last = number
    codes = array("I", [number << 8 | score for number, (_, score, _) in zip(numbers, postings,
                                                                           strict=True)])
    assert searchfiles._encode(codes, masks) == bytes(expected)
