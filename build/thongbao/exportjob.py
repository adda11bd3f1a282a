"""The bulk exports (notices and tasks as zipped JSON and CSV) made in a process of their own.

Made in the build's process, they took ~16 s of a 10,000-notice build's one busy core, while
the second core was mostly idle: MkDocs renders the pages one by one (docs/scale.md, "The
exports beside the pages"). A job names each notice by its extraction cache file and the
absolute URL of its page — a few hundred KB to send, where the records themselves pickle to
138 MB at 10,000 notices — and the worker reads the records back from those files. The
files are the same bytes as those made in the build's process (``publication.notice_export_zips``,
``journalpages.archive_task_zips``): the same functions make them from the same records.

Each notice's part of the files — its JSON line and CSV cells, or what the tasks view needs
of it (``tasks.notice_tasks``) — is kept between builds in the job's ``rows`` folder
(``entrycache``), named by a digest of the build step's code, the notice's extraction key,
its URL and (tasks) the agency names: after one changed notice the worker reads 9,999
small entries instead of 9,999 records, three times (docs/scale.md, "Search terms and export
rows kept between builds").
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeGuard

from . import entrycache, exports, feeds
from .journalpages import task_zips
from .pipeline import NoticePage, code_version, stored_record
from .publication import notice_row_zips
from .tasks import NoticeTasks, notice_tasks, tasks_view_of

Kind = Literal["notices", "tasks"]
NoticeRow = tuple[str, list[str]]  # a notice's JSON line and CSV cells


@dataclass(frozen=True)
class ExportJob:
    """``notices``: (extraction cache file, absolute page URL) of every notice — newest first
    for the notices' exports (``exports.newest_first``), in the archive's order for the
    tasks' (a notice id given twice takes its last URL, as ``Archive.by_id`` does).
    ``agency_names``: agency id → name (the reference's), for the tasks. ``rows``: the folder
    of the notices' kept parts, ``entries`` each notice's entry there ("": none)."""

    kind: Kind
    notices: tuple[tuple[str, str], ...]
    site_url: str
    site_name: str
    agency_names: tuple[tuple[str, str], ...] = ()
    rows: str | None = None
    entries: tuple[str, ...] = ()


def export_job(
    kind: Kind, pages: Sequence[NoticePage], site_url: str, site_name: str,
    agency_names: Mapping[str, str] | None = None, rows: Path | None = None,
    keys: Mapping[str, str] | None = None,
) -> ExportJob | None:
    """The job of ``pages`` (in the order the job's ``kind`` wants); None when a page holds
    its text instead of an extraction cache file (a build without that cache, a page made
    elsewhere): a worker could not read its record back. With a ``rows`` folder, a page with
    an extraction key in ``keys`` (content path → key) has its part kept in ``rows/<kind>``."""
    if not pages or any(page.stored is None for page in pages):
        return None
    names = tuple(sorted((agency_names or {}).items()))
    notices = tuple((str(page.stored), site_url + page.url) for page in pages)
    if rows is None or not keys:
        return ExportJob(kind, notices, site_url, site_name, names)
    made_of = [kind, code_version(), json.dumps(names, ensure_ascii=False) if names else ""]
    entries = tuple(
        entrycache.entry_name(*made_of, keys[page.src], url) if page.src in keys else ""
        for page, (_, url) in zip(pages, notices, strict=True))
    return ExportJob(kind, notices, site_url, site_name, names, str(rows / kind), entries)


def run(job: ExportJob) -> list[tuple[str, bytes]]:
    """The job's zipped files, as (site path, bytes)."""
    folder = Path(job.rows) if job.rows else None
    entries = job.entries or ("",) * len(job.notices)
    places = [(stored, url, folder / name if folder and name else None)
              for (stored, url), name in zip(job.notices, entries, strict=True)]
    if job.kind == "notices":
        # Each notice's row is read when it is written, once for each file: the worker never
        # holds every record (their JSON held at once was the memory problem of the exports).
        def rows() -> Iterator[NoticeRow]:
            return (_notice_row(*place) for place in places)

        made = notice_row_zips(rows, len(places), feeds.Site(job.site_url, job.site_name))
    else:
        urls: dict[str, str] = {}
        names = dict(job.agency_names)

        def notices() -> Iterator[NoticeTasks]:  # one at a time: the view keeps only the tasks
            for stored, url, entry in places:
                facts = _notice_tasks(stored, entry, names)
                urls[facts[1][2]] = url
                yield facts

        made = task_zips(tasks_view_of(notices()), urls, job.site_url, job.site_name)
    if folder is not None:
        entrycache.prune(folder, set(entries) - {""})
    return made


def _notice_row(stored: str, url: str, entry: Path | None) -> NoticeRow:
    def make() -> NoticeRow:
        data = exports.notice_data(stored_record(Path(stored)), url)
        return exports.row_json(data), exports.csv_row(data)

    return entrycache.kept(entry, make, _as_notice_row)


def _as_notice_row(data: object) -> NoticeRow | None:
    """An entry's row, if it has the shape :func:`_notice_row` makes."""
    if (isinstance(data, tuple) and len(data) == 2 and isinstance(data[0], str)
            and isinstance(data[1], list) and all(isinstance(c, str) for c in data[1])):
        return data[0], data[1]
    return None


def _notice_tasks(stored: str, entry: Path | None, names: Mapping[str, str]) -> NoticeTasks:
    return entrycache.kept(entry, lambda: notice_tasks(stored_record(Path(stored)), names),
                           _as_notice_tasks)


def _as_notice_tasks(data: object) -> NoticeTasks | None:
    return data if _is_notice_tasks(data) else None


def _is_notice_tasks(data: object) -> TypeGuard[NoticeTasks]:
    """The shape :func:`tasks.notice_tasks` gives (what an entry must hold to be used)."""
    if not (isinstance(data, tuple) and len(data) == 3 and isinstance(data[1], tuple)
            and len(data[1]) == 5 and isinstance(data[1][2], str)
            and isinstance(data[2], tuple)):
        return False
    return all(isinstance(d, tuple) and len(d) == 4 and isinstance(d[0], str)
               and isinstance(d[2], str) for d in data[2])
