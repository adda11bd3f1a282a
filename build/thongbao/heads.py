"""A page's head: what a build decides with, without the page's record, body and HTML.

``thongbao build`` needs of an unchanged notice only its place (source file, page path, URL,
redirects), what makes it a duplicate (its text key; number, province and date), its
incomplete-field line and what its sidecar's parser said: the page itself is written only when
its extraction key changed. Read
back whole from the extraction cache, 10,000 unchanged pages cost ~7 s (a JSON file each with
body and body HTML, then the record rebuilt); their heads, in one index file beside the cache
entries, cost a few hundredths of that (docs/scale.md, "One changed notice").

The index maps extraction key → head (and content path → the digest of the notice's bytes,
filedigests.py). A key hashes the notice's bytes, its sidecar, its path, the code that makes
a page (``pipeline.extraction_version``) and the reference data, so a head stored under it is
the head of any page built from that key: it never goes stale, it is only missing. Missing,
unreadable or wrong in any way, a head is simply not used and the page is loaded from the
cache instead.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .quality import incomplete_message
from .record import Record

HEADS_FILE = "heads.json"
# Bumped when a head's fields change: an index of another format is not read.
FORMAT = 1


@dataclass(frozen=True, slots=True)
class PageHead:
    src: str  # the notice file, relative to the content folder
    path: str  # page path in the docs tree
    url: str
    redirect_from: tuple[str, ...] = ()
    text_key: str = ""  # duplicates.text_key of the decoded text
    number_key: str = ""  # "doc_number, province, date"; "" when one of them is unknown
    incomplete: str = ""  # quality.incomplete_message; "" when every essential field is known
    # Why the sidecar was ignored (SidecarError), "" when it was not: a known head spares
    # parsing the sidecar (YAML, ~0.15 ms) of every unchanged notice.
    sidecar_problem: str = ""

    def identity_keys(self) -> list[tuple[str, str]]:
        """What makes two notices one (duplicates.find_duplicates)."""
        keys = [("text", self.text_key)] if self.text_key else []
        if self.number_key:
            keys.append(("number", self.number_key))
        return keys


def make_head(
    src: str,
    path: str,
    url: str,
    redirect_from: tuple[str, ...],
    text_key: str,
    record: Record,
    sidecar_problem: str,
) -> PageHead:
    r = record
    known = r.doc_number and r.province and r.date
    number = f"{r.doc_number}, {r.province}, {r.date}" if known else ""
    return PageHead(src, path, url, redirect_from, text_key, number,
                    incomplete_message(record) or "", sidecar_problem)


def to_json(head: PageHead) -> list[Any]:
    """A list, not a dict: 10,000 of them parse faster without 80,000 repeated names."""
    return [head.src, head.path, head.url, list(head.redirect_from), head.text_key,
            head.number_key, head.incomplete, head.sidecar_problem]


def from_json(data: Any) -> PageHead | None:
    """The head of ``to_json``; None for anything else (a hand-edited or truncated index)."""
    if not isinstance(data, list) or len(data) != 8:
        return None
    src, path, url, redirect_from, text_key, number_key, incomplete, sidecar_problem = data
    if not isinstance(redirect_from, list) or not all(
        isinstance(s, str) for s in (src, path, url, text_key, number_key, incomplete,
                                     sidecar_problem, *redirect_from)
    ):
        return None
    return PageHead(src, path, url, tuple(redirect_from), text_key, number_key, incomplete,
                    sidecar_problem)


@dataclass
class Index:
    """What a build leaves for the next one in the cache folder."""

    heads: dict[str, Any] = field(default_factory=dict)  # extraction key → head (to_json)
    files: dict[str, Any] = field(default_factory=dict)  # content path → FileDigests entry


def read_index(cache_dir: Path | None) -> Index:
    """The index the last build wrote; an empty one when there is no usable index."""
    if cache_dir is None:
        return Index()
    try:
        data = json.loads((cache_dir / HEADS_FILE).read_bytes())
    except (OSError, ValueError):
        return Index()
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return Index()
    found, files = data.get("heads"), data.get("files")
    return Index(found if isinstance(found, dict) else {},
                 files if isinstance(files, dict) else {})


def write_index(cache_dir: Path | None, index: Index) -> None:
    """Replace the index at once: a reader sees the old one or the new one, never half.
    Two builds writing together (``mkdocs serve`` and ``thongbao build`` on one cache) leave
    one of them; the other's heads are missing, which costs time, never correctness."""
    if cache_dir is None:
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = cache_dir / f".{HEADS_FILE}.{os.getpid()}.tmp"
    text = json.dumps({"format": FORMAT, "heads": index.heads, "files": index.files},
                      ensure_ascii=False, separators=(",", ":"))
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(cache_dir / HEADS_FILE)
