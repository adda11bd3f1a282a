"""The page cache (plugins/thongbao_mkdocs/pagecache.py): a generated page whose inputs did
not change is written from the cache, byte for byte what rendering it gives; any change of a
notice, a template or a setting renders again what it touches.

Each test builds real sites with real MkDocs: the same project with the page cache, and a
twin without it (``page_cache_dir: ""``) as the reference every cached build must equal.
"""

from __future__ import annotations

import shutil
import zlib
from pathlib import Path

import pytest
import thongbao_mkdocs.opendata as opendata_module
import thongbao_mkdocs.plugin as plugin_module
from htmlquery import document
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from sitebuild import ROOT, SEEDS, build_with_config, make_project
from sitecompare import files_of
from thongbao.indexpages import Site, Unit, index_units
from thongbao.listing import Heading, IndexPage, Link, Para
from thongbao.noticeview import STAND_IN_REPOSITORY, Originals
from thongbao_mkdocs.pagecache import PageCache, view_bytes
from thongbao_mkdocs.prerendered import PrerenderedPage

NOTICE = "content/notices/" + SEEDS[0]


def _build(root: Path, site: Path) -> tuple[Path, MkDocsConfig]:
    return build_with_config(root, site_dir=site)


def _cache(config: MkDocsConfig) -> PageCache:
    cache = config.plugins["thongbao"].page_cache  # type: ignore[attr-defined]
    assert isinstance(cache, PageCache)
    return cache


def _reference(root: Path, tmp: Path, name: str) -> Path:
    """The same project built without a page cache: what every cached build must give."""
    twin = tmp / f"twin-{name}"
    shutil.copytree(root, twin, ignore=shutil.ignore_patterns(".cache", "site*"))
    config = (twin / "mkdocs.yml").read_text("utf-8")
    entry = "  - thongbao:\n"
    (twin / "mkdocs.yml").write_text(
        config.replace(entry, entry + '      page_cache_dir: ""\n', 1), "utf-8")
    site, built = _build(twin, twin / "site")
    assert built.plugins["thongbao"].page_cache is None  # type: ignore[attr-defined]
    return site


def _keyed_units(config: MkDocsConfig) -> int:
    """How many units of index pages the build keeps apart (indexviews.unit_key): one per
    agency, cited document with a page, chair, topic and year."""
    plugin = config.plugins["thongbao"]
    site = Site(plugin.archive, plugin.config.list_limit,  # type: ignore[attr-defined]
                plugin.config.local_policy_min_citations)  # type: ignore[attr-defined]
    return sum(1 for unit in index_units(site) if unit.notices is not None)


def _same_sites(a: Path, b: Path) -> None:
    assert files_of(a) == files_of(b)
    differing = [p for p in sorted(files_of(a)) if (a / p).read_bytes() != (b / p).read_bytes()]
    assert differing == []


def test_an_unchanged_site_is_written_from_the_cache_byte_for_byte(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    first, config = _build(root, tmp_path / "first")
    cache = _cache(config)
    notices = len(config.plugins["thongbao"].notices)  # type: ignore[attr-defined]
    # Every generated page, the two bulk exports (notices', tasks'), the index pages'
    # listings (indexviews.py) with each unit's, the digests of what each page is made from
    # (the plan) and the feeds (thongbao-opendata).
    units = _keyed_units(config)
    assert cache.hits == 0 and cache.stored > notices >= 5 and cache.files_stored == 2
    assert units > 10 and cache.kept == 3 + units
    assert len(cache.used) == cache.stored + 5 + units
    second, config = _build(root, tmp_path / "second")
    again = _cache(config)
    assert again.hits == cache.stored and again.stored == 0
    assert again.files_hits == 2 and again.files_stored == 0
    # No view was made: index pages, the home page's sections, notices' panels, feeds.
    assert again.loaded == 3 and again.kept == 0
    _same_sites(first, second)
    _same_sites(second, _reference(root, tmp_path, "same"))
    entries = list((root / ".cache" / "pages").glob("*/*.z"))
    assert len(entries) == len(cache.used)


def test_a_changed_notice_renders_its_pages_again_and_the_rest_comes_from_the_cache(
    tmp_path: Path,
) -> None:
    root = make_project(tmp_path / "p")
    _build(root, tmp_path / "first")
    notice = root / NOTICE
    added = "Giao Sở Y tế rà soát danh mục thuốc thiết yếu, báo cáo trước ngày 30/11/2021."
    notice.write_text(notice.read_text("utf-8") + f"\n{added}\n", "utf-8")
    site, config = _build(root, tmp_path / "second")
    cache = _cache(config)
    units = _keyed_units(config)
    assert 0 < cache.stored < cache.hits
    assert cache.hits + cache.stored == len(cache.used) - 5 - units
    # The units the notice is not in come from the cache; the others are made and kept, with
    # the listings, the plan and the feeds (indexviews.py).
    assert 0 < cache.loaded < units and cache.loaded + cache.kept - 3 == units
    assert cache.files_stored == 2  # made from every record: made again
    _same_sites(site, _reference(root, tmp_path, "changed"))
    page = next(p for p in site.rglob("index.html")
                if "rà soát danh mục thuốc thiết yếu" in p.read_text("utf-8"))
    assert "van-ban" in page.parts
    # The entries of the pages that changed are gone: one entry a generated page.
    entries = list((root / ".cache" / "pages").glob("*/*.z"))
    assert len(entries) == len(cache.used)


def test_a_template_or_a_setting_change_renders_every_page_again(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    _, config = _build(root, tmp_path / "first")
    pages = _cache(config).stored
    template = root / "overrides" / "notice.html"
    template.write_text(template.read_text("utf-8") + "\n{#- a comment: new bytes -#}\n", "utf-8")
    _, config = _build(root, tmp_path / "second")
    assert _cache(config).hits == 0 and _cache(config).stored == pages
    assert _cache(config).files_hits == 2  # the exports: no template makes them
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text("utf-8").replace("site_name:", "site_name: Bản thử —", 1),
                   "utf-8")
    site, config = _build(root, tmp_path / "third")
    assert _cache(config).hits == 0
    assert "Bản thử —" in next((site / "van-ban").rglob("index.html")).read_text("utf-8")
    _same_sites(site, _reference(root, tmp_path, "renamed"))


def test_a_damaged_entry_is_rendered_again(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", notices=SEEDS[:2])
    _build(root, tmp_path / "first")
    entries = sorted((root / ".cache" / "pages").glob("*/*.z"))
    for entry in entries:
        entry.write_bytes(b"not zlib")
    site, config = _build(root, tmp_path / "second")
    cache = _cache(config)
    assert cache.hits == cache.files_hits == 0
    assert cache.stored + cache.files_stored + cache.kept == len(entries)
    _same_sites(site, _reference(root, tmp_path, "damaged"))
    third, config = _build(root, tmp_path / "third")  # the entries were written again
    assert _cache(config).hits == cache.stored and _cache(config).files_hits == 2
    _same_sites(third, site)


def test_view_bytes_depend_on_values_not_on_which_objects_are_shared() -> None:
    label = "".join(["Sở ", "Y tế"])  # equal to, but not the same object as, "Sở Y tế"
    shared = Link("Sở Y tế", "co-quan/so-y-te.md")
    one = IndexPage("a.md", "A", (Heading(1, "A", "a"), Para((shared, ", ", shared))))
    two = IndexPage("a.md", "A", (Heading(1, "A", "a"),
                                  Para((Link(label, "co-quan/so-y-te.md"),
                                        ", ", Link("Sở Y tế", "co-quan/so-y-te.md")))))
    assert view_bytes(one) == view_bytes(two)
    other = IndexPage("a.md", "A", (Heading(1, "A", "a"), Para((shared, "; ", shared))))
    assert view_bytes(other) != view_bytes(one)


def test_the_cache_keeps_what_a_build_used_and_reads_back_only_sound_entries(
    tmp_path: Path,
) -> None:
    cache = PageCache(tmp_path / "pages")
    cache.put("a" * 64, "<p>Trang một</p>")
    made: list[tuple[str, str | bytes]] = [("notices.json.zip", b"PK\x03\x04"), ("x.json", "{}")]
    assert cache.cached_files("b" * 64) is None
    cache.keep_files("b" * 64, made)
    assert cache.files_stored == 1
    later = PageCache(tmp_path / "pages")  # the next build
    assert later.has("a" * 64) and later.get("a" * 64) == "<p>Trang một</p>"
    assert later.cached_files("b" * 64) == made and later.files_hits == 1
    assert not later.has("c" * 64) and later.get("c" * 64) is None
    assert later.prune() == 0
    (tmp_path / "pages" / "aa" / f"{'a' * 64}.z").write_bytes(b"\x78\x01torn")
    assert later.get("a" * 64) is None  # zlib's check: rendered again by the caller
    third = PageCache(tmp_path / "pages")
    assert third.has("b" * 64)
    (tmp_path / "pages" / "kept-by-hand" / "b1").mkdir(parents=True)  # not an entry
    assert third.prune() == 1  # the page no build used since is deleted
    assert (tmp_path / "pages" / "kept-by-hand" / "b1").is_dir()
    assert sorted(p.name for p in (tmp_path / "pages").rglob("*.z")) == [f"{'b' * 64}.z"]
    (tmp_path / "pages" / "bb" / f"{'b' * 64}.z").write_bytes(b"\x78\x01torn")
    assert third.cached_files("b" * 64) is None  # damaged: made again by the caller
    assert third.files_hits == 0


def test_a_warm_build_makes_no_view_and_a_damaged_page_makes_them_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path / "p", notices=SEEDS[:3])
    first, _ = _build(root, tmp_path / "first")

    def unexpected(*args: object, **kwargs: object) -> None:
        raise AssertionError("a view was made though nothing changed")

    def units_not_made(site: Site) -> list[Unit]:
        return [Unit(u.name, u.notices, unexpected, u.extra, u.statuses)  # type: ignore[arg-type]
                for u in index_units(site)]

    with monkeypatch.context() as patch:  # nothing changed: no view is made (indexviews.py)
        patch.setattr(plugin_module, "index_units", units_not_made)
        patch.setattr(plugin_module, "quality_page", unexpected)
        patch.setattr(plugin_module, "notice_view", unexpected)
        patch.setattr(opendata_module, "feed_groups", unexpected)
        patch.setattr(plugin_module, "home_sections", unexpected)
        second, _ = _build(root, tmp_path / "second")
    _same_sites(first, second)
    # The pages' entries damaged, the listings and the plan kept: each page's unit is made
    # when the first of its pages needs a view, and the site is the same.
    for entry in (root / ".cache" / "pages").glob("*/*.z"):
        if zlib.decompress(entry.read_bytes()).startswith(b"<"):
            entry.write_bytes(b"not zlib")
    third, config = _build(root, tmp_path / "third")
    assert _cache(config).loaded == 3 and _cache(config).hits == 0
    _same_sites(third, first)


def test_an_added_or_removed_notice_is_on_exactly_the_pages_that_list_it(
    tmp_path: Path,
) -> None:
    root = make_project(tmp_path / "p", notices=SEEDS[:4])
    _build(root, tmp_path / "first")
    added = root / "content" / "notices" / SEEDS[4]
    added.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "content" / "notices" / SEEDS[4], added)
    site, config = _build(root, tmp_path / "added")
    assert _cache(config).hits > 0
    _same_sites(site, _reference(root, tmp_path, "added"))
    (root / NOTICE).unlink()
    site, config = _build(root, tmp_path / "removed")
    assert _cache(config).hits > 0
    _same_sites(site, _reference(root, tmp_path, "removed"))
    assert not any("tb-2021-10-11-ket-luan" in path for path in files_of(site))


def test_a_renamed_agency_renders_the_pages_that_name_it_again(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    first, _ = _build(root, tmp_path / "first")
    assert "Sở Y tế" in (first / "co-quan" / "so-y-te" / "index.html").read_text("utf-8")
    agencies = root / "content" / "reference" / "agencies.yml"
    text = agencies.read_text("utf-8")
    assert "\n  name: Sở Y tế\n" in text
    agencies.write_text(text.replace("\n  name: Sở Y tế\n", "\n  name: Sở Y tế (tên mới)\n"),
                        "utf-8")
    site, _ = _build(root, tmp_path / "second")
    _same_sites(site, _reference(root, tmp_path, "renamed-agency"))
    assert "Sở Y tế (tên mới)" in (site / "co-quan" / "so-y-te" / "index.html").read_text("utf-8")


LAO_CAI = "lao-cai/2021/tb-2021-09-ket-luan-phien-hop-thuong-ky-thang-9.txt"
CITING = """UỶ BAN NHÂN DÂN TỈNH LÀO CAI

Số: 412/TB-UBND

Lào Cai, ngày 20 tháng 9 năm 2021

THÔNG BÁO

Kết luận của Chủ tịch UBND tỉnh về công tác truy vết, xét nghiệm

Ngày 18 tháng 9 năm 2021, đồng chí Trịnh Xuân Trường - Chủ tịch UBND tỉnh chủ trì họp về công tác truy vết. Giao Sở Y tế tiếp tục thực hiện Kế hoạch số 320/KH-UBND ngày 03/8/2021 của UBND tỉnh, báo cáo UBND tỉnh trước ngày 30/9/2021.
"""


def test_a_link_of_an_unchanged_notice_follows_the_pages_of_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A local document gets a page at its second citation: the notice that cited it first
    did not change, but its body now links it — its page is rendered again."""
    root = make_project(tmp_path / "p", notices=[LAO_CAI])
    first, _ = _build(root, tmp_path / "first")
    target = "chinh-sach/320-kh-ubnd-2021-lao-cai/"
    page = "van-ban/lao-cai/2021/tb-2021-09-ket-luan-phien-hop-thuong-ky-thang-9/index.html"
    assert target not in (first / page).read_text("utf-8")
    (root / "content" / "notices" / "lao-cai" / "2021" / "tb-412.txt").write_text(CITING, "utf-8")
    seen: list[Files] = []
    plan = plugin_module.ThongbaoPlugin._plan_page_cache

    def planned(self: plugin_module.ThongbaoPlugin, config: MkDocsConfig, files: Files) -> None:
        seen.append(files)
        plan(self, config, files)

    monkeypatch.setattr(plugin_module.ThongbaoPlugin, "_plan_page_cache", planned)
    site, config = _build(root, tmp_path / "second")
    assert _cache(config).hits > 0
    assert target in (site / page).read_text("utf-8")
    _same_sites(site, _reference(root, tmp_path, "cited"))
    # What the body's links add to the key, apart from the panel (which lists the document
    # too): where each goes.
    files = seen[0]
    notice = files.src_uris[page.removesuffix("/index.html") + ".md"].page
    assert isinstance(notice, PrerenderedPage)
    linked = notice.source(files)
    files.remove(files.src_uris[target + "index.md"])
    assert notice.source(files) != linked


def test_a_corrected_title_is_in_every_page_and_feed_that_names_the_notice(
    tmp_path: Path,
) -> None:
    """A sidecar's correction changes the notice's record, not its URL nor the site's pages:
    the feeds and index pages that name it must follow (their keys hold every notice's
    extraction key)."""
    root = make_project(tmp_path / "p")
    _build(root, tmp_path / "first")
    title = "Kết luận đã sửa bởi biên tập viên"
    (root / NOTICE).with_suffix(".yml").write_text(f"title: {title}\n", "utf-8")
    site, _ = _build(root, tmp_path / "second")
    _same_sites(site, _reference(root, tmp_path, "corrected"))
    assert title in (site / "atom.xml").read_text("utf-8")


def _download_links(site: Path) -> list[str]:
    """The originals' links of every notice page (the panel's ``Tệp gốc``)."""
    links = []
    for page in sorted((site / "van-ban").rglob("index.html")):
        links += document(page.read_text("utf-8")).xpath("//a[@download]/@href")
    return links


def test_a_deploy_naming_a_new_commit_takes_every_page_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The Pages workflow links the originals at the commit it builds: each deploy a new
    # address. Pages are rendered with a stand-in and the address written in last.
    root = make_project(tmp_path / "p")
    monkeypatch.setenv("ORIGINALS_URL", "https://github.com/example/thongbao/blob/1111111/")
    _, config = _build(root, tmp_path / "first")
    pages = _cache(config).stored
    commit = "https://github.com/example/thongbao/blob/2222222/"
    monkeypatch.setenv("ORIGINALS_URL", commit)
    site, config = _build(root, tmp_path / "second")
    again = _cache(config)
    assert again.hits == pages and again.stored == 0 and again.files_hits == 2
    assert again.loaded == 3 and again.kept == 0  # no view made: index pages, plan, feeds
    links = _download_links(site)
    assert len(links) == 5 and all(link.startswith(commit + "content/notices/") for link in links)
    assert not any(STAND_IN_REPOSITORY in (site / p).read_text("utf-8", "replace")
                   for p in files_of(site))
    _same_sites(site, _reference(root, tmp_path, "deploy"))


def test_an_address_not_written_verbatim_is_rendered_into_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "&" is escaped in HTML ("&amp;"): no stand-in, the address is in every page's key.
    root = make_project(tmp_path / "p", notices=SEEDS[:2])
    monkeypatch.setenv("ORIGINALS_URL", "https://example.org/tep?kho=1&ban=")
    _build(root, tmp_path / "first")
    monkeypatch.setenv("ORIGINALS_URL", "https://example.org/tep?kho=2&ban=")
    site, config = _build(root, tmp_path / "second")
    assert _cache(config).hits == 0
    assert all(link.startswith("https://example.org/tep?kho=2&ban=/content/notices/")
               for link in _download_links(site))
    _same_sites(site, _reference(root, tmp_path, "query"))


def test_the_address_swap_writes_only_an_attribute_that_starts_with_the_stand_in() -> None:
    real = "https://github.com/o/r/blob/abc/"
    originals = Originals(folder=None, repository=real.rstrip("/"), content_path="content")
    stand_in = originals.stand_in()
    assert stand_in is not None
    rendered, swap = stand_in
    assert rendered.repository == STAND_IN_REPOSITORY and swap.real == real
    html = (f'<a href={STAND_IN_REPOSITORY}content/a.txt>a</a>'
            f'<a href="{STAND_IN_REPOSITORY}content/b.txt">b</a>'
            f"<p>Địa chỉ {STAND_IN_REPOSITORY} trong văn bản</p>")
    assert swap(html) == (f"<a href={real}content/a.txt>a</a>"
                          f'<a href="{real}content/b.txt">b</a>'
                          f"<p>Địa chỉ {STAND_IN_REPOSITORY} trong văn bản</p>")
    assert swap("<p>không có</p>") == "<p>không có</p>"
    for address in ("https://e.org/a b/", "https://e.org/?a=1", "https://e.org/'x'/",
                    "https://e.org/<x>/", "https://e.org/a&b/"):
        assert Originals(folder=None, repository=address).stand_in() is None
    assert Originals().stand_in() is None  # copies in the site: nothing to swap
