"""Index pages made by units (``indexpages.Unit``; plugins' ``indexviews.unit_key``).

After an edit, a build takes from the page cache every unit whose key did not change. That is
sound only if an unchanged key means the same pages: here, on the generated corpus with a
small list limit (so long pages are cut into sub-pages), a series of edits — a task added, a
duplicate added, a notice deleted, a chair renamed, a local document cited a second time (it
gains a page), a newer notice (every task's status moves) — and after each, every unit whose
key is the same as before makes exactly the pages it made before, while the units the edit
reaches get a new key.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from thongbao.archive import build_archive
from thongbao.chair_summaries import chair_summaries
from thongbao.indexpages import Site, Unit, index_pages, index_units
from thongbao.pipeline import build_pages
from thongbao.reference import Reference, load_reference
from thongbao_mkdocs.indexviews import UnitKeys, shape_digest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from gen_notices import generate  # noqa: E402

LIMIT = 20

State = dict[str, tuple[str | None, Unit]]


def _units(content: Path, cache: Path, ref: Reference) -> tuple[State, str | None]:
    """Every unit by name with its key, and the date task statuses are relative to."""
    result = build_pages(content, cache_dir=cache, ref=ref, workers=1)
    site = Site(build_archive(result.pages, ref), LIMIT)
    shape = shape_digest(site.shape(), ref.digest, {"list_limit": LIMIT})
    keys = UnitKeys(shape, result.keys, site.task_statuses)
    units = {u.name: (keys.of(u), u) for u in index_units(site)}
    return units, site.journal.tasks.reference_date


def _notices(content: Path) -> list[Path]:
    return sorted((content / "notices").rglob("*.txt"))


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), "utf-8")


def _add_paragraph(notice: Path, paragraph: str) -> None:
    """``paragraph`` in the notice's text, before the recipients and the signature."""
    _replace(notice, "\nNơi nhận:", f"\n{paragraph}\n\nNơi nhận:")


def add_task(content: Path) -> str:
    _add_paragraph(_notices(content)[3], "Giao Sở Y tế rà soát danh mục thuốc thiết yếu tại "
                   "các trạm y tế xã; báo cáo UBND tỉnh trước ngày 15/12/2020.")
    return "agency:so-y-te"


def add_duplicate(content: Path) -> str:
    notice = _notices(content)[10]
    shutil.copyfile(notice, notice.with_name("ban-sao-" + notice.name))
    return ""


def delete_notice(content: Path) -> str:
    _notices(content)[20].unlink()
    return ""


def rename_chair(content: Path) -> str:
    notice = _notices(content)[30]
    text = notice.read_text("utf-8")
    start = text.index("Chủ tịch UBND ") + len("Chủ tịch UBND ")
    words = text[start:].split(" tại ", 1)[0].split()
    name = " ".join(words[1:])  # "tỉnh Nguyễn Ngọc Long" → the name
    _replace(notice, name, "Lê Văn Thử Nghiệm")
    return ""


def cite_local_document(content: Path) -> str:
    """A second notice of the same province cites a local plan only one notice cited: the
    plan reaches two citations and gets a page (the archive's shape changes)."""
    for first in _notices(content):
        others = [p for p in sorted(first.parent.parent.rglob("*.txt")) if p != first]
        text = first.read_text("utf-8")
        if others and "Kế hoạch số " in text:
            break
    symbol = text.split("Kế hoạch số ", 1)[1].split(" ", 1)[0]
    _add_paragraph(others[0], f"Tiếp tục triển khai Kế hoạch số {symbol} của UBND tỉnh.")
    return ""


def newer_notice(content: Path) -> str:
    """A notice dated after every other: "this month" of the tasks moves."""
    notice = _notices(content)[40]
    text = notice.read_text("utf-8")
    year = text.split(", ngày ", 1)[1].split("\n", 1)[0]
    _replace(notice, f", ngày {year}", ", ngày 28 tháng 12 năm 2030")
    return ""


EDITS: list[Callable[[Path], str]] = [
    add_task, add_duplicate, delete_notice, rename_chair, cite_local_document, newer_notice,
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Reference]:
    folder = tmp_path_factory.mktemp("units")
    content = folder / "content"
    generate(content, 160, seed=11)
    return content, folder / "cache", load_reference(content / "reference")


def test_a_unit_whose_key_is_unchanged_makes_the_same_pages(
    corpus: tuple[Path, Path, Reference],
) -> None:
    content, cache, ref = corpus
    before, newest = _units(content, cache, ref)
    assert all(key is not None for key, unit in before.values() if unit.notices is not None)
    # Long cited documents' provinces are units of their own (indexpages._policy_units).
    assert sum(1 for name in before if name.startswith("policy:") and name.count(":") == 2) > 5
    for edit in EDITS:
        reached = edit(content)
        after, newer = _units(content, cache, ref)
        reused = changed = 0
        for name, (key, unit) in after.items():
            old = before.get(name)
            if key is None or old is None or old[0] != key:
                changed += 1
                continue
            reused += 1
            assert unit.make() == old[1].make(), (edit.__name__, name)
        assert reused > changed > 0, edit.__name__  # most units come from the cache
        if reached:
            assert after[reached][0] != before[reached][0], edit.__name__
        if edit is cite_local_document:  # the plan gained a page
            policies = [[n for n in state if n.startswith("policy:")] for state in (before, after)]
            assert len(policies[1]) == len(policies[0]) + 1
        if edit is newer_notice:  # the tasks' statuses moved, and some cited documents with them
            assert newer != newest
            assert any(after[n][0] != before[n][0] for n in after if n.startswith("policy:"))
        before, newest = after, newer


def test_units_make_every_index_page_in_order(corpus: tuple[Path, Path, Reference]) -> None:
    content, cache, ref = corpus
    archive = build_archive(build_pages(content, cache_dir=cache, ref=ref, workers=1).pages, ref)
    site = Site(archive, LIMIT)
    by_units = [page for unit in index_units(site) for page in unit.make()]
    assert by_units == index_pages(archive, LIMIT)
    assert len({page.path for page in by_units}) == len(by_units)


def test_a_chair_summary_made_alone_is_the_archives(corpus: tuple[Path, Path, Reference]) -> None:
    content, cache, ref = corpus
    archive = build_archive(build_pages(content, cache_dir=cache, ref=ref, workers=1).pages, ref)
    journal = Site(archive, LIMIT).journal
    made = [journal.chair_summary(chair) for chair in archive.chairs.values()]
    assert len(made) > 20 and all(summary is not None for summary in made)
    whole = {c.id: c for c in chair_summaries((e.record for e in archive.notices),
                                              agency_names=journal.agency_names)}
    assert made == [whole[chair.id] for chair in archive.chairs.values()]
