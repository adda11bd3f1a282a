"""The search index's disk cache: an unchanged archive is not indexed again.

The index files (``thongbao.searchfiles``) are kept in a folder named by a digest of every
input (the notices as (published URL, page), the topic names, the code of the index modules),
so ``mkdocs serve`` or a second build with the same notices reads them back. Only the newest
index is kept; it is written aside and renamed into place, so a build that stops half way never
leaves a cache entry that reads as complete. No MkDocs here: the ``thongbao-search`` plugin
calls ``load_or_build`` and writes the result into the site with ``write_index``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path

from . import entrycache, searchfiles, searchindex, termscache
from .pipeline import NoticePage, stored_page
from .searchfiles import Indexed, IndexFiles, index_sources, with_terms
from .searchindex import search_document, sort_date

log = logging.getLogger(__name__)


def index_notices(
    notices: Sequence[tuple[str, NoticePage]], topics: Mapping[str, str], workers: int = 1,
    terms: Path | None = None, keys: Mapping[str, str] | None = None,
) -> IndexFiles:
    """The index files of the notices, given as (published URL, page). Their search documents
    and terms are made in the workers (cutting Markdown into plain text is a tenth of the
    work). With a ``terms`` folder, a notice with an extraction key in ``keys`` (content path →
    key) has its document and terms kept there (``termscache``): read back when the index is
    made again, as it is, whole, when one notice changes; unused entries are deleted."""
    entries: dict[str, Path] = {}
    if terms is not None and keys:
        code, topics_key = _code_version(), _topics_key(topics)
        entries = {page.src: terms / termscache.entry_name(code, topics_key, url, keys[page.src])
                   for url, page in notices if page.src in keys}
    sort_keys = [(sort_date(page.record), url) for url, page in notices]
    # A page the build let go of its text travels as its extraction cache file, from which
    # the worker reads record and body in one go: pickling the 10,000 records of a build
    # took 3.4 s of the build's process (holding the lock the rendering beside it needs),
    # and unpickling them 3.2 s of the workers', who parsed the same file for the body.
    sources = [(url, page.stored if page.stored is not None else page, entries.get(page.src))
               for url, page in notices]
    made = index_sources(sources, sort_keys, partial(_indexed, dict(topics)), workers)
    if terms is not None:
        termscache.prune(terms, {entry.name for entry in entries.values()})
    return made


def _indexed(
    topics: Mapping[str, str], source: tuple[str, NoticePage | Path, Path | None]
) -> Indexed:
    """A notice's document and terms: kept ones when its entry holds them, else made (and
    kept when it has an entry)."""
    url, page, entry = source

    def make() -> Indexed:
        loaded = stored_page(page) if isinstance(page, Path) else page.loaded()
        return with_terms(search_document(url, loaded.record, loaded.body, topics))

    return termscache.kept(entry, make)


def inputs_digest(
    notices: Sequence[tuple[str, NoticePage]], topics: Mapping[str, str],
    keys: Mapping[str, str] | None = None,
) -> str:
    """Everything the index depends on: its notices, the topic names, the code.

    A notice with an extraction key in ``keys`` (``BuildResult.keys``: the hash of its file,
    sidecar, path, the code that makes a page and the reference data, from which its record
    and body are made) is stood for by that key; the others by their record and body. Dumping
    every record and hashing every body took 3.6 s of the index's 22.6 at 10,000 notices
    (docs/scale.md, "Search index on all cores")."""
    keys = keys or {}
    digest = hashlib.sha256(_code_version().encode())
    digest.update(_topics_key(topics).encode())
    for url, page in notices:
        key = keys.get(page.src)
        if key:
            digest.update(f"\0{url}\0key {key}".encode())
            continue
        record = json.dumps(page.record.to_dict(), sort_keys=True, ensure_ascii=False)
        digest.update(f"\0{url}\0{record}\0{page.loaded().body}".encode())
    return digest.hexdigest()[:24]


def _topics_key(topics: Mapping[str, str]) -> str:
    return json.dumps(dict(topics), sort_keys=True, ensure_ascii=False)


def _code_version() -> str:
    modules = (searchindex, searchfiles, termscache, entrycache)
    source = b"".join(Path(m.__file__).read_bytes() for m in modules if m.__file__)
    return hashlib.sha256(source + Path(__file__).read_bytes()).hexdigest()[:16]


def load_or_build(
    notices: Sequence[tuple[str, NoticePage]],
    topics: Mapping[str, str],
    cache: Path | None,
    workers: int = 1,
    keys: Mapping[str, str] | None = None,
) -> tuple[IndexFiles, bool]:
    """The index from the cache when its inputs did not change, else built (and stored).
    ``keys``: the build step's extraction key of each notice (content path → key), when known
    (:func:`inputs_digest`)."""
    if cache is None:
        return index_notices(notices, topics, workers), False
    digest = inputs_digest(notices, topics, keys)
    stored = cache / digest
    if (stored / "manifest.json").is_file():
        try:
            return read_index(stored), True
        except (OSError, ValueError, KeyError):
            log.warning("thongbao-search: unreadable cache %s, indexing again", stored)
    index = index_notices(notices, topics, workers, cache / termscache.FOLDER, keys)
    _store(index, cache, digest)
    return index, False


def write_index(index: IndexFiles, folder: Path) -> None:
    for path, data in sorted(index.files.items()):
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def read_index(folder: Path) -> IndexFiles:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    files = {path: (folder / "files" / path).read_bytes() for path in manifest["files"]}
    return IndexFiles(manifest["version"], files, manifest["docs"], manifest["buckets"])


def _store(index: IndexFiles, cache: Path, digest: str) -> None:
    """Keep only the newest index in the cache; written aside, then renamed into place."""
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.iterdir():
        if old.is_dir() and old.name not in (digest, termscache.FOLDER):
            shutil.rmtree(old, ignore_errors=True)
    tmp = cache / f".{digest}.{os.getpid()}"
    write_index(index, tmp / "files")
    manifest = {"version": index.version, "docs": index.docs, "buckets": index.buckets,
                "files": sorted(index.files)}
    (tmp / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    try:
        tmp.replace(cache / digest)
    except OSError:  # another build stored the same digest meanwhile
        shutil.rmtree(tmp, ignore_errors=True)
