"""Each notice's search terms kept between builds (thongbao.termscache): an index made with kept
terms is the index made from scratch, byte for byte; a changed notice, a broken entry or other
topic names are made again; entries no notice uses any more are deleted."""

from __future__ import annotations

import marshal
import random
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from thongbao import searchcache, searchfiles, termscache
from thongbao.pipeline import NoticePage
from thongbao.record import AgencyRef, Record, Source
from thongbao.searchcache import index_notices, load_or_build
from thongbao.searchfiles import build_index
from thongbao.searchindex import search_document

WORDS = ["giải", "ngân", "vốn", "đầu", "tư", "công", "đường", "dương", "tính", "huyện", "xã",
         "Sở", "Kế", "hoạch", "nông", "thôn", "mới", "Đường", "Dương"]
TOPICS = {"dau-tu-cong": "Đầu tư công"}


def _notices(n: int, seed: int = 5) -> list[tuple[str, NoticePage]]:
    rng = random.Random(seed)
    notices = []
    for i in range(n):
        year = 2019 + rng.randrange(6)
        record = Record(
            title=" ".join(rng.sample(WORDS, 4)), doc_type="Thông báo",
            doc_number=f"{i}/TB-UBND", province="Bắc Kạn", province_now="Thái Nguyên",
            date=f"{year}-{1 + rng.randrange(12):02d}", meeting_date=None,
            chair="Nguyễn Đăng Bình", chair_role=None, signer=None, signer_capacity=None,
            topics=("dau-tu-cong",), agencies=(AgencyRef("so-tai-chinh", "Sở Tài chính"),),
            policies=(), deadlines=(), source=Source(f"notices/{i}.txt", "0" * 64), id=f"tb-{i}",
        )
        body = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(40)) for _ in range(3))
        url = f"van-ban/bac-kan/tb-{i}/"
        notices.append((url, NoticePage(f"notices/{i}.txt", f"{url[:-1]}.md", url, record, body)))
    return notices


def _keys(notices: list[tuple[str, NoticePage]]) -> dict[str, str]:
    return {page.src: f"key-{page.src}" for _, page in notices}


def _fresh(notices: list[tuple[str, NoticePage]], topics: dict[str, str] = TOPICS) -> dict:
    docs = [search_document(url, page.record, page.body, topics) for url, page in notices]
    return build_index(docs).files


def _count_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs whose document and terms were made (one process: workers=1)."""
    made: list[str] = []
    real = searchcache.search_document

    def counted(url, *args):  # type: ignore[no-untyped-def]
        made.append(url)
        return real(url, *args)

    monkeypatch.setattr(searchcache, "search_document", counted)
    return made


def _entries(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.mark.parametrize("workers", [1, 2])
def test_kept_terms_give_the_index_made_from_scratch(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, workers: int
) -> None:
    monkeypatch.setattr(searchfiles, "PARALLEL_MIN_DOCS", 1)
    notices, terms = _notices(30), tmp_path / "terms"
    first = index_notices(notices, TOPICS, workers, terms, _keys(notices))
    assert first.files == _fresh(notices)
    assert len(_entries(terms)) == len(notices)
    stamps = {p.name: p.stat().st_mtime_ns for p in terms.iterdir()}
    again = index_notices(notices, TOPICS, workers, terms, _keys(notices))
    assert again.files == first.files
    assert {p.name: p.stat().st_mtime_ns for p in terms.iterdir()} == stamps  # read, not written


def test_only_a_changed_notice_is_made_again_and_its_old_entry_goes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    notices, terms = _notices(12), tmp_path / "terms"
    index_notices(notices, TOPICS, 1, terms, _keys(notices))
    before = _entries(terms)
    url, page = notices[4]
    edited = [*notices[:4], (url, replace(page, body=page.body + " Đường mới.")), *notices[5:]]
    keys = {**_keys(notices), page.src: "key-edited"}
    made = _count_made(monkeypatch)
    index = index_notices(edited, TOPICS, 1, terms, keys)
    assert made == [url]
    assert index.files == _fresh(edited)
    after = _entries(terms)
    assert len(after) == len(before) and len(after - before) == 1


def test_a_notice_let_go_stays_out(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    notices, terms = _notices(12), tmp_path / "terms"
    index_notices(notices, TOPICS, 1, terms, _keys(notices))
    made = _count_made(monkeypatch)
    fewer = notices[1:]
    assert index_notices(fewer, TOPICS, 1, terms, _keys(fewer)).files == _fresh(fewer)
    assert made == [] and len(_entries(terms)) == len(fewer)


def _valid_but_wrong_shape() -> bytes:
    return zlib.compress(marshal.dumps(("url", "title", "facts", {}, {}, {}, {})), 1)


@pytest.mark.parametrize("spoil", [
    lambda data: b"",
    lambda data: b"not zlib at all",
    lambda data: data[: len(data) // 2],
    lambda data: zlib.compress(b"\xff\x00marshal garbage", 1),
    lambda data: _valid_but_wrong_shape(),
], ids=["empty", "not-zlib", "truncated", "not-marshal", "wrong-shape"])
def test_a_broken_entry_is_made_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, spoil  # type: ignore[no-untyped-def]
) -> None:
    notices, terms = _notices(8), tmp_path / "terms"
    index_notices(notices, TOPICS, 1, terms, _keys(notices))
    victim = sorted(terms.iterdir())[3]
    good = victim.read_bytes()
    victim.write_bytes(spoil(good))
    assert termscache.read(victim) is None
    made = _count_made(monkeypatch)
    assert index_notices(notices, TOPICS, 1, terms, _keys(notices)).files == _fresh(notices)
    assert len(made) == 1
    assert victim.read_bytes() == good


def test_other_topic_names_use_other_entries(tmp_path: Path) -> None:
    notices, terms = _notices(6), tmp_path / "terms"
    index_notices(notices, TOPICS, 1, terms, _keys(notices))
    before = _entries(terms)
    renamed = {"dau-tu-cong": "Đầu tư công trung hạn"}
    assert index_notices(notices, renamed, 1, terms, _keys(notices)).files == _fresh(
        notices, renamed)
    assert _entries(terms).isdisjoint(before) and len(_entries(terms)) == len(notices)


def test_a_notice_without_an_extraction_key_is_made_every_time(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    notices, terms = _notices(5), tmp_path / "terms"
    keys = _keys(notices)
    del keys[notices[2][1].src]
    index_notices(notices, TOPICS, 1, terms, keys)
    assert len(_entries(terms)) == len(notices) - 1
    made = _count_made(monkeypatch)
    index_notices(notices, TOPICS, 1, terms, keys)
    assert made == [notices[2][0]]


def test_temporary_files_of_a_stopped_build_are_deleted(tmp_path: Path) -> None:
    notices, terms = _notices(4), tmp_path / "terms"
    terms.mkdir()
    (terms / (".{}.z.999.tmp".format("0" * 32))).write_bytes(b"half")
    (terms / "README").write_text("not ours", encoding="utf-8")
    index_notices(notices, TOPICS, 1, terms, _keys(notices))
    assert not any(name.endswith(".tmp") for name in _entries(terms))
    assert "README" in _entries(terms)  # only names of its own are deleted


def test_the_index_cache_keeps_the_terms_beside_the_newest_index(tmp_path: Path) -> None:
    """load_or_build keeps one index folder (the newest) and the terms folder beside it."""
    notices, cache = _notices(10), tmp_path / "search"
    assert load_or_build(notices, TOPICS, cache, keys=_keys(notices))[1] is False
    fewer = notices[2:]
    index, cached = load_or_build(fewer, TOPICS, cache, keys=_keys(fewer))
    assert not cached and index.files == _fresh(fewer)
    folders = [p.name for p in cache.iterdir() if p.is_dir()]
    assert sorted(folders) == sorted([termscache.FOLDER, searchcache.inputs_digest(
        fewer, TOPICS, _keys(fewer))])
    assert len(_entries(cache / termscache.FOLDER)) == len(fewer)
    # Without a cache folder nothing is kept anywhere.
    assert load_or_build(notices, TOPICS, None, keys=_keys(notices))[0].files == _fresh(notices)
