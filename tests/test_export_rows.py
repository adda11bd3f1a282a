"""Each notice's part of the bulk exports kept between builds (exportjob.py, entrycache.py): the
files made from kept rows are the files made from the records, byte for byte; a changed notice,
a broken entry or other agency names are made again; unused entries are deleted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from opendata_site import make_publishing_project
from sitebuild import SEEDS, build_with_config
from thongbao import exportjob
from thongbao.exportjob import export_job
from thongbao.pipeline import NoticePage, build_pages
from thongbao.tasks import notice_tasks, tasks_view, tasks_view_of
from thongbao_mkdocs.state import get_state

SITE = "https://x.example/"
ZIPS = ("notices.json.zip", "notices.csv.zip", "nhiem-vu.json.zip", "nhiem-vu.csv.zip")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[NoticePage], dict[str, str]]:
    """The seed notices through the build step, each page stored in the extraction cache."""
    root = tmp_path_factory.mktemp("rows")
    shutil.copytree(Path(__file__).parents[1] / "content", root / "content")
    result = build_pages(root / "content", cache_dir=root / "cache", light=True)
    assert len(result.pages) == len(SEEDS) and all(p.stored for p in result.pages)
    assert sum(len(p.record.deadlines) for p in result.pages) > 5  # the tasks' files say things
    return result.pages, dict(result.keys)


def _job(kind: str, pages: list[NoticePage], rows: Path | None, keys: dict[str, str],
         names: dict[str, str] | None = None) -> exportjob.ExportJob:
    job = export_job(kind, pages, SITE, "Lưu trữ", names, rows, keys)  # type: ignore[arg-type]
    assert job is not None
    return job


def _stamps(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


@pytest.mark.parametrize("kind", ["notices", "tasks"])
def test_kept_rows_make_the_files_the_records_make(
    built: tuple[list[NoticePage], dict[str, str]], tmp_path: Path, kind: str
) -> None:
    pages, keys = built
    names = {"so-y-te": "Sở Y tế (tên trong danh mục)"} if kind == "tasks" else None
    expected = exportjob.run(_job(kind, pages, None, keys, names))
    rows = tmp_path / "rows"
    first = exportjob.run(_job(kind, pages, rows, keys, names))
    assert first == expected
    assert len(list((rows / kind).iterdir())) == len(pages)
    stamps = _stamps(rows / kind)
    assert exportjob.run(_job(kind, pages, rows, keys, names)) == expected
    assert _stamps(rows / kind) == stamps  # read back, not written again


def test_a_changed_notice_gets_a_new_entry_and_its_old_one_goes(
    built: tuple[list[NoticePage], dict[str, str]], tmp_path: Path
) -> None:
    pages, keys = built
    rows = tmp_path / "rows"
    exportjob.run(_job("notices", pages, rows, keys))
    before = set(_stamps(rows / "notices"))
    changed = {**keys, pages[2].src: "another extraction"}
    exportjob.run(_job("notices", pages, rows, changed))
    after = set(_stamps(rows / "notices"))
    assert len(after) == len(pages) and len(after - before) == 1
    fewer = pages[1:]
    exportjob.run(_job("notices", fewer, rows, changed))
    assert len(list((rows / "notices").iterdir())) == len(fewer)


@pytest.mark.parametrize("kind", ["notices", "tasks"])
@pytest.mark.parametrize("spoil", [b"", b"not zlib", "wrong shape"])
def test_a_broken_entry_is_made_again(
    built: tuple[list[NoticePage], dict[str, str]], tmp_path: Path, kind: str,
    spoil: bytes | str,
) -> None:
    from thongbao import entrycache

    pages, keys = built
    rows = tmp_path / "rows"
    expected = exportjob.run(_job(kind, pages, rows, keys))
    victim = sorted((rows / kind).iterdir())[1]
    good = victim.read_bytes()
    if isinstance(spoil, str):
        entrycache.write(victim, ("a", ("b",), [1, 2]))
    else:
        victim.write_bytes(spoil)
    assert exportjob.run(_job(kind, pages, rows, keys)) == expected
    assert victim.read_bytes() == good


def test_other_agency_names_make_other_task_entries(
    built: tuple[list[NoticePage], dict[str, str]], tmp_path: Path
) -> None:
    pages, keys = built
    rows = tmp_path / "rows"
    exportjob.run(_job("tasks", pages, rows, keys, {"so-y-te": "Sở Y tế"}))
    before = set(_stamps(rows / "tasks"))
    renamed = {"so-y-te": "Sở Y tế tỉnh"}
    made = exportjob.run(_job("tasks", pages, rows, keys, renamed))
    assert made == exportjob.run(_job("tasks", pages, None, keys, renamed))
    assert set(_stamps(rows / "tasks")).isdisjoint(before)


def test_the_tasks_view_of_notice_facts_is_the_view_of_the_records(
    built: tuple[list[NoticePage], dict[str, str]]
) -> None:
    from thongbao.pipeline import stored_record

    records = [stored_record(p.stored) for p in built[0] if p.stored]
    names = {"so-y-te": "Sở Y tế tỉnh"}
    view = tasks_view(records, names)
    assert view.rows and view == tasks_view_of(notice_tasks(r, names) for r in records)
    assert view == tasks_view_of(notice_tasks(r, names) for r in reversed(records))


def test_a_build_after_a_changed_notice_makes_the_exports_of_a_fresh_build(
    tmp_path: Path,
) -> None:
    """Through MkDocs: build, edit a notice (a task added), build again with the caches; the
    four zips are those of a build of the edited notices without any cache."""
    project = make_publishing_project(tmp_path / "kept")
    build_with_config(project)
    rows = project / ".cache" / "thongbao" / "exports"
    assert {p.name for p in rows.iterdir()} == {"notices", "tasks"}
    notice = sorted((project / "content" / "notices").rglob("*.txt"))[0]
    with notice.open("a", encoding="utf-8") as text:
        text.write("\n\nGiao Sở Tài chính rà soát, báo cáo UBND tỉnh trước ngày 30/12/2021.\n")
    again, config = build_with_config(project, site_dir=tmp_path / "again")
    assert get_state(config).beside.made_beside == 2  # type: ignore[union-attr]
    fresh_project = make_publishing_project(tmp_path / "fresh")
    shutil.copyfile(notice, fresh_project / notice.relative_to(project))
    shutil.rmtree(fresh_project / ".cache", ignore_errors=True)
    fresh, _ = build_with_config(fresh_project)
    for name in ZIPS:
        assert (again / name).read_bytes() == (fresh / name).read_bytes(), name
    for kind in ("notices", "tasks"):
        assert len(list((rows / kind).iterdir())) == len(SEEDS)
