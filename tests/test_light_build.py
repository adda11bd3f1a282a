"""A light build step (``build_pages(light=True)``, what the site plugin asks for when it has an
extraction cache): pages hold no notice's text, and read it back from the cache unchanged.

At 10,000 notices the bodies and body HTML held as ``str`` were ~500 MB of the build's memory
(docs/scale.md, "Page count and memory"); these tests show nothing is lost by letting them go.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from sitebuild import ROOT, SEEDS, build_with_config, make_project
from sitecompare import files_of
from thongbao.bodyhtml import from_json, link_slots, place_links, to_json
from thongbao.pipeline import NoticePage, StoredPageError, build_pages

NOTICES = ROOT / "content" / "notices"


def _content(tmp: Path) -> Path:
    content = tmp / "content"
    shutil.copytree(ROOT / "content" / "reference", content / "reference")
    for rel in SEEDS:
        (content / "notices" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(NOTICES / rel, content / "notices" / rel)
    return content


def _without_store(page: NoticePage) -> NoticePage:
    return replace(page, stored=None)


@pytest.mark.parametrize("second", [False, True], ids=["extracted", "from-the-cache"])
def test_light_pages_hold_no_text_and_read_back_what_a_full_build_holds(tmp_path, second):
    content = _content(tmp_path)
    full = build_pages(content, workers=1)
    cache = tmp_path / "cache"
    if second:
        build_pages(content, cache_dir=cache, workers=1)
    light = build_pages(content, cache_dir=cache, workers=1, light=True)
    assert (light.extracted, light.from_cache) == ((0, 5) if second else (5, 0))
    assert len(light.pages) == len(full.pages) == 5
    for page, whole in zip(light.pages, full.pages, strict=True):
        assert page.body == "" and page.html is not None and page.html.html == ""
        assert page.stored is not None and page.stored.parent == cache
        # What the site reads without the text: headings, task anchors, link slots, record.
        assert whole.html is not None
        assert (page.html.headings, page.html.tasks) == (whole.html.headings,
                                                         whole.html.tasks)
        assert page.html.slots == whole.html.slots
        assert page.record == whole.record and page.figures == whole.figures
        assert _without_store(page.loaded()) == whole
        assert page.markdown == whole.markdown


def test_a_full_build_with_a_cache_keeps_the_text(tmp_path):
    result = build_pages(_content(tmp_path), cache_dir=tmp_path / "cache", workers=1)
    assert all(p.stored is None and p.body and p.loaded() is p for p in result.pages)


def test_a_light_page_whose_cache_file_went_says_so(tmp_path):
    light = build_pages(_content(tmp_path), cache_dir=tmp_path / "cache", workers=1,
                        light=True)
    page = light.pages[0]
    assert page.stored is not None
    page.stored.unlink()
    with pytest.raises(StoredPageError) as caught:
        page.loaded()
    assert page.src in str(caught.value) and "build again" in str(caught.value)


def test_a_light_build_reads_only_the_first_line_of_each_cache_entry(tmp_path):
    """An entry is the page's head (record, places, headings, task anchors, link slots) on
    its first line and its texts on the second: a light build reads the first only."""
    content, cache = _content(tmp_path), tmp_path / "cache"
    whole = build_pages(content, cache_dir=cache, workers=1).pages
    entries = [e for e in cache.glob("*.json") if len(e.stem) == 64]  # not heads.json
    assert len(entries) == 5
    for entry in entries:
        lines = entry.read_bytes().split(b"\n")
        assert len(lines) == 3 and lines[2] == b""  # two documents, one line each
        entry.write_bytes(lines[0] + b"\n" + b"{broken texts\n")
    light = build_pages(content, cache_dir=cache, workers=1, light=True)
    assert (light.extracted, light.from_cache) == (0, 5)
    assert [p.record for p in light.pages] == [p.record for p in whole]
    with pytest.raises(StoredPageError):
        light.pages[0].loaded()  # the texts are read when a page needs them
    full = build_pages(content, cache_dir=cache, workers=1)
    assert full.extracted == 5  # a full read needs both lines: extracted again


def _slots_filled(html: str) -> tuple[tuple[str, str], ...]:
    seen: dict[tuple[str, str], None] = {}
    place_links(html, lambda kind, name: seen.setdefault((kind, name)))
    return tuple(seen)


def test_link_slots_are_the_slots_place_links_fills_once_each_in_order(tmp_path):
    pages = build_pages(_content(tmp_path), workers=1).pages
    with_slots = [p.html for p in pages if p.html is not None and p.html.slots]
    assert with_slots, "the seeds name agencies and documents"
    for body in with_slots:
        assert body.slots == _slots_filled(body.html) == link_slots(body.html)
        # A cache entry written before slots were kept finds them in its HTML.
        data = to_json(body)
        del data["slots"]
        assert from_json(data) == body == from_json(to_json(body))
    assert link_slots("<p>no link</p>") == ()


def _with_option(root: Path, option: str) -> None:
    config = (root / "mkdocs.yml").read_text("utf-8")
    entry = "  - thongbao:\n"
    (root / "mkdocs.yml").write_text(config.replace(entry, entry + option, 1), "utf-8")


def test_a_site_built_light_is_the_site_built_holding_every_text(tmp_path):
    """With an extraction cache the plugin builds light: notice pages (their bodies and the
    links placed in them), the search index and every other file are the same bytes as a
    site whose build step kept every text (no extraction cache)."""
    root = make_project(tmp_path / "light")
    heavy = tmp_path / "heavy"
    shutil.copytree(root, heavy)
    config = (heavy / "mkdocs.yml").read_text("utf-8")
    assert "      cache_dir: .cache/thongbao\n" in config
    (heavy / "mkdocs.yml").write_text(
        config.replace("      cache_dir: .cache/thongbao\n", '      cache_dir: ""\n'), "utf-8")
    _with_option(heavy, '      page_cache_dir: ""\n')
    _with_option(root, '      page_cache_dir: ""\n')
    light_site, light = build_with_config(root, site_dir=tmp_path / "site-light")
    heavy_site, heavy_config = build_with_config(heavy, site_dir=tmp_path / "site-heavy")
    light_pages = light.plugins["thongbao"].state.pages  # type: ignore[attr-defined]
    heavy_pages = heavy_config.plugins["thongbao"].state.pages  # type: ignore[attr-defined]
    assert light_pages and all(p.stored is not None and p.body == "" for p in light_pages)
    assert all(p.stored is None and p.body for p in heavy_pages)
    assert files_of(light_site) == files_of(heavy_site)
    differing = [p for p in sorted(files_of(light_site))
                 if (light_site / p).read_bytes() != (heavy_site / p).read_bytes()]
    assert differing == []
