"""The bulk exports (notices and tasks as zipped JSON and CSV) made in a process of their own.

Made in the build's process, they took ~16 s of a 10,000-notice build's one busy core, while
the second core was mostly idle: MkDocs renders the pages one by one (docs/scale.md, "The
exports beside the pages"). A job names each notice by its extraction cache file and the
absolute URL of its page — a few hundred KB to send, where the records themselves pickle to
138 MB at 10,000 notices — and the worker reads the records back from those files. The
files are the same bytes as those made in the build's process (``publication.notice_export_zips``,
``journalpages.archive_task_zips``): the same functions make them from the same records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Literal

from . import feeds
from .journalpages import task_zips
from .pipeline import NoticePage, stored_record
from .publication import notice_zips
from .record import Record
from .tasks import tasks_view


@dataclass(frozen=True)
class ExportJob:
    """``notices``: (extraction cache file, absolute page URL) of every notice — newest first
    for the notices' exports (``exports.newest_first``), in the archive's order for the
    tasks' (a notice id given twice takes its last URL, as ``Archive.by_id`` does).
    ``agency_names``: agency id → name (the reference's), for the tasks."""

    kind: Literal["notices", "tasks"]
    notices: tuple[tuple[str, str], ...]
    site_url: str
    site_name: str
    agency_names: tuple[tuple[str, str], ...] = ()


def export_job(
    kind: Literal["notices", "tasks"], pages: Sequence[NoticePage], site_url: str,
    site_name: str, agency_names: Mapping[str, str] | None = None,
) -> ExportJob | None:
    """The job of ``pages`` (in the order the job's ``kind`` wants); None when a page holds
    its text instead of an extraction cache file (a build without that cache, a page made
    elsewhere): a worker could not read its record back."""
    if not pages or any(page.stored is None for page in pages):
        return None
    return ExportJob(kind, tuple((str(page.stored), site_url + page.url) for page in pages),
                     site_url, site_name, tuple(sorted((agency_names or {}).items())))


def run(job: ExportJob) -> list[tuple[str, bytes]]:
    """The job's zipped files, as (site path, bytes)."""
    if job.kind == "notices":
        # Each record is read when its row is written, once for each file: the worker never
        # holds every record (their JSON held at once was the memory problem of the exports).
        readers: list[tuple[Record | Callable[[], Record], str]] = [
            (partial(stored_record, Path(stored)), url) for stored, url in job.notices]
        return notice_zips(readers, feeds.Site(job.site_url, job.site_name))
    urls: dict[str, str] = {}

    def records() -> Iterator[Record]:  # one at a time: the view keeps only the tasks
        for stored, url in job.notices:
            record = stored_record(Path(stored))
            urls[record.id] = url
            yield record

    tasks = tasks_view(records(), dict(job.agency_names))
    return task_zips(tasks, urls, job.site_url, job.site_name)
