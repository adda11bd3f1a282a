"""The build step over a content folder: bad input, sidecars, the cache, encodings, output."""

from __future__ import annotations

import gc
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_decoding import to_cp1258
from thongbao.legacy import encode_legacy
from thongbao.pipeline import build_pages

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).parent / "corpus"
SEED = (ROOT / "content/notices/bac-kan/2021"
        / "tb-2021-10-11-ket-luan-hoi-nghi-kinh-te-xa-hoi-thang-9.txt")


def make_content(tmp: Path) -> Path:
    content = tmp / "content"
    shutil.copytree(ROOT / "content" / "reference", content / "reference")
    (content / "notices" / "bac-kan" / "2021").mkdir(parents=True)
    shutil.copy(SEED, content / "notices" / "bac-kan" / "2021" / "ket-luan.txt")
    return content


def test_each_bad_file_gives_one_line_and_the_rest_builds(tmp_path):
    content = make_content(tmp_path)
    bad = content / "notices" / "hong"
    shutil.copytree(CORPUS / "bad", bad)
    result = build_pages(content)
    by_file = {}
    for problem in result.problems:
        by_file.setdefault(problem.file, []).append(problem.message)
    expected = {
        "notices/hong/empty.txt": "empty",
        "notices/hong/blank.txt": "empty",
        "notices/hong/binary.txt": "binary",
        "notices/hong/notice.pdf": "broken PDF (",
        "notices/hong/broken_sidecar/hatinh-cv-chongbao-2022.yml": "invalid YAML",
    }
    assert set(by_file) == set(expected)
    for file, needle in expected.items():
        assert len(by_file[file]) == 1, by_file[file]
        assert needle in by_file[file][0]
        assert "\n" not in by_file[file][0]
    built = {page.src for page in result.pages}
    # The good notice and the letter whose sidecar is broken are both still built.
    # Prose with no date and no province is a notice too: built, its fields null, noted as
    # incomplete (INFO), never a problem.
    assert built == {"notices/bac-kan/2021/ket-luan.txt",
                     "notices/hong/no_date_no_province.txt",
                     "notices/hong/broken_sidecar/hatinh-cv-chongbao-2022.txt"}
    notes = {str(n) for n in result.incomplete}
    assert "notices/hong/no_date_no_province.txt: incomplete: no date; no province; no chair" in notes


def test_strict_cli_fails_on_a_bad_notice_and_plain_build_does_not(tmp_path):
    content = make_content(tmp_path)
    (content / "notices" / "rong.txt").write_bytes(b"")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "thongbao.cli", "build", "--content", str(content),
           "--out", str(out), "--no-cache"]
    plain = subprocess.run(cmd, capture_output=True, text=True)
    strict = subprocess.run([*cmd, "--strict"], capture_output=True, text=True)
    assert plain.returncode == 0 and strict.returncode == 1
    assert "notices/rong.txt: empty file" in strict.stderr
    assert (out / "van-ban/bac-kan/2021/ket-luan.md").is_file()


def test_sidecar_corrects_fields_and_is_shown_as_corrected(tmp_path):
    content = make_content(tmp_path)
    (content / "notices/bac-kan/2021/ket-luan.yml").write_text(
        "date: 2021-10-12\nchair: Đỗ Thị Minh Hoa\nsource_url: https://backan.gov.vn/tb\n",
        encoding="utf-8",
    )
    page = build_pages(content).pages[0]
    assert page.record.date == "2021-10-12"
    assert page.record.chair == "Đỗ Thị Minh Hoa"
    assert page.record.source.url == "https://backan.gov.vn/tb"
    assert set(page.record.corrected) == {"date", "chair"}
    assert page.url == "van-ban/bac-kan/2021/ket-luan/"


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        ("date: hôm qua\n", "date: expected YYYY-MM-DD"),
        ("ngay: 2021-10-12\n", "unknown key 'ngay'"),
        ("topics: [khong-co]\n", "unknown topic 'khong-co'"),
        ("- just\n- a list\n", "expected a mapping"),
    ],
)
def test_broken_sidecar_is_reported_not_ignored(tmp_path, sidecar, message):
    content = make_content(tmp_path)
    (content / "notices/bac-kan/2021/ket-luan.yml").write_text(sidecar, encoding="utf-8")
    result = build_pages(content)
    assert [str(p) for p in result.problems] == [
        f"notices/bac-kan/2021/ket-luan.yml: sidecar ignored: {message}"
    ] or message in str(result.problems[0])
    assert len(result.pages) == 1 and result.pages[0].record.date == "2021-10-11"


def test_cache_skips_unchanged_notices_and_sees_every_change(tmp_path):
    content = make_content(tmp_path)
    shutil.copy(SEED, content / "notices/bac-kan/2021/ban-sao.txt")
    cache = tmp_path / "cache"
    first = build_pages(content, cache_dir=cache)
    assert (first.extracted, first.from_cache) == (2, 0)
    again = build_pages(content, cache_dir=cache)
    assert (again.extracted, again.from_cache) == (0, 2)
    assert [p.record for p in again.pages] == [p.record for p in first.pages]
    (content / "notices/bac-kan/2021/ban-sao.yml").write_text("date: 2021-10-13\n")
    after_sidecar = build_pages(content, cache_dir=cache)
    assert (after_sidecar.extracted, after_sidecar.from_cache) == (1, 1)
    topics = content / "reference/topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8") + "\n# sửa\n", encoding="utf-8")
    after_reference = build_pages(content, cache_dir=cache)
    assert after_reference.extracted == 2


def _encodings(text: str) -> dict[str, bytes]:
    return {
        "utf-8-bom": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf-16": text.encode("utf-16"),
        "cp1258": to_cp1258(text),
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "nfd": __import__("unicodedata").normalize("NFD", text).encode("utf-8"),
        "tcvn3": encode_legacy(text, "tcvn3"),
        "vni": encode_legacy(text, "vni"),
    }


def test_same_notice_in_every_encoding_gives_the_same_record(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    reference = build_pages(make_content(tmp_path / "utf-8")).pages[0].record.to_dict()
    for key in ("source", "id"):
        reference.pop(key)
    for name, data in _encodings(text).items():
        # One content folder per encoding: side by side they are one notice (duplicates).
        content = make_content(tmp_path / name)
        (content / "notices/bac-kan/2021/ket-luan.txt").write_bytes(data)
        result = build_pages(content)
        assert result.problems == [], name
        record = result.pages[0].record.to_dict()
        for key in ("source", "id"):
            record.pop(key)
        assert record == reference, name


def test_the_same_notice_in_every_encoding_side_by_side_is_one_notice(tmp_path):
    content = make_content(tmp_path)
    folder = content / "notices" / "bac-kan" / "2021"
    names = []
    for name, data in _encodings(SEED.read_text(encoding="utf-8")).items():
        (folder / f"{name}.txt").write_bytes(data)
        names.append(f"{name}.txt")
    result = build_pages(content)
    assert len(result.pages) == 1
    kept = result.pages[0].src
    assert {p.file for p in result.problems} | {kept} == {
        f"notices/bac-kan/2021/{n}" for n in [*names, "ket-luan.txt"]}
    assert all(p.message.startswith(f"duplicate of {kept} (same text)") for p in result.problems)


def test_pages_are_deterministic_and_stale_pages_removed(tmp_path):
    content = make_content(tmp_path)
    a, b = tmp_path / "a", tmp_path / "b"
    build_pages(content, a)
    build_pages(content, b, cache_dir=tmp_path / "cache")
    build_pages(content, b, cache_dir=tmp_path / "cache")  # from the cache this time
    files_a = sorted(p.relative_to(a) for p in a.rglob("*.md"))
    assert files_a == sorted(p.relative_to(b) for p in b.rglob("*.md"))
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes()
    (content / "notices/bac-kan/2021/ket-luan.txt").rename(
        content / "notices/bac-kan/2021/doi-ten.txt")
    build_pages(content, a)
    assert [p.name for p in a.rglob("*.md")] == ["doi-ten.md"]


def test_page_is_front_matter_then_the_full_text(tmp_path):
    content = make_content(tmp_path)
    page = build_pages(content).pages[0]
    head, body = page.markdown.split("\n---\n", 1)
    meta = yaml.safe_load(head.removeprefix("---\n"))
    assert meta["title"].startswith("Kết luận của Chủ tịch UBND tỉnh")
    assert meta["province"] == "Bắc Kạn" and meta["province_now"] == "Thái Nguyên"
    # Nothing of the original is dropped: every word of the notice is in the body.
    words = set(SEED.read_text(encoding="utf-8").replace("*", " ").split())
    missing = [w for w in words if w.strip("#") and w.strip("#") not in body]
    assert missing == []


def test_untrusted_text_never_becomes_html(tmp_path):
    content = make_content(tmp_path)
    evil = content / "notices" / "bac-kan" / "2021" / "doc-hai.txt"
    evil.write_text(
        SEED.read_text(encoding="utf-8").replace(
            "Trên cơ sở các báo cáo",
            '<script>alert(1)</script> <img src=x onerror=alert(2)> '
            "[bấm](javascript:alert(3)) Trên cơ sở các báo cáo",
        ),
        encoding="utf-8",
    )
    page = next(p for p in build_pages(content).pages if p.src.endswith("doc-hai.txt"))
    assert "<script" not in page.body and "<img" not in page.body
    assert "&lt;script&gt;" in page.body or "&lt;script>" in page.body
    # The link syntax survives only escaped, so it renders as text, never as a link.
    assert re.search(r"(?<!\\)\]\(javascript:", page.body) is None
    assert "\\[bấm\\](javascript:" in page.body


def test_process_pool_gives_the_same_pages_as_one_process(tmp_path, monkeypatch):
    import thongbao.pipeline as pipeline

    content = make_content(tmp_path)
    for src in sorted((ROOT / "content" / "notices").rglob("*.txt")):
        shutil.copy(src, content / "notices" / "bac-kan" / "2021" / src.name)
    serial = build_pages(content, workers=1)
    monkeypatch.setattr(pipeline, "PARALLEL_THRESHOLD", 2)
    pooled = build_pages(content, workers=2)
    assert [p.markdown for p in pooled.pages] == [p.markdown for p in serial.pages]
    # ket-luan.txt is the Bắc Kạn seed again: one notice.
    assert len(serial.pages) == 5
    assert [str(p) for p in pooled.problems] == [str(p) for p in serial.problems]
    assert len(serial.problems) == 1 and "duplicate of" in serial.problems[0].message


_PROBE: dict[str, Any] = {}


def _probed_extract_job(job, content_dir):
    """``pipeline._extract_job``, noting the worker's pid and whether its collector runs
    (module level: the pool pickles the function by name)."""
    with _PROBE["out"].open("a") as out:
        out.write(f"{os.getpid()} {gc.isenabled()}\n")
    return _PROBE["original"](job, content_dir)


def test_pool_workers_collect_garbage_though_the_parent_paused_its_collector(tmp_path, monkeypatch):
    """The MkDocs plugin pauses the collector while the archive is made; the extraction
    workers forked then must still collect (thongbao_mkdocs/collector.py)."""
    import thongbao.pipeline as pipeline

    content = make_content(tmp_path)
    for src in sorted((ROOT / "content" / "notices").rglob("*.txt")):
        shutil.copy(src, content / "notices" / "bac-kan" / "2021" / src.name)
    seen = tmp_path / "collector.txt"
    monkeypatch.setitem(_PROBE, "out", seen)
    monkeypatch.setitem(_PROBE, "original", pipeline._extract_job)
    monkeypatch.setattr(pipeline, "_extract_job", _probed_extract_job)
    monkeypatch.setattr(pipeline, "PARALLEL_THRESHOLD", 2)
    gc.disable()
    try:
        build_pages(content, workers=2)
    finally:
        gc.enable()
    lines = seen.read_text().split()
    pids, states = set(lines[::2]), set(lines[1::2])
    assert pids and str(os.getpid()) not in pids  # made in the workers
    assert states == {"True"}


def test_figures_are_found_once_and_cached_with_the_notice(tmp_path):
    from thongbao.figures import load_indicators, notice_figures
    from thongbao.reference import load_reference

    content = make_content(tmp_path)
    cache = tmp_path / "cache"
    first = build_pages(content, cache_dir=cache)
    again = build_pages(content, cache_dir=cache)
    assert (again.extracted, again.from_cache) == (0, 1)
    page = first.pages[0]
    direct = notice_figures(page.record, page.body,
                            load_indicators(content / "reference/indicators.yml"),
                            load_reference(content / "reference"))
    assert direct, "the seed reports growth figures"
    assert page.figures == tuple(direct)
    assert again.pages[0].figures == tuple(direct)  # Decimal values survive the JSON cache
    assert [str(f.value) for f in again.pages[0].figures] == [str(f.value) for f in direct]
