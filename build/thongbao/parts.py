"""A partitioned build: one site made by several builds, each writing its own share of the files.

Every build of a part reads the whole archive (every record: links, the nav and the index model
need them all) but renders and keeps only the files it owns. A file belongs to a province when
it is one of that province's notice pages, their original files, or a page under the province's
own folder (``tinh/<id>/``); every other file — home, hand-written pages, the cross-province
index pages (agencies, policies, chairs, topics, years), feeds, exports, the search index, the
sitemap, theme assets — is *shared*. A part is a set of provinces (``shared`` false); the shared
build is the part of no province (``shared`` true); the whole site is the union of the shared
build and one part per group of provinces, each file written by exactly one of them
(docs/parts.md). No MkDocs here: the plugin asks :meth:`Part.renders`, the driver prunes and
merges with the functions below.
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from .archive import Archive
from .noticeview import original_path
from .urls import url_of

PROVINCE_FOLDER = "tinh/"
_LOC = re.compile(r"<loc>([^<]*)</loc>")


@dataclass(frozen=True)
class Part:
    provinces: frozenset[str]  # the provinces whose files this build writes
    shared: bool  # whether it writes the files of no province

    @classmethod
    def of(cls, provinces: Iterable[str] | None, shared: bool) -> Part | None:
        """The part of mkdocs.yml's options; None (no ``part_provinces``) is the whole site."""
        if provinces is None:
            return None
        return cls(frozenset(provinces), shared)

    def owns(self, owner: str | None) -> bool:
        """Whether a file of this owner (a province id, None: shared) is written here."""
        return self.shared if owner is None else owner in self.provinces


def owners(archive: Archive, originals_dir: str | None) -> dict[str, str]:
    """Docs path → province id of every file that belongs to one province: notice pages,
    their originals (when published) and the pages of the province's folder. Notices of no
    known province are shared."""
    out: dict[str, str] = {}
    for entry in archive.notices:
        province = entry.record.province_id
        if not province:
            continue
        out[entry.page.path] = province
        if originals_dir:
            out[original_path(entry, originals_dir)] = province
    return out


def province_of_page(path: str) -> str | None:
    """``tinh/bac-kan/2021/index.md`` (a docs path) or ``tinh/bac-kan/atom.xml`` (a site
    path) → ``bac-kan``: the province's folder is its part's; the province list is shared."""
    if not path.startswith(PROVINCE_FOLDER):
        return None
    head, _, rest = path[len(PROVINCE_FOLDER):].partition("/")
    return head if rest else None


def owner_of(path: str, owned: Mapping[str, str]) -> str | None:
    """The province a docs or site path belongs to (None: shared); ``owned`` maps the paths
    of notice pages and originals (:func:`owners`, or :func:`dest_owners` for site paths)."""
    return owned.get(path) or province_of_page(path)


def dest_of(path: str, directory_urls: bool = True) -> str:
    """Where a docs file lands in the site: a page's HTML, any other file as it is."""
    if not path.endswith(".md"):
        return path
    if not directory_urls:
        return path[:-3] + ".html"
    return "index.html" if path == "index.md" else url_of(path) + "index.html"


def dest_owners(notice_owners: Mapping[str, str], directory_urls: bool = True) -> dict[str, str]:
    """Site path → province id of the notice pages and originals."""
    return {dest_of(path, directory_urls): owner for path, owner in notice_owners.items()}


def prune(site: Path, part: Part, owned: Mapping[str, str]) -> int:
    """Delete from a part's site folder every file another build writes; returns how many
    files are kept. ``owned``: site path → province id (:func:`dest_owners`)."""
    kept = 0
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        if part.owns(owner_of(path.relative_to(site).as_posix(), owned)):
            kept += 1
        else:
            path.unlink()
    for folder in sorted((p for p in site.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return kept


class MergeConflict(Exception):
    """Two parts wrote the same file with different bytes: the partition is wrong."""


def merge(target: Path, parts: Iterable[Path]) -> int:
    """Copy every part's files into ``target``; a file present twice must be the same bytes.
    Returns the number of files copied."""
    copied = 0
    for part in parts:
        for path in sorted(part.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(part)
            out = target / rel
            if out.exists():
                if not filecmp.cmp(path, out, shallow=False):
                    raise MergeConflict(f"{rel.as_posix()}: written by two parts, differently")
                continue
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, out)
            copied += 1
    return copied


def missing_pages(site: Path) -> list[str]:
    """Pages the sitemap lists (every page of the site, written by the shared build) that no
    part wrote: a province missing from every group."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return []
    locs = [unescape(m) for m in _LOC.findall(sitemap.read_text(encoding="utf-8"))]
    if not locs:
        return []
    home = min(locs, key=len)  # every page's address starts with the home page's
    wanted = (loc[len(home):] for loc in locs if loc.startswith(home))
    paths = (p + "index.html" if p.endswith("/") or not p else p for p in wanted)
    return sorted(p for p in paths if not (site / p).is_file())


def groups(counts: Mapping[str, int], n: int) -> list[list[str]]:
    """Provinces in ``n`` groups of about the same number of notices (the largest first into
    the lightest group; ties by id), each group sorted: the same counts give the same groups."""
    n = max(1, min(n, len(counts))) if counts else 1
    bins: list[tuple[int, int, list[str]]] = [(0, i, []) for i in range(n)]
    for province, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        total, index, members = min(bins)
        bins[index] = (total + count, index, [*members, province])
        bins.sort(key=lambda b: b[1])
    return [sorted(members) for _, _, members in bins if members]


def matrix(province_groups: list[list[str]]) -> dict[str, list[dict[str, str]]]:
    """A GitHub Actions matrix (``fromJSON``): the shared build (no provinces), then one entry
    per group, named ``part-<k>``."""
    parts = [{"name": f"part-{k}", "provinces": ",".join(group)}
             for k, group in enumerate(province_groups, start=1)]
    return {"include": [{"name": "shared", "provinces": ""}, *parts]}


def parse_provinces(text: str) -> list[str]:
    return [p.strip() for p in text.split(",") if p.strip()]


def file_count(site: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(site))
