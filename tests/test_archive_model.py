"""The index model and the index pages as plain Python: no MkDocs, no HTML."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from thongbao.archive import Archive, agency_page_id, build_archive, newest_first, policy_aliases
from thongbao.indexpages import home_sections, index_pages, number, policy_has_page
from thongbao.listing import Heading, Link, Table
from thongbao.pipeline import NoticePage, build_pages
from thongbao.record import Deadline, Policy
from thongbao.urls import rel, url_of

CONTENT = Path(__file__).resolve().parents[1] / "content"


@pytest.fixture(scope="module")
def pages(ref) -> list[NoticePage]:
    result = build_pages(CONTENT, ref=ref)
    assert len(result.pages) == 5 and not result.problems
    return result.pages


@pytest.fixture(scope="module")
def archive(pages, ref) -> Archive:
    return build_archive(pages, ref)


def page(pages: list[NoticePage], province: str, year: str) -> NoticePage:
    return next(p for p in pages if p.url.startswith(f"van-ban/{province}/{year}/"))


def variant(base: NoticePage, name: str, **record_changes: object) -> NoticePage:
    """Another notice like ``base`` under another file name, with some fields changed."""
    record = replace(base.record, id=name, **record_changes)
    folder = base.url.rsplit("/", 2)[0]
    return replace(base, path=f"{folder}/{name}.md", url=f"{folder}/{name}/", record=record)


# -- provinces ---------------------------------------------------------------------------------


def test_every_province_indexed_and_pages_only_where_notices(archive: Archive) -> None:
    assert len(archive.provinces) == 63
    with_pages = {pid for pid, p in archive.provinces.items() if p.has_page}
    assert with_pages == {"bac-kan", "cao-bang", "lao-cai", "thai-nguyen"}


def test_merger_bac_kan_into_thai_nguyen(archive: Archive) -> None:
    bac_kan, thai_nguyen = archive.provinces["bac-kan"], archive.provinces["thai-nguyen"]
    assert bac_kan.successor is not None and bac_kan.successor.id == "thai-nguyen"
    assert [e.record.date for e in bac_kan.notices] == ["2023-12-05", "2021-10-11"]
    assert thai_nguyen.successor is None
    assert [p.id for p in thai_nguyen.predecessors] == ["bac-kan"]
    assert all(e.record.province_id == "thai-nguyen" for e in thai_nguyen.notices)


def test_chairs_over_time_per_province(archive: Archive) -> None:
    terms = archive.provinces["bac-kan"].chairs
    assert [(t.name, t.first, t.last, t.count) for t in terms] == [
        ("Nguyễn Đăng Bình", "2021-10-11", "2023-12-05", 2)
    ]
    assert "nguyen-dang-binh-bac-kan" in archive.chairs


# -- agencies, policies ------------------------------------------------------------------------


def test_ke_hoach_dau_tu_tasks_by_province(archive: Archive) -> None:
    agency = archive.agencies["so-ke-hoach-va-dau-tu"]
    lao_cai = [t.deadline.date for t in agency.tasks_in("lao-cai")]
    assert "2021-09-15" in lao_cai and lao_cai == sorted(lao_cai)
    assert [t.deadline.date for t in agency.tasks_in("thai-nguyen")] == ["2021-07-25"]
    assert set(agency.provinces()) >= {"bac-kan", "cao-bang", "lao-cai", "thai-nguyen"}


def test_district_committee_pages_are_per_province(ref) -> None:
    assert agency_page_id(ref, "ubnd-huyen-bao-lam", "cao-bang") == "ubnd-huyen-bao-lam-cao-bang"
    assert agency_page_id(ref, "so-y-te", "cao-bang") == "so-y-te"


def test_policy_68_cited_in_three_provinces(archive: Archive) -> None:
    policy = archive.policies["68-nq-cp-2021"]
    assert policy.provinces() == ["bac-kan", "lao-cai", "thai-nguyen"]
    assert policy.issuer == "Chính phủ" and policy.year == 2021
    assert all(c.quotes for c in policy.citations)


def test_long_policy_gives_a_sub_page_only_to_provinces_with_many_citations(pages, ref) -> None:
    lao_cai = page(pages, "lao-cai", "2021")
    more = [variant(lao_cai, f"ban-sao-{i}") for i in (1, 2)]
    archive = build_archive([*pages, *more], ref)
    policy = archive.policies["68-nq-cp-2021"]
    counts = {p: len(policy.citations_in(p)) for p in policy.provinces()}
    assert counts["lao-cai"] > 1 and counts["bac-kan"] == counts["thai-nguyen"] == 1
    generated = {p.path: p for p in index_pages(archive, list_limit=len(policy.citations) - 1,
                                                own_page_over=1)}
    main = generated["chinh-sach/68-nq-cp-2021/index.md"]
    assert "chinh-sach/68-nq-cp-2021/lao-cai.md" in generated
    assert "chinh-sach/68-nq-cp-2021/lao-cai.md" in main.links()
    assert not any(f"chinh-sach/68-nq-cp-2021/{p}.md" in generated
                   for p in ("bac-kan", "thai-nguyen"))
    assert "\n## Bắc Kạn\n" in main.text() and "\n## Lào Cai\n" not in main.text()
    # Every citing notice is listed once, on the page or on its province's sub-page.
    listed = main.links() + generated["chinh-sach/68-nq-cp-2021/lao-cai.md"].links()
    assert all(c.entry.page.path in listed for c in policy.citations)


def test_yearless_citation_merges_into_the_one_yeared_policy(pages, ref) -> None:
    base = page(pages, "cao-bang", "2021")
    yearless = Policy("68-nq-cp", "68/NQ-CP", None, "Chính phủ", name="Nghị quyết số 68/NQ-CP",
                      quotes=("theo Nghị quyết 68/NQ-CP",))
    extra = variant(base, "tb-khong-nam", policies=(yearless,))
    archive = build_archive([*pages, extra], ref)
    assert "68-nq-cp" not in archive.policies
    assert archive.policy_page(yearless) == "68-nq-cp-2021"
    assert "cao-bang" in archive.policies["68-nq-cp-2021"].provinces()


def test_yearless_citation_stays_apart_when_ambiguous(pages, ref) -> None:
    base = page(pages, "cao-bang", "2021")
    one = Policy("01-nq-cp-2021", "01/NQ-CP", 2021, "Chính phủ")
    two = Policy("01-nq-cp-2022", "01/NQ-CP", 2022, "Chính phủ")
    yearless = Policy("01-nq-cp", "01/NQ-CP", None, "Chính phủ")
    notices = [variant(base, "a", policies=(one,)), variant(base, "b", policies=(two,)),
               variant(base, "c", policies=(yearless,))]
    assert policy_aliases(newest_first(build_archive(notices, ref).notices)) == {}


def test_local_policies_merge_only_within_a_province(pages, ref) -> None:
    base = page(pages, "cao-bang", "2021")
    other = page(pages, "lao-cai", "2021")
    local = Policy("10-ct-ubnd-2021-cao-bang", "10/CT-UBND", 2021, None, local=True)
    yearless = Policy("10-ct-ubnd-lao-cai", "10/CT-UBND", None, None, local=True)
    archive = build_archive([variant(base, "a", policies=(local,)),
                             variant(other, "b", policies=(yearless,))], ref)
    assert set(archive.policies) == {"10-ct-ubnd-2021-cao-bang", "10-ct-ubnd-lao-cai"}


# -- order, counts -----------------------------------------------------------------------------


def test_newest_first_ties_by_id(pages, ref) -> None:
    base = page(pages, "lao-cai", "2021")
    same_day = [variant(base, name, date="2021-09-20") for name in ("c", "a", "b")]
    archive = build_archive([*pages, *same_day], ref)
    dates = [e.sort_date for e in archive.notices]
    assert dates == sorted(dates, reverse=True)
    assert [e.id for e in archive.notices if e.sort_date == "2021-09-20"] == ["a", "b", "c"]


def test_unknown_date_sorts_by_meeting_date(archive: Archive) -> None:
    cao_bang = next(e for e in archive.notices if e.record.province_id == "cao-bang")
    assert cao_bang.record.date is None and cao_bang.sort_date == "2021-05-04"
    assert cao_bang in archive.years[2021].notices


def test_counts(archive: Archive) -> None:
    c = archive.counts
    assert (c.notices, c.provinces, c.years) == (5, 4, 2)
    assert c.policies == len(archive.policies) and c.chairs == 4


def test_same_model_from_shuffled_input(pages, ref, archive: Archive) -> None:
    again = build_archive(list(reversed(pages)), ref)
    assert [e.id for e in again.notices] == [e.id for e in archive.notices]
    assert index_pages(again) == index_pages(archive)


# -- index pages -------------------------------------------------------------------------------


def test_paths_and_relative_links() -> None:
    assert url_of("tinh/bac-kan/index.md") == "tinh/bac-kan/"
    assert url_of("tinh/bac-kan/2021.md") == "tinh/bac-kan/2021/"
    assert url_of("index.md") == ""
    assert rel("tinh/bac-kan/index.md", "van-ban/bac-kan/2021/x.md") == (
        "../../van-ban/bac-kan/2021/x.md"
    )
    assert rel("index.md", "tinh/index.md") == "tinh/index.md"


def test_vietnamese_digit_grouping() -> None:
    assert number(12345) == "12.345"


def test_index_pages_unique_and_listed(archive: Archive) -> None:
    generated = index_pages(archive)
    paths = [p.path for p in generated]
    assert len(paths) == len(set(paths))
    assert {"tinh/index.md", "co-quan/index.md", "chinh-sach/index.md", "lanh-dao/index.md",
            "chu-de/index.md", "nam/index.md", "nhiem-vu/index.md",
            "chi-so/index.md"} == {p.path for p in generated if p.in_nav}
    assert "tinh/ha-giang/index.md" not in paths


def test_long_lists_move_to_year_pages(archive: Archive) -> None:
    generated = {p.path: p for p in index_pages(archive, list_limit=1)}
    assert "tinh/bac-kan/2021.md" in generated and "tinh/bac-kan/2023.md" in generated
    assert "tinh/bac-kan/2021.md" in generated["tinh/bac-kan/index.md"].links()
    # Thái Nguyên's list of Bắc Kạn notices links to Bắc Kạn's year pages, not its own.
    assert "tinh/bac-kan/2021.md" in generated["tinh/thai-nguyen/index.md"].links()
    assert "tinh/thai-nguyen/2023.md" not in generated


def test_agency_page_deadline_rows(archive: Archive) -> None:
    generated = {p.path: p.text() for p in index_pages(archive)}
    text = generated["co-quan/so-ke-hoach-va-dau-tu/index.md"]
    lao_cai = text.split("## Lào Cai", 1)[1].split("\n## ", 1)[0]
    assert "| 15/09/2021 |" in lao_cai  # a table cell: the short date


def test_long_agency_gives_a_sub_page_only_to_provinces_with_many_rows(archive: Archive) -> None:
    agency = archive.agencies["so-ke-hoach-va-dau-tu"]
    rows = {p: len(agency.notices_in(p)) + len(agency.tasks_in(p)) for p in agency.provinces()}
    # A limit that makes the agency long, and a sub-page threshold between the provinces' row
    # counts: some provinces get a page of their own, the others stay on the agency page.
    own_page = min(n for n in rows.values() if n > min(rows.values())) - 1
    limit = len(agency.notices) + len(agency.tasks) - 1
    generated = {p.path: p for p in index_pages(archive, list_limit=limit,
                                                own_page_over=own_page)}
    main = generated["co-quan/so-ke-hoach-va-dau-tu/index.md"]
    text = main.text()
    for province_id, n in rows.items():
        sub = f"co-quan/so-ke-hoach-va-dau-tu/{province_id}.md"
        name = archive.ref.provinces[province_id].name
        if n > own_page:
            assert sub in generated and sub in main.links()
            assert f"\n## {name}\n" not in text
        else:
            assert sub not in generated
            assert f"\n## {name}\n" in text
    assert {n > own_page for n in rows.values()} == {True, False}
    # The table's row for a province kept here links to its heading on this page.
    anchors = [part for b in main.blocks if isinstance(b, Table) for row in b.rows
               for cell in row for part in cell
               if isinstance(part, Link) and part.path == main.path]
    assert {a.anchor for a in anchors} == {
        b.id for b in main.blocks if isinstance(b, Heading) and b.level == 2}


def test_home_sections(archive: Archive) -> None:
    sections = home_sections(archive, latest=2)
    assert set(sections) == {"counts", "latest", "provinces", "topics", "years"}
    assert sum(p.startswith("van-ban/") for p in sections["latest"].links()) == 2
    assert "Lưu trữ hiện có 5 văn bản" in sections["counts"].text()


def test_deadline_without_agency_is_not_a_task(pages, ref) -> None:
    base = page(pages, "thai-nguyen", "2021")
    extra = variant(base, "x", deadlines=(Deadline("2021-08-01", None, "Các cơ quan báo cáo."),))
    archive = build_archive([extra], ref)
    assert all(t.deadline.agency for a in archive.agencies.values() for t in a.tasks)


def test_single_cited_local_documents_get_no_page(archive: Archive) -> None:
    paths = {p.path for p in index_pages(archive)}
    for policy in archive.policies.values():
        has_page = f"chinh-sach/{policy.id}/index.md" in paths
        assert has_page == (not policy.local or len(policy.citations) >= 2), policy.id
        assert has_page == policy_has_page(archive, policy.id)
    every = {p.path for p in index_pages(archive, local_policy_min=1)}
    assert all(f"chinh-sach/{pid}/index.md" in every for pid in archive.policies)


def test_undated_notice_of_unknown_province_is_listed_last_and_as_chua_ro(pages, ref) -> None:
    """Issue 9 makes notices without date or province valid: they sort last, have no year
    page, and their province shows as "chưa rõ" (not linked)."""
    base = page(pages, "thai-nguyen", "2021")
    orphan = variant(base, "khong-ro", date=None, meeting_date=None, province=None,
                     province_id=None, province_now=None, province_now_id=None)
    archive = build_archive([orphan, *pages], ref)
    assert archive.notices[-1].id == "khong-ro"
    assert archive.notices[-1].year is None and archive.notices[-1].date_label == "không ghi ngày"
    assert all(orphan.path not in [e.page.path for e in y.notices] for y in archive.years.values())
    generated = {p.path: p for p in index_pages(archive)}
    topic = next(p for path, p in generated.items() if path.startswith("chu-de/")
                 and orphan.path in p.links())
    row = next(line for line in topic.text().splitlines() if "| không ghi ngày |" in line)
    assert "| chưa rõ |" in row
    assert "### Chưa rõ năm" in topic.text()


def test_long_agency_list_moves_local_bodies_to_a_page_per_province(archive: Archive) -> None:
    generated = {p.path: p for p in index_pages(archive, list_limit=1)}
    listing = generated["co-quan/index.md"]
    local = [a for a in archive.agencies.values() if a.province_id]
    assert local, "the seeds name bodies of one province"
    for agency in local:
        sub = f"co-quan/dia-phuong/{agency.province_id}.md"
        assert sub in listing.links() and f"co-quan/{agency.id}/index.md" in generated[sub].links()
        assert f"co-quan/{agency.id}/index.md" not in listing.links()
    shared = [a for a in archive.agencies.values() if not a.province_id]
    assert all(f"co-quan/{a.id}/index.md" in listing.links() for a in shared)
