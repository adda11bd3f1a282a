"""The bulk exports made by a worker process beside the pages (beside.py, exportjob.py): the
same bytes as when the build's process makes them, from the page cache when nothing changed,
and made all the same when the worker fails."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from opendata_site import make_publishing_project
from sitebuild import build_with_config
from thongbao import exportjob
from thongbao.exportjob import ExportJob, export_job
from thongbao.pages import record_from_dict
from thongbao.pipeline import NoticePage, StoredPageError
from thongbao_mkdocs.beside import FilesBeside
from thongbao_mkdocs.pagecache import PageCache
from thongbao_mkdocs.state import get_state

ZIPS = ("notices.json.zip", "notices.csv.zip", "nhiem-vu.json.zip", "nhiem-vu.csv.zip")


def _without_extraction_cache(root: Path) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      cache_dir: .cache/thongbao\n" in text
    config.write_text(text.replace("      cache_dir: .cache/thongbao\n", '      cache_dir: ""\n'),
                      encoding="utf-8")


def test_the_worker_makes_the_same_exports_as_the_builds_process(tmp_path: Path) -> None:
    beside = make_publishing_project(tmp_path / "beside")
    here = make_publishing_project(tmp_path / "here")
    _without_extraction_cache(here)  # no cache file to read a record from: made here

    site, config = build_with_config(beside)
    state = get_state(config)
    assert state.beside is not None and state.beside.made_beside == 2  # notices, tasks
    site_here, config_here = build_with_config(here)
    assert get_state(config_here).beside.made_beside == 0  # type: ignore[union-attr]

    for name in ZIPS:
        made = (site / name).read_bytes()
        assert made == (site_here / name).read_bytes(), name
        with zipfile.ZipFile(site / name) as archive:
            (member,) = archive.namelist()
            assert member == name.removesuffix(".zip") and archive.read(member)
    for name in ("schema.json", "nhiem-vu.schema.json"):
        assert (site / name).read_bytes() == (site_here / name).read_bytes()

    # Nothing changed: the next build reads them from the page cache, and no worker runs.
    again, config_again = build_with_config(beside, site_dir=tmp_path / "again")
    assert get_state(config_again).beside.made_beside == 0  # type: ignore[union-attr]
    for name in ZIPS:
        assert (again / name).read_bytes() == (site / name).read_bytes()


def _config(tmp_path: Path) -> MkDocsConfig:
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(tmp_path / "docs"),
                      "site_dir": str(tmp_path / "site")})
    errors, _ = config.validate()
    assert not errors
    return config


def test_a_failing_worker_costs_time_not_the_files(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = _config(tmp_path)
    cache = PageCache(tmp_path / "pages")
    beside = FilesBeside(cache)
    gone = str(tmp_path / "gone.json")  # an extraction cache file deleted since it was read
    job = ExportJob("notices", ((gone, "https://x.example/van-ban/a/"),), "https://x.example/", "t")
    made = [("notices.json.zip", b"json"), ("notices.csv.zip", b"csv")]
    files = beside.files(config, "notices", "c" * 64, ("notices.json.zip", "notices.csv.zip"),
                         lambda: job, lambda: made)
    assert [f.src_uri for f in files] == ["notices.json.zip", "notices.csv.zip"]
    assert not (tmp_path / "site").exists()  # written at the end of the build, not now
    with caplog.at_level(logging.WARNING):
        beside.finish(str(tmp_path / "site"))
    assert (tmp_path / "site" / "notices.json.zip").read_bytes() == b"json"
    assert (tmp_path / "site" / "notices.csv.zip").read_bytes() == b"csv"
    assert beside.made_beside == 0
    (warning,) = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "worker making them failed" in warning and "gone.json" in warning
    assert PageCache(tmp_path / "pages").cached_files("c" * 64) == made  # kept all the same


def test_a_page_that_holds_its_text_has_no_job(tmp_path: Path) -> None:
    record = record_from_dict({"title": "T", "id": "a", "source": {
        "file": "a.txt", "sha256": "0" * 64, "url": None, "encoding": "utf-8"}})
    held = NoticePage("a.txt", "van-ban/a.md", "van-ban/a/", record, "body")
    stored = NoticePage("b.txt", "van-ban/b.md", "van-ban/b/", record, "",
                        stored=tmp_path / "b.json")
    assert export_job("notices", [stored, held], "https://x.example/", "t") is None
    assert export_job("notices", [], "https://x.example/", "t") is None
    job = export_job("tasks", [stored], "https://x.example/", "t", {"so-y-te": "Sở Y tế"})
    assert job == ExportJob("tasks", ((str(tmp_path / "b.json"), "https://x.example/van-ban/b/"),),
                            "https://x.example/", "t", (("so-y-te", "Sở Y tế"),))
    with pytest.raises(StoredPageError):  # b.json was never written
        exportjob.run(job)
