"""Long lists cut into pages (``thongbao.paging``; docs/site.md, "Pagination").

On the generated corpus with a small list limit: a long agency or cited-document page keeps
at most the limit in rows in its provinces' sections, a cited document's province page beyond
the limit moves on to one page per year; every citation is listed once across a page and its
sub-pages; and a sub-page made from part of the archive is still made when the rest of it is
added (rows and provinces only grow, so an address once published stays).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from thongbao.archive import Archive, build_archive
from thongbao.indexpages import index_pages
from thongbao.listing import (
    CitationList,
    DeadlineTable,
    Heading,
    IndexPage,
    NoticeTable,
    Para,
    Table,
    TaskTable,
)
from thongbao.paging import own_page_rows, year_counts
from thongbao.pipeline import NoticePage, build_pages
from thongbao.reference import Reference, load_reference

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from gen_notices import generate  # noqa: E402

LIMIT = 20
# The page kinds cut by province (and a document's long province by year).
PAGED = ("co-quan/", "chinh-sach/")
PROVINCES = "Tỉnh, thành phố"  # the head of a long page's table of provinces


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[NoticePage], Reference]:
    content = tmp_path_factory.mktemp("paging") / "content"
    generate(content, 240, seed=7)
    ref = load_reference(content / "reference")
    return build_pages(content, cache_dir=None, ref=ref, workers=1).pages, ref


def _archive(pages: list[NoticePage], ref: Reference) -> Archive:
    return build_archive(pages, ref)


def counted(view: IndexPage) -> int:
    """The rows a page is cut by: an agency's notices and deadlines, a document's citing
    notices (a document's tasks under its citations are not counted: they are capped
    apart)."""
    count = 0
    for block in view.blocks:
        if isinstance(block, NoticeTable | DeadlineTable | TaskTable):
            if not (view.path.startswith("chinh-sach/") and isinstance(block, TaskTable)):
                count += len(block.rows)
        elif isinstance(block, CitationList):
            count += len(block.items)
    return count


def leads_to(view: IndexPage, head: str) -> bool:
    return any(isinstance(b, Table) and b.head[0] == head for b in view.blocks)


def test_own_page_rows_bounds_the_sections_left_on_a_page() -> None:
    assert own_page_rows(200, 5) == 20  # a tenth of the limit
    assert own_page_rows(200, 63) == 3  # 63 × 3 = 189 rows at most on the page
    for provinces in range(1, 300):
        assert own_page_rows(200, provinces) * provinces <= 200
        assert own_page_rows(200, provinces + 1) <= own_page_rows(200, provinces)


def test_year_counts_newest_first_unknown_last(corpus) -> None:
    pages, ref = corpus
    entries = _archive(pages, ref).notices
    counts = year_counts([entries, entries[:10]])
    years = list(counts)
    known = [y for y in years if y is not None]
    assert known == sorted(known, reverse=True) and years[-1] in (None, known[-1])
    assert sum(n for n, _ in counts.values()) == len(entries)
    assert sum(n for _, n in counts.values()) == 10


def test_long_pages_and_province_pages_hold_at_most_the_limit(corpus) -> None:
    pages, ref = corpus
    views = index_pages(_archive(pages, ref), list_limit=LIMIT)
    paged = [v for v in views if v.path.startswith(PAGED)]
    long = [v for v in paged if leads_to(v, PROVINCES)]
    by_year = [v for v in paged if leads_to(v, "Năm")]
    years = [v for v in paged if v.path.count("/") == 3]
    # The corpus is long enough for every rule: long agency and document pages, a
    # document's province page cut by year.
    assert {v.path.split("/")[0] for v in long} == {"co-quan", "chinh-sach"}
    assert {v.path.split("/")[0] for v in by_year} == {"chinh-sach"}
    assert years and all(v.path.startswith("chinh-sach/") for v in years)
    # Before the bound, a long page kept up to (provinces × a tenth of the limit) rows.
    heaviest = max(long, key=counted)
    assert LIMIT // 2 < counted(heaviest) <= LIMIT, heaviest.path
    province_pages = [v for v in paged if v.path.count("/") == 2
                      and not v.path.endswith("/index.md") and not leads_to(v, "Năm")]
    assert province_pages
    # A document's province page holds at most the limit; an agency's is not cut by year.
    assert max(counted(v) for v in province_pages if v.path.startswith("chinh-sach/")) <= LIMIT
    # A page cut by year lists no rows itself; each year lists that year's.
    assert all(counted(v) == 0 for v in by_year)


def test_every_citation_of_a_long_document_is_listed_once(corpus) -> None:
    pages, ref = corpus
    archive = _archive(pages, ref)
    views = {v.path: v for v in index_pages(archive, list_limit=LIMIT)}
    policy = max(archive.policies.values(), key=lambda p: len(p.citations))
    assert len(policy.citations) > LIMIT
    base = f"chinh-sach/{policy.id}"
    family = [v for p, v in views.items() if p == f"{base}/index.md" or p.startswith(base + "/")]
    listed = Counter(i.notice.path for v in family for b in v.blocks
                     if isinstance(b, CitationList) for i in b.items)
    assert sorted(listed) == sorted(c.entry.page.path for c in policy.citations)
    assert max(listed.values()) == 1


def test_a_sub_page_once_made_stays_as_the_archive_grows(corpus) -> None:
    pages, ref = corpus
    by_date = sorted(pages, key=lambda p: (p.record.date or "", p.path))
    earlier = {v.path for v in index_pages(_archive(by_date[: len(by_date) * 2 // 3], ref),
                                           list_limit=LIMIT // 2)}
    later = {v.path for v in index_pages(_archive(by_date, ref), list_limit=LIMIT // 2)}
    subpages = {p for p in earlier if p.startswith(PAGED) and p.count("/") >= 2
                and not p.endswith("/index.md")}
    assert {p.count("/") for p in subpages} == {2, 3}
    assert sorted(subpages - later) == []


def _note_after(view: IndexPage, at: int) -> str:
    after = view.blocks[at + 1] if at + 1 < len(view.blocks) else None
    return "".join(p if isinstance(p, str) else "" for p in after.parts) \
        if isinstance(after, Para) else ""


def test_a_cut_task_table_says_how_many_it_shows_of_how_many(corpus) -> None:
    pages, ref = corpus
    views = index_pages(_archive(pages, ref), list_limit=LIMIT)
    cut = full = 0
    for view in views:
        for at, block in enumerate(view.blocks):
            if not isinstance(block, TaskTable) or not view.path.startswith(
                    ("chinh-sach/", "lanh-dao/")):
                continue
            note = _note_after(view, at)
            said = re.match(r"Bảng trên hiển thị (\d+) trong số (\d+) nhiệm vụ\.", note)
            if len(block.rows) < LIMIT:
                assert said is None, view.path
                full += 1
                continue
            if said is None:  # exactly the limit, nothing cut
                continue
            cut += 1
            assert int(said[1]) == LIMIT < int(said[2]), view.path
            if view.path.startswith("lanh-dao/"):  # its heading counts them all
                heading = view.blocks[at - 1]
                assert isinstance(heading, Heading) and f"({said[2]})" in heading.text
    assert cut and full
