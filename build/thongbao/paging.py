"""How a long list is cut into pages: by province, then by year (docs/site.md, "Pagination").

A long agency or cited-document page keeps a table of its provinces and a section for each
province with few rows; a province with more gets a sub-page, and a cited document's
sub-page longer than the list limit is cut again, one page per year. Every rule here only
moves a province or a year *out* as the archive grows (rows and provinces only grow), so a
page's address, once made, stays.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from .archive import Entry, by_year
from .listing import IndexPage, Link, Page, Table
from .urls import UNKNOWN_YEAR

Only = Callable[[Entry], bool]
# section(target page, province, heading level of the province, which notices' rows)
Section = Callable[[Page, str | None, int, Only], None]


def every(_entry: Entry) -> bool:
    return True


def number(n: int) -> str:
    """Vietnamese digit grouping: 2.000, 10.000."""
    return f"{n:,}".replace(",", ".")


def year_label(year: int | None) -> str:
    return f"Năm {year}" if year is not None else "Chưa rõ năm"


def year_slug(year: int | None) -> str:
    return str(year) if year is not None else UNKNOWN_YEAR


def own_page_rows(list_limit: int, provinces: int) -> int:
    """More rows than this, and a province of a long page gets a sub-page of its own.

    A tenth of the limit (most provinces of most agencies have a few rows, and a page of
    their own would be ~9 KB of theme around them), and less on a page of many provinces,
    so that the sections left on the page hold at most ``list_limit`` rows together: at
    twenty rows each, 63 provinces' sections made a cited document's page 2.7 MB at 2,000
    notices. Both bounds only fall as the archive grows."""
    return min(list_limit // 10, list_limit // max(provinces, 1))


def by_province(
    page: Page, provinces: Sequence[str | None], *,
    name: Callable[[str | None], str], list_limit: int, own_page: int | None,
    sub_path: Callable[[str | None], str], sub_title: Callable[[str], str],
    head: tuple[str, ...], counts: Callable[[str | None], tuple[int, ...]],
    section: Section, subpages: list[IndexPage] | None,
    years: Callable[[str | None], Mapping[int | None, tuple[int, ...]]] | None = None,
) -> None:
    """A long page by province: a table of the provinces with their counts (rows: their
    sum), then a section (``section(page, province, 2, every)``) for each province with at
    most ``own_page`` rows (None: :func:`own_page_rows`); a province with more gets a
    sub-page (:func:`province_subpages`; ``subpages`` None: linked, not made — made apart,
    one province at a time)."""
    threshold = own_page_threshold(list_limit, len(provinces), own_page)
    at = len(page.blocks)
    rows = []
    for province_id in provinces:
        label = name(province_id)
        row_counts = counts(province_id)
        numbers = tuple((number(n),) for n in row_counts)
        if not has_own_page(row_counts, threshold):
            hid = page.heading(2, label)
            section(page, province_id, 2, every)
            rows.append(((Link(label, page.path, anchor=hid),), *numbers))
            continue
        rows.append(((Link(label, sub_path(province_id)),), *numbers))
        if subpages is not None:
            subpages += province_subpages(
                page, province_id, label, list_limit=list_limit, sub_path=sub_path,
                sub_title=sub_title, head=head, total=sum(row_counts), section=section,
                years=years)
    page.blocks.insert(at, Table(head, tuple(rows), (False,) + (True,) * (len(head) - 1)))


def own_page_threshold(list_limit: int, provinces: int, own_page: int | None) -> int:
    """The rows above which a province of a long page gets a sub-page."""
    return own_page_rows(list_limit, provinces) if own_page is None else own_page


def has_own_page(row_counts: tuple[int, ...], threshold: int) -> bool:
    """Whether a province with these counts gets a sub-page (:func:`own_page_threshold`)."""
    return sum(row_counts) > threshold


def province_subpages(
    page: Page, province_id: str | None, label: str, *, list_limit: int,
    sub_path: Callable[[str | None], str], sub_title: Callable[[str], str],
    head: tuple[str, ...], total: int, section: Section,
    years: Callable[[str | None], Mapping[int | None, tuple[int, ...]]] | None = None,
) -> list[IndexPage]:
    """The sub-page of a province of ``page`` with ``total`` rows, and, when it has more
    than ``list_limit`` and ``years(province)`` gives the counts of each year (newest first),
    one page per year before it."""
    subpages: list[IndexPage] = []
    sub = Page(sub_path(province_id), sub_title(label))
    sub.para("Trở về ", Link(page.title, page.path), ".")
    if years is None or total <= list_limit:
        section(sub, province_id, 1, every)
    else:
        year_pages(sub, province_id, head, years(province_id), section, subpages)
    subpages.append(sub.done())
    return subpages


def year_pages(
    page: Page, province_id: str | None, head: tuple[str, ...],
    counts: Mapping[int | None, tuple[int, ...]], section: Section,
    subpages: list[IndexPage],
) -> None:
    """A province's sub-page too long for one page: a table of its years, each year's rows
    on a page of its own beside it (``…/lao-cai.md`` → ``…/lao-cai/2024.md``)."""
    base = page.path.removesuffix(".md")
    rows = []
    for year, row_counts in counts.items():
        sub = Page(f"{base}/{year_slug(year)}.md", f"{page.title} — {year_label(year).lower()}")
        rows.append(((Link(year_label(year), sub.path),),
                     *((number(n),) for n in row_counts)))
        sub.para("Trở về ", Link(page.title, page.path), ".")
        section(sub, province_id, 1, lambda e, y=year: e.year == y)
        subpages.append(sub.done())
    page.add(Table(("Năm", *head[1:]), tuple(rows), (False,) + (True,) * (len(head) - 1)))


def year_counts(groups: Sequence[Sequence[Entry]]) -> dict[int | None, tuple[int, ...]]:
    """Rows of each year in each of ``groups`` (each a list of the entries its rows belong
    to), in ``archive.by_year``'s order: newest year first, unknown year last."""
    counts = [Counter(entry.year for entry in entries) for entries in groups]
    return {year: tuple(c[year] for c in counts)
            for year in by_year([entry for entries in groups for entry in entries])}
