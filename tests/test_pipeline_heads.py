"""``thongbao build`` from heads: an unchanged notice is read as its head (heads.py), a page in
full only when it must be written — and everything reported and written is what a build from
full pages reports and writes."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from test_pipeline import CORPUS, ROOT, SEED, make_content
from thongbao import cli, filedigests, heads, pipeline
from thongbao.pipeline import build_heads, build_pages

NOTICES = "notices/bac-kan/2021"
# A notice _archive publishes (no other copy of it is preferred), and its page.
KEPT = f"{NOTICES}/tin-2023-12-05-danh-gia-kinh-te-xa-hoi-11-thang.txt"
KEPT_PAGE = "van-ban/bac-kan/2021/tin-2023-12-05-danh-gia-kinh-te-xa-hoi-11-thang.md"


@pytest.fixture
def loads(monkeypatch):
    """The extraction keys of every page read in full from the cache, and of every notice
    extracted, in this test from now on."""
    seen: dict[str, list[str]] = {"cache": [], "extracted": []}
    cache_get, extract_job = pipeline._cache_get, pipeline._extract_job

    def counting_get(cache_dir, key):
        seen["cache"].append(key)
        return cache_get(cache_dir, key)

    def counting_extract(job, content_dir):
        seen["extracted"].append(job.rel)
        return extract_job(job, content_dir)

    monkeypatch.setattr(pipeline, "_cache_get", counting_get)
    monkeypatch.setattr(pipeline, "_extract_job", counting_extract)
    return seen


def _archive(tmp_path: Path) -> Path:
    """The repository's notices plus what makes a build report: a copy of one notice (same
    text), the same number, province and date with another text, a notice with no date, no
    province and no chair, and two different notices that would share one URL."""
    content = make_content(tmp_path)
    folder = content / NOTICES
    for src in sorted((ROOT / "content" / "notices").rglob("*.txt")):
        shutil.copy(src, folder / src.name)
    seed = SEED.read_text(encoding="utf-8")
    (folder / "ban-sao.txt").write_text(seed, encoding="utf-8")
    letter = (folder / "cv-3413-ubnd-th-2021-07-22.txt").read_text(encoding="utf-8")
    (folder / "cung-so.txt").write_text(letter + "\nBản sao gửi kèm.\n", encoding="utf-8")
    shutil.copy(CORPUS / "bad" / "no_date_no_province.txt", folder / "thieu.txt")
    (folder / "trung-ten.txt").write_text(seed.replace("Bắc Kạn", "Cao Bằng"), "utf-8")
    (folder / "trung-ten.md").write_text(seed.replace("Bắc Kạn", "Lào Cai"), "utf-8")
    return content


def _report(result: pipeline.BuildResult) -> tuple[list[str], list[str]]:
    return [str(p) for p in result.problems], [str(n) for n in result.incomplete]


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.md"))}


def _edit(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\nGhi chú: đã sửa.\n", encoding="utf-8")


def test_the_reports_from_heads_are_those_from_full_pages(tmp_path, loads):
    content = _archive(tmp_path)
    cache = tmp_path / "cache"
    full = build_pages(content, tmp_path / "full", cache_dir=cache)
    problems, incomplete = _report(full)
    # The archive makes every kind of line the build reports from heads.
    assert any("(same text)" in p for p in problems)
    assert any("(same number, province and date" in p for p in problems)
    assert any("same URL /" in p for p in problems)
    assert any("incomplete: no date; no province; no chair" in n for n in incomplete)
    assert any(p.redirect_from for p in full.pages)
    loads["cache"].clear(), loads["extracted"].clear()
    from_heads = build_heads(content, cache_dir=cache)
    assert loads["cache"] == [] and loads["extracted"] == []  # every notice read as a head
    assert _report(from_heads) == (problems, incomplete)
    assert from_heads.heads == full.heads
    assert from_heads.pages == []
    assert (from_heads.extracted, from_heads.from_cache) == (0, full.extracted)
    # Into an empty folder every published page is read in full, once, and written the same.
    written = build_heads(content, tmp_path / "heads", cache_dir=cache)
    assert sorted(loads["cache"]) == sorted(written.keys[h.src] for h in written.heads)
    assert _files(tmp_path / "heads") == _files(tmp_path / "full")


def test_a_rebuild_after_one_changed_notice_reads_no_other_page_in_full(tmp_path, loads):
    content = _archive(tmp_path)
    cache, out = tmp_path / "cache", tmp_path / "out"
    first = build_heads(content, out, cache_dir=cache)
    assert len(loads["extracted"]) == first.extracted == len(first.keys)
    changed = KEPT
    _edit(content / changed)
    loads["cache"].clear(), loads["extracted"].clear()
    again = build_heads(content, out, cache_dir=cache)
    # The changed notice is extracted (its new key has no cache entry: one look); no other
    # page is read in full.
    assert loads["extracted"] == [changed]
    assert loads["cache"] == [again.keys[changed]]
    assert (again.extracted, again.from_cache) == (1, len(again.keys) - 1)
    fresh = build_pages(content, tmp_path / "fresh")
    assert _report(again) == _report(fresh)
    assert _files(out) == _files(tmp_path / "fresh")


def test_a_page_file_gone_from_the_output_is_read_from_the_cache_and_written(tmp_path, loads):
    content = _archive(tmp_path)
    cache, out = tmp_path / "cache", tmp_path / "out"
    build_heads(content, out, cache_dir=cache)
    before = _files(out)
    (out / KEPT_PAGE).unlink()
    loads["cache"].clear(), loads["extracted"].clear()
    again = build_heads(content, out, cache_dir=cache)
    assert loads["cache"] == [again.keys[KEPT]]
    assert loads["extracted"] == []
    assert _files(out) == before


def test_a_cache_entry_gone_while_its_head_stayed_is_extracted_again(tmp_path, loads):
    content = _archive(tmp_path)
    cache, out = tmp_path / "cache", tmp_path / "out"
    first = build_heads(content, out, cache_dir=cache)
    before = _files(out)
    src = KEPT
    (cache / f"{first.keys[src]}.json").unlink()
    (out / KEPT_PAGE).unlink()
    loads["extracted"].clear()
    again = build_heads(content, out, cache_dir=cache)
    assert loads["extracted"] == [src]
    assert (again.extracted, again.from_cache) == (1, len(again.keys) - 1)
    assert _files(out) == before
    assert (cache / f"{first.keys[src]}.json").is_file()


@pytest.mark.parametrize("broken", [
    b"",
    b"{not json",
    b"[]",
    b'{"format": 0, "heads": {}}',
    b'{"format": 1, "heads": []}',
    "heads of the wrong shape",
    "heads under the wrong keys",
    "file digests of the wrong shape",
])
def test_a_broken_heads_index_falls_back_to_full_pages(tmp_path, loads, digests, broken):
    content = _archive(tmp_path)
    cache = tmp_path / "cache"
    time.sleep(0.05)
    full = build_pages(content, tmp_path / "full", cache_dir=cache)
    index = cache / heads.HEADS_FILE
    assert len(heads.read_index(cache).files) == len(full.keys)
    heads_survive = broken == "file digests of the wrong shape"
    if broken == "heads of the wrong shape":
        data = json.loads(index.read_bytes())
        shapes = [[1, 2], None, "x", [*range(7)], ["a", "b", "c", "not a list", "", "", ""]]
        for key, shape in zip(data["heads"], shapes * len(data["heads"]), strict=False):
            data["heads"][key] = shape
        broken = json.dumps(data).encode()
    elif broken == "heads under the wrong keys":
        data = json.loads(index.read_bytes())
        keys = list(data["heads"])
        data["heads"] = dict(zip(keys, [data["heads"][k] for k in keys[1:] + keys[:1]],
                                 strict=True))
        broken = json.dumps(data).encode()
    elif broken == "file digests of the wrong shape":
        data = json.loads(index.read_bytes())
        first = next(iter(data["files"].values()))
        shapes = [None, "x", [1, 2], [0, 0, 0, 0, 0, "not a digest"], [*first[:5], 7]]
        for rel, shape in zip(data["files"], shapes * len(data["files"]), strict=False):
            data["files"][rel] = shape
        broken = json.dumps(data).encode()
    index.write_bytes(broken)
    loads["cache"].clear()
    again = build_heads(content, tmp_path / "heads", cache_dir=cache)
    if heads_survive:  # every notice read again, found by its head, read in full to be written
        assert loads["cache"] == [again.keys[h.src] for h in again.heads]
    else:
        assert len(loads["cache"]) == len(again.keys)
    assert again.extracted == 0 and again.keys == full.keys
    assert _report(again) == _report(full)
    assert again.heads == full.heads
    assert _files(tmp_path / "heads") == _files(tmp_path / "full")
    # Written anew: the next build reads heads again.
    loads["cache"].clear()
    build_heads(content, tmp_path / "heads", cache_dir=cache)
    assert loads["cache"] == []


def test_a_duplicate_appearing_then_its_original_leaving(tmp_path, loads):
    content = make_content(tmp_path)
    cache, out = tmp_path / "cache", tmp_path / "out"
    build_heads(content, out, cache_dir=cache)
    copy = content / NOTICES / "sao-chep.txt"  # after ket-luan.txt: the original is kept
    shutil.copy(SEED, copy)
    appeared = build_heads(content, out, cache_dir=cache)
    assert [str(p) for p in appeared.problems] == [
        f"{NOTICES}/sao-chep.txt: duplicate of {NOTICES}/ket-luan.txt (same text); published once"]
    assert appeared.heads[0].redirect_from == ("van-ban/bac-kan/2021/sao-chep",)
    assert sorted(_files(out)) == ["van-ban/bac-kan/2021/ket-luan.md"]
    (content / NOTICES / "ket-luan.txt").unlink()
    loads["extracted"].clear()
    left = build_heads(content, out, cache_dir=cache)
    # The copy was built (and cached) all along: now published, from the cache, not extracted.
    assert loads["extracted"] == [] and left.problems == []
    assert [h.src for h in left.heads] == [f"{NOTICES}/sao-chep.txt"]
    assert _files(out) == _files(_full_build(content, tmp_path / "fresh"))


def test_deleted_and_renamed_notices_leave_no_page_and_no_head(tmp_path):
    content = _archive(tmp_path)
    cache, out = tmp_path / "cache", tmp_path / "out"
    build_heads(content, out, cache_dir=cache)
    folder = content / NOTICES
    (folder / "thieu.txt").unlink()
    (content / KEPT).rename(folder / "doi-ten.txt")
    again = build_heads(content, out, cache_dir=cache)
    files = _files(out)
    assert "van-ban/bac-kan/2021/doi-ten.md" in files
    assert not {KEPT_PAGE, "van-ban/bac-kan/2021/thieu.md"} & set(files)
    assert files == _files(_full_build(content, tmp_path / "fresh"))
    assert not any("thieu.txt" in str(n) for n in again.incomplete)
    # Every notice built, published or not (duplicates are decided again from heads), and
    # nothing else: the old keys are gone.
    index = heads.read_index(cache).heads
    assert set(index) == set(again.keys.values())
    assert {entry[0] for entry in index.values()} == set(again.keys)


def test_full_builds_and_head_builds_share_one_cache(tmp_path, loads):
    """The MkDocs plugin builds full pages on the cache ``thongbao build`` reads heads from."""
    content = _archive(tmp_path)
    cache = tmp_path / "cache"
    build_heads(content, tmp_path / "heads", cache_dir=cache)
    loads["cache"].clear(), loads["extracted"].clear()
    full = build_pages(content, tmp_path / "full", cache_dir=cache)
    assert loads["extracted"] == [] and len(loads["cache"]) == len(full.keys)
    _edit(content / KEPT)
    build_pages(content, tmp_path / "full", cache_dir=cache)
    loads["cache"].clear(), loads["extracted"].clear()
    again = build_heads(content, tmp_path / "heads", cache_dir=cache)
    # The full build extracted the changed notice and stored its head: read in full only to
    # be written.
    assert loads["extracted"] == [] and loads["cache"] == [again.keys[KEPT]]
    assert _files(tmp_path / "heads") == _files(tmp_path / "full")


def test_the_build_command_says_the_same_from_heads_and_from_extraction(tmp_path, capsys):
    content = _archive(tmp_path)
    args = ["build", "--content", str(content), "--out", str(tmp_path / "out"),
            "--cache", str(tmp_path / "cache")]
    outputs = []
    for _ in range(2):
        assert cli.main(args) == 0
        lines = capsys.readouterr().err.splitlines()
        outputs.append(lines)
    cold, warm = outputs
    assert cold[:-1] == warm[:-1] and any("INFO: " in line for line in warm)
    assert "extracted, 0 from cache" in cold[-1]
    assert "(0 extracted, " in warm[-1]
    assert cold[-1].split(" (")[0] == warm[-1].split(" (")[0]  # "N pages in OUT"


def _full_build(content: Path, out: Path) -> Path:
    build_pages(content, out)
    return out



@pytest.fixture
def digests(monkeypatch):
    """The FileDigests of every build in this test, in order; files count as quiet as soon
    as they are written (QUIET_NS 0) instead of two seconds after."""
    made: list[filedigests.FileDigests] = []

    class Recorded(filedigests.FileDigests):
        def __init__(self, remembered):
            super().__init__(remembered)
            made.append(self)

    monkeypatch.setattr(pipeline, "FileDigests", Recorded)
    monkeypatch.setattr(filedigests, "QUIET_NS", 0)
    return made


def test_an_unchanged_notice_file_is_known_by_its_stat_and_not_read_again(tmp_path, digests):
    content = _archive(tmp_path)
    cache, out = tmp_path / "cache", tmp_path / "out"
    time.sleep(0.05)  # the files' change time before the build's clock
    first = build_heads(content, out, cache_dir=cache)
    again = build_heads(content, out, cache_dir=cache)
    assert digests[0].read == len(first.keys) and digests[1].read == 0
    assert again.keys == first.keys and again.extracted == 0


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(tmp_path, digests):
    content = _archive(tmp_path)
    cache, out = tmp_path / "cache", tmp_path / "out"
    time.sleep(0.05)
    first = build_heads(content, out, cache_dir=cache)
    notice = content / KEPT
    before = notice.stat()
    text = notice.read_text(encoding="utf-8")
    notice.write_text(text.replace("tỉnh", "TỈNH", 1), encoding="utf-8")  # same byte count
    os.utime(notice, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert notice.stat().st_size == before.st_size
    assert notice.stat().st_mtime_ns == before.st_mtime_ns
    again = build_heads(content, out, cache_dir=cache)
    assert digests[1].read == 1  # the change time moved
    assert again.keys[KEPT] != first.keys[KEPT] and again.extracted == 1
    assert _files(out) == _files(_full_build(content, tmp_path / "fresh"))


def test_a_file_changed_just_before_a_build_is_read_again_by_the_next(tmp_path, monkeypatch):
    """Git's "racily clean" entries: a change time within QUIET_NS of the read is no proof."""
    made: list[filedigests.FileDigests] = []
    monkeypatch.setattr(pipeline, "FileDigests",
                        lambda remembered: made.append(filedigests.FileDigests(remembered))
                        or made[-1])
    content = make_content(tmp_path)
    build_pages(content, cache_dir=tmp_path / "cache")
    build_pages(content, cache_dir=tmp_path / "cache")
    assert made[0].read == made[1].read == 1 and made[1].entries == {}


def test_the_notice_walk_finds_what_rglob_found_in_the_same_order(tmp_path):
    root = tmp_path / "notices"
    names = ["a/x.txt", "a-b/y.txt", "a.txt", "a.yml", "b.c.txt", "b.c.yaml", "B.txt", "z.",
             ".an/hidden-folder.txt", ".hidden.txt", "d/e/f/g.md", "d/e.txt", "d/e.yml/not.txt"]
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    (root / "linked").symlink_to(root / "d", target_is_directory=True)
    (root / "link.txt").symlink_to(root / "a.txt")
    (root / "broken.txt").symlink_to(root / "missing.txt")
    found = list(pipeline.find_notices(root))
    rglob = [p for p in sorted(root.rglob("*")) if p.is_file() and not p.name.startswith(".")]
    assert [f.path for f in found] == rglob
    assert [f.rel for f in found] == [f"notices/{p.relative_to(root).as_posix()}" for p in rglob]
    sidecars = {f.rel: f.beside(".yml") or f.beside(".yaml") for f in found}
    assert sidecars == {
        f.rel: next((p for p in (f.path.with_suffix(".yml"), f.path.with_suffix(".yaml"))
                     if p.is_file()), None)
        for f in found
    }
    assert sidecars["notices/b.c.txt"] == root / "b.c.yaml"
    assert list(pipeline.find_notices(tmp_path / "none")) == []


def test_unchanged_sidecars_are_not_parsed_again_and_say_the_same(tmp_path, monkeypatch):
    content = _archive(tmp_path)
    folder = content / NOTICES
    (content / KEPT).with_suffix(".yml").write_text(
        "date: 2023-12-06\npermalink: tin/danh-gia-11-thang\n", encoding="utf-8")
    (folder / "thieu.yml").write_text("ngay: 2021-10-12\n", encoding="utf-8")
    (folder / "cung-so.yml").write_bytes(b"note: \xff\n")
    parsed: list[str] = []
    parse = pipeline.parse_sidecar
    monkeypatch.setattr(pipeline, "parse_sidecar",
                        lambda text, ref: parsed.append(text) or parse(text, ref))
    cache, out = tmp_path / "cache", tmp_path / "out"
    full = build_pages(content, tmp_path / "full", cache_dir=cache)
    assert len(parsed) == 2  # the sidecar that is not UTF-8 never reaches the parser
    problems = [str(p) for p in full.problems]
    assert any(p.startswith(f"{NOTICES}/thieu.yml: sidecar ignored: unknown key 'ngay'")
               for p in problems)
    assert any(p.startswith(f"{NOTICES}/cung-so.yml: sidecar ignored: ") for p in problems)
    assert "tin/danh-gia-11-thang/" in {p.url.removeprefix("van-ban/") for p in full.pages}
    parsed.clear()
    first = build_heads(content, out, cache_dir=cache)
    assert parsed == [] and _report(first) == _report(full)
    assert _files(out) == _files(tmp_path / "full")
    # Extracted again (its cache entry gone): its sidecar is parsed then, and only then.
    (cache / f"{first.keys[KEPT]}.json").unlink()
    (out / "van-ban/tin/danh-gia-11-thang.md").unlink()
    again = build_heads(content, out, cache_dir=cache)
    assert len(parsed) == 1 and again.extracted == 1 and _report(again) == _report(full)
    assert _files(out) == _files(tmp_path / "full")


def test_cached_pages_no_notice_has_any_more_are_deleted(tmp_path):
    content = _archive(tmp_path)
    cache = tmp_path / "cache"
    first = build_pages(content, cache_dir=cache)
    entries = {p.name for p in cache.glob("*.json")} - {heads.HEADS_FILE}
    assert f"{first.keys[KEPT]}.json" in entries
    assert entries <= {f"{key}.json" for key in first.keys.values()}
    stale = cache / f"{'0' * 64}.json"  # an entry of an older code or reference
    stale.write_text("{}", encoding="utf-8")
    other = cache / "ghi-chu.txt"  # not an entry: left alone
    other.write_text("giữ lại", encoding="utf-8")
    edited = content / KEPT
    _edit(edited)
    again = build_pages(content, cache_dir=cache)
    left = {p.name for p in cache.glob("*.json")} - {heads.HEADS_FILE}
    assert not stale.exists() and other.exists()
    assert f"{first.keys[KEPT]}.json" not in left  # the edited notice's old entry
    assert f"{again.keys[KEPT]}.json" in left
    assert left <= {f"{key}.json" for key in again.keys.values()}
