"""A notice page's pieces as plain functions: inline links, the panel view, published names."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from thongbao.archive import Archive, Entry, build_archive
from thongbao.bodyhtml import BodyHtml, notice_body_html, place_links
from thongbao.noticeview import (
    Originals,
    deadline_key,
    notice_view,
    original_path,
    panel_links,
    panel_view,
    shorten,
    slot_path,
    task_gist,
)
from thongbao.pipeline import build_pages

CONTENT = Path(__file__).resolve().parents[1] / "content"


@pytest.fixture(scope="module")
def archive(ref) -> Archive:
    return build_archive(build_pages(CONTENT, ref=ref).pages, ref)


def entry(archive: Archive, province: str) -> Entry:
    return next(e for e in archive.notices if e.record.province_id == province)


def linked(entry: Entry, archive: Archive, body: BodyHtml | None = None) -> str:
    """The body HTML with its slots filled as the site fills them, links as docs paths."""
    body = body or entry.page.html
    assert body is not None
    return place_links(body.html, lambda kind, target: slot_path(archive, entry.record, kind,
                                                                 target))


def test_inline_links_go_to_existing_pages_only(archive: Archive) -> None:
    lao_cai = entry(archive, "lao-cai")
    body = linked(lao_cai, archive)
    assert '<a href="co-quan/so-ke-hoach-va-dau-tu/index.md">Sở Kế hoạch và Đầu tư</a>' in body
    assert '<a href="chinh-sach/68-nq-cp-2021/index.md">' in body
    # 320/KH-UBND is a Lào Cai document cited once: no page, so no link.
    assert "chinh-sach/320-kh-ubnd" not in body and "320/KH-UBND" in body
    # The office inside the document number stays text.
    assert ">VPUBND</a>" not in body
    assert "\x00" not in body


def test_no_links_in_headings_or_existing_links(archive: Archive, ref, vocab) -> None:
    base = entry(archive, "thai-nguyen")
    text = ("## Giao Sở Y tế\n\nGiao [Sở Y tế](https://syt.example.vn) và Sở Y tế báo cáo.\n\n"
            "    Sở Y tế trong mã\n")
    body = linked(base, archive, notice_body_html(text, base.record, ref, vocab))
    assert body.startswith('<h2 id="giao-so-y-te">Giao Sở Y tế<a class="headerlink"')
    assert '<a href="https://syt.example.vn">Sở Y tế</a>' in body
    assert body.count("co-quan/so-y-te") == 1
    assert "<pre><code>Sở Y tế trong mã" in body


def test_hostile_text_never_becomes_html_nor_a_slot(archive: Archive, ref, vocab) -> None:
    base = entry(archive, "thai-nguyen")
    text = ('<script>alert(1)</script> [bấm](javascript:alert(3)) '
            '<a href="\x00a:so-y-te\x00">giả</a> Sở Y tế\n\n## Đầu tư\n\n## Đầu tư\n')
    rendered = notice_body_html(text, base.record, ref, vocab)
    body = linked(base, archive, rendered)
    assert "<script" not in body and "href=\"javascript" not in body
    assert "&lt;script&gt;" in body
    assert body.count("<a href=") == 1  # only the slot the renderer made, for Sở Y tế
    assert [h.id for h in rendered.headings] == ["dau-tu", "dau-tu_1"]


def test_panel_view(archive: Archive) -> None:
    view = notice_view(entry(archive, "bac-kan"), archive, Originals("tep-goc"))
    assert view.province is not None and view.province.url == "tinh/bac-kan/"
    assert view.province_now is not None and view.province_now.label == "tỉnh Thái Nguyên"
    assert view.chair is not None and view.chair.note == "Chủ tịch UBND tỉnh"
    assert view.source.download is not None and view.source.download.startswith("tep-goc/bac-kan/")
    assert all(link.url for link in view.topics + view.agencies)


def test_panel_view_of_a_notice_with_deadlines(archive: Archive) -> None:
    view = notice_view(entry(archive, "thai-nguyen"), archive, None)
    assert view.source.download is None
    assert [(d.date, d.agency.label if d.agency else None) for d in view.deadlines] == [
        ("25/07/2021", "Sở Kế hoạch và Đầu tư")
    ]
    assert view.deadlines[0].anchor == "nhiem-vu-1"
    assert view.deadlines[0].task.startswith("căn cứ chỉ đạo của UBND tỉnh")
    assert view.province_now is None


def test_what_the_archive_gives_a_panel_is_its_links(archive: Archive) -> None:
    """The page cache keys a notice's panel by ``panel_links`` (plugin._panel_part): the
    view is those links, the notice and the originals. An archive that names a body
    differently (a local body is named as the newest notice spells it) changes the links,
    and so the key, of every notice that names it."""
    thai_nguyen = entry(archive, "thai-nguyen")
    for notice in archive.notices:
        links = panel_links(notice, archive)
        assert panel_view(notice, links, None) == notice_view(notice, archive, None)
    agency = thai_nguyen.record.deadlines[0].agency
    assert agency is not None
    renamed = replace(archive, agencies={
        **archive.agencies, agency: replace(archive.agencies[agency], name="Sở (tên khác)")})
    before, after = panel_links(thai_nguyen, archive), panel_links(thai_nguyen, renamed)
    assert after != before
    assert [a.label for a in after.task_agencies if a] == ["Sở (tên khác)"]
    assert notice_view(thai_nguyen, renamed, None).deadlines[0].agency == after.task_agencies[0]


def test_panel_tasks_by_date_each_linked_to_its_block(archive: Archive) -> None:
    lao_cai = entry(archive, "lao-cai")
    view = notice_view(lao_cai, archive, None)
    keys = [deadline_key(d.iso) for d in view.deadlines]
    assert keys == sorted(keys) and len(keys) == len(lao_cai.record.deadlines)
    # A month-only deadline ("trong tháng 9/2021") comes after the days of September.
    months = [d.iso for d in view.deadlines if d.iso.startswith("2021-09")]
    assert months.index("2021-09") > months.index("2021-09-30")
    body = lao_cai.page.html
    assert body is not None
    linked_ids = {d.anchor for d in view.deadlines if d.anchor}
    assert len(linked_ids) >= 15  # most tasks have a block of their own
    assert all(f'id="{i}"' in body.html for i in linked_ids)


@pytest.mark.parametrize(("task", "names", "gist"), [
    ("Giao Sở Tư pháp tham mưu UBND tỉnh văn bản chỉ đạo.", ("Sở Tư pháp",),
     "tham mưu UBND tỉnh văn bản chỉ đạo."),
    ("Yêu cầu Sở Kế hoạch và Đầu tư căn cứ chỉ đạo.", ("Sở Kế hoạch và Đầu tư",),
     "căn cứ chỉ đạo."),
    ("Sở Nội vụ chủ trì, phối hợp.", (None, "Sở Nội vụ"), "chủ trì, phối hợp."),
    ("Các cơ quan báo cáo trước ngày 15/9/2021.", (), "Các cơ quan báo cáo trước ngày 15/9/2021."),
])
def test_task_gist_drops_the_body_named_first(task: str, names, gist: str) -> None:
    assert task_gist(task, names) == gist


def test_shorten_keeps_words_whole() -> None:
    assert shorten("Hoàn thành trong tháng 9/2021.") == "Hoàn thành trong tháng 9/2021."
    long = "Giao Sở Tài chính chủ trì, " * 20
    short = shorten(long, 60)
    assert len(short) <= 62 and short.endswith(" …") and not short.endswith(", …")


@pytest.mark.parametrize(("src", "published"), [
    ("notices/ha-noi/2022/tb.txt", "tep-goc/ha-noi/2022/tb.txt"),
    ("notices/ha-noi/2022/tb.html", "tep-goc/ha-noi/2022/tb.html.txt"),
    ("notices/ha-noi/2022/tb.md", "tep-goc/ha-noi/2022/tb.md.txt"),
])
def test_originals_never_published_as_active_files(
    archive: Archive, src: str, published: str
) -> None:
    base = entry(archive, "thai-nguyen").page
    page = replace(base, src=src, url="van-ban/ha-noi/2022/tb/", path="van-ban/ha-noi/2022/tb.md")
    assert original_path(Entry(page), "tep-goc") == published
