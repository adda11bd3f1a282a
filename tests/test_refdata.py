"""One loader for content/reference/: an edit is seen by the next build of the same process and
after a restart, whatever the file's mtime; every file is schema-checked; a new file is one
registry entry."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from thongbao import refdata
from thongbao.citations import load_vocabulary
from thongbao.pipeline import build_pages
from thongbao.programs import load_programs
from thongbao.reference import ReferenceError, load_reference

ROOT = Path(__file__).resolve().parents[1]
SEED = "thai-nguyen/2021/cv-3413-ubnd-th-2021-07-22.txt"  # cites 75/NQ-CP (Chính phủ)
PROGRAM_SEED = "lao-cai/2021/tb-2021-09-ket-luan-phien-hop-thuong-ky-thang-9.txt"  # NTM

# file -> (text replaced, replacement of the same length in bytes)
EDITS = {
    "documents.yml": ("CP: {name: Chính phủ,", "CP: {name: Chính PHỦ,"),
    "programs.yml": ("short: CTMTQG xây dựng nông thôn mới", "short: CTMTQG xây dựng nông thôn MỚI"),
    "provinces.yml": ("name: Thái Nguyên", "name: Thái NguyêN"),
    "agencies.yml": ("name: Sở Kế hoạch và Đầu tư", "name: Sở Kế hoạch và Đầu Tư"),
    "topics.yml": ("name: Y tế", "name: Y Tế"),
}


def _project(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "reference", content / "reference")
    for rel in (SEED, PROGRAM_SEED):
        target = content / "notices" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "content" / "notices" / rel, target)
    return content


def _edit_keeping_size_and_mtime(path: Path, old: str, new: str) -> None:
    """The edit an mtime/size cache cannot see: same size, same modification time."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path.name, old)
    stat = path.stat()
    edited = text.replace(old, new, 1)
    assert len(edited.encode()) == len(text.encode())
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _seen(content: Path, name: str) -> str:
    """What each file's edit changes, read through the loaders a build uses."""
    ref_dir = content / "reference"
    if name == "documents.yml":
        return load_vocabulary(ref_dir / name).issuers["CP"]["name"]
    if name == "programs.yml":
        return load_programs(ref_dir / name).programs["ctmtqg-nong-thon-moi"].short
    ref = load_reference(ref_dir)
    if name == "provinces.yml":
        return ref.provinces["thai-nguyen"].name
    if name == "agencies.yml":
        return ref.agencies["so-ke-hoach-va-dau-tu"].name
    return ref.topics["y-te"].name


def _record_shows(pages: list, name: str, value: str) -> bool:
    records = [p.record.to_dict() for p in pages]
    if name == "documents.yml":
        return any(p["issuer"] == value for r in records for p in r["policies"])
    if name == "programs.yml":
        return any(p["symbol"] == value for r in records for p in r["policies"])
    if name == "provinces.yml":
        return any(r["province"] == value for r in records)
    return True  # agencies/topics: the loader check and the cache miss show it


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_edit_is_seen_by_the_next_build_and_after_a_restart(tmp_path, name):
    content = _project(tmp_path)
    cache = tmp_path / "cache"
    old, new = EDITS[name]
    first = build_pages(content, cache_dir=cache)
    assert first.extracted == 2 and not first.problems
    assert build_pages(content, cache_dir=cache).from_cache == 2
    before = _seen(content, name)

    _edit_keeping_size_and_mtime(content / "reference" / name, old, new)
    after = _seen(content, name)
    assert after != before and after == before.replace(old.split(": ")[-1].rstrip(","),
                                                       new.split(": ")[-1].rstrip(","))
    second = build_pages(content, cache_dir=cache)
    assert second.extracted == 2, "the cache key covers this file"
    assert _record_shows(second.pages, name, after)

    # A new process (a restarted `mkdocs serve`) reads the stored extraction made with the edit.
    script = (
        "import json, sys; from pathlib import Path; from thongbao.pipeline import build_pages;"
        "r = build_pages(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]));"
        "print(json.dumps([r.extracted, r.from_cache, [p.record.to_dict() for p in r.pages]]))"
    )
    out = subprocess.run([sys.executable, "-c", script, str(content), str(cache)],
                         capture_output=True, text=True, check=True)
    extracted, from_cache, records = json.loads(out.stdout)
    assert (extracted, from_cache) == (0, 2)
    assert records == [p.record.to_dict() for p in second.pages]


def test_every_reference_file_is_registered_with_a_valid_schema():
    files = refdata.schema_files()
    present = {p.name for p in (ROOT / "content" / "reference").glob("*.yml")}
    assert present <= set(files), "a reference file without a registry entry"
    for name in present:
        refdata.validate(name, refdata.read(ROOT / "content" / "reference", name))


@pytest.mark.parametrize(("name", "old", "new", "message"), [
    ("documents.yml", "scope: central}", "scope: centrl}", "documents.yml: issuers/"),
    ("programs.yml", "short: CTMTQG xây dựng nông thôn mới", "shrt: x",
     "programs.yml: 0: 'short' is a required property"),
    ("documents.yml", "types:\n", "types: [\n", "documents.yml: invalid YAML at line"),
])
def test_a_broken_file_is_one_line_naming_file_and_place(tmp_path, name, old, new, message):
    content = _project(tmp_path)
    path = content / "reference" / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ReferenceError) as info:
        load_reference(content / "reference")
    assert str(info.value).startswith(message) and "\n" not in str(info.value)


def test_a_new_file_is_one_registry_entry(tmp_path):
    """outlets.yml (a hypothetical new file) as another module would add it."""
    ref_dir = tmp_path / "reference"
    shutil.copytree(ROOT / "content" / "reference", ref_dir)
    schema = tmp_path / "outlets.schema.json"
    schema.write_text(json.dumps({
        "type": "array",
        "items": {"type": "object", "required": ["host", "province"],
                  "additionalProperties": False,
                  "properties": {"host": {"type": "string"}, "province": {"type": "string"}}},
    }), encoding="utf-8")
    (ref_dir / "outlets.yml").write_text("- {host: backan.gov.vn, province: bac-kan}\n",
                                         encoding="utf-8")
    try:
        refdata.register("outlets.yml", build=lambda d: {e["host"]: e["province"] for e in d},
                         schema=schema)
        assert refdata.load(ref_dir, "outlets.yml") == {"backan.gov.vn": "bac-kan"}
        (ref_dir / "outlets.yml").write_text("- {host: laocai.gov.vn, province: lao-cai}\n",
                                             encoding="utf-8")
        assert refdata.load(ref_dir, "outlets.yml") == {"laocai.gov.vn": "lao-cai"}
        (ref_dir / "outlets.yml").write_text("- {host: laocai.gov.vn}\n", encoding="utf-8")
        with pytest.raises(ReferenceError, match=r"^outlets.yml: 0: 'province' is a required"):
            load_reference(ref_dir)  # every registered file is checked with the rest
    finally:
        refdata.REGISTRY.pop("outlets.yml", None)
