"""Each notice's search terms kept on disk, so that an index made again is not made from scratch.

When one notice of 10,000 changes, the index is made again as a whole (its files pack every
notice's postings), and cutting each notice's text into terms (``searchindex.raw_terms``,
~3 ms a notice) was most of that work (docs/scale.md, "Search terms and export rows kept
between builds"). An
entry (``entrycache``) holds a notice's search document without its text, and its terms;
reading one back takes a tenth of making it.

An entry's name is a digest of everything its content is made from: the index code, the topic
names, the notice's published URL and its extraction key (the hash of its file, sidecar, path,
the build step's code and the reference data, from which its record and body are made). The
workers read and write the entries; the parent prunes them (``searchcache``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import entrycache
from .searchfiles import Indexed
from .searchindex import SearchDocument

FOLDER = "terms"  # inside the search cache folder
prune = entrycache.prune


def entry_name(code: str, topics_key: str, url: str, extraction_key: str) -> str:
    return entrycache.entry_name("terms", code, topics_key, url, extraction_key)


def kept(entry: Path | None, make: Callable[[], Indexed]) -> Indexed:
    """A notice's document and terms: those ``entry`` holds, else made and stored there."""
    return entrycache.kept(entry, make, _load, _dump)


def read(path: Path) -> Indexed | None:
    """The entry at ``path``; None when it is missing, unreadable or not of the shape written."""
    return _load(entrycache.read(path))


def _load(data: object) -> Indexed | None:
    if not (isinstance(data, tuple) and len(data) == 8
            and all(isinstance(v, str) for v in data[:3])
            and all(isinstance(v, dict) for v in data[3:])):
        return None
    url, title, facts, meta, filters, sort, scores, forms = data
    doc = SearchDocument(url=url, title=title, facts=facts, blocks=(), meta=meta,
                         filters=filters, sort=sort)
    return doc, scores, forms


def _dump(made: Indexed) -> tuple[object, ...]:
    """A notice's document (without its text) and terms, as marshal's types."""
    doc, scores, forms = made
    return (doc.url, doc.title, doc.facts, dict(doc.meta), dict(doc.filters), dict(doc.sort),
            scores, forms)
