"""Each notice's search terms kept on disk, so that an index made again is not made from scratch.

When one notice of 10,000 changes, the index is made again as a whole (its files pack every
notice's postings), and cutting each notice's text into terms (``searchindex.raw_terms``,
~3 ms a notice) was most of that work (docs/scale.md, "One changed notice"). An entry holds a
notice's search document without its text and its terms, as ``marshal`` bytes compressed with
zlib (level 1: 19 KB → 7.5 KB a notice; reading one back takes a tenth of making it).

An entry's name is a digest of everything its content is made from: the index code, the topic
names, the notice's published URL and its extraction key (the hash of its file, sidecar, path,
the build step's code and the reference data, from which its record and body are made) — so an
entry is never stale, only unused, and unused entries are deleted after each index made. Pure
but for the reads and writes of the entries; the workers read and write them, the parent
prunes (``searchcache``).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import zlib
from collections.abc import Collection
from pathlib import Path

from .searchfiles import Indexed
from .searchindex import SearchDocument

FOLDER = "terms"  # inside the search cache folder
_SUFFIX = ".z"
_ENTRY = re.compile(rf"[0-9a-f]{{32}}{re.escape(_SUFFIX)}")
_MARSHAL_VERSION = 4


def entry_name(code: str, topics_key: str, url: str, extraction_key: str) -> str:
    """The file name of a notice's entry (:data:`_ENTRY`)."""
    digest = hashlib.sha256(f"{code}\0{topics_key}\0{url}\0{extraction_key}".encode())
    return digest.hexdigest()[:32] + _SUFFIX


def read(path: Path) -> Indexed | None:
    """The entry at ``path``; None when it is missing, unreadable or not of the shape written
    (a crashed write leaves a temporary file, never a half entry: see :func:`write`)."""
    try:
        data = marshal.loads(zlib.decompress(path.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError, zlib.error):
        return None
    if not (isinstance(data, tuple) and len(data) == 8
            and all(isinstance(v, str) for v in data[:3])
            and all(isinstance(v, dict) for v in data[3:])):
        return None
    url, title, facts, meta, filters, sort, scores, forms = data
    doc = SearchDocument(url=url, title=title, facts=facts, blocks=(), meta=meta,
                         filters=filters, sort=sort)
    return doc, scores, forms


def write(path: Path, made: Indexed) -> None:
    """Store a notice's document (without its text) and terms; written aside, then renamed."""
    doc, scores, forms = made
    data = (doc.url, doc.title, doc.facts, dict(doc.meta), dict(doc.filters), dict(doc.sort),
            scores, forms)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(zlib.compress(marshal.dumps(data, _MARSHAL_VERSION), 1))
    tmp.replace(path)


def prune(folder: Path, keep: Collection[str]) -> int:
    """Delete the entries not named in ``keep`` (and temporary files a stopped build left);
    the number deleted."""
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return 0
    gone = 0
    for name in names:
        if (_ENTRY.fullmatch(name) and name not in keep) or name.endswith(".tmp"):
            (folder / name).unlink(missing_ok=True)
            gone += 1
    return gone
