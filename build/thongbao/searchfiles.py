"""The search index files: every notice's terms packed into the files the reader's browser reads.

Pure: search documents in, ``{path: bytes}`` out (the plugin writes them under
``site/<bundle_dir>/<version>/``; ``overrides/assets/search/search.js`` reads them). README,
"Tìm kiếm", says why the archive has an index format of its own rather than Pagefind's.

- Notices are numbered oldest first (sort date, then URL): newest first is descending number,
  and a new notice takes the next number.
- ``t/<bucket>.bin``: the terms whose FNV-1a hash (32-bit, over UTF-8) falls in that bucket, with
  their posting lists. A query downloads one bucket per word and per pair of words, whatever the
  size of the archive; buckets hold ~``BUCKET_BYTES`` on average. Layout, all integers unsigned
  LEB128 varints, strings a varint byte length then UTF-8::

      count, then per term: key, df, form count, forms…, ids-and-scores length, masks length
      then per term: (notice number delta, score byte) × df, then form masks × df (only when
      the term has more than one form)

  A mask says which of the term's forms (``đường``, ``dương`` of ``duong``) the notice has: bit
  *i* for the *i*-th form listed (in order of first appearance), forms past the 30th share bit
  30.
- ``d/<k>.json``: what a result shows, notices ``k * DOCS_PER_FILE`` onwards: ``[url, title,
  province, date, type, number]``.
- ``facets.json``: per facet its values and each notice's value (a number, -1 for none) or values
  (a list): counts and filters for every facet, computed in the browser over the matches.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from .searchindex import SORT_DATE, SearchDocument, Terms, document_terms
from .slug import fold

DOCS_PER_FILE = 64
BUCKET_BYTES = 16_000
MAX_FORM_BITS = 30  # forms past the 30th share bit 30: JavaScript's bit operators are 32-bit
FACET_KEYS = ("tinh", "tinh_nay", "nam", "chu_de", "co_quan", "loai")


@dataclass(frozen=True)
class IndexFiles:
    version: str  # digest of every file: the folder they are published in
    files: dict[str, bytes]  # path (relative to the version folder) → content
    docs: int
    buckets: int

    def manifest(self) -> dict[str, object]:
        """What the browser needs to find the files (written into the search config)."""
        return {"version": self.version, "docs": self.docs, "buckets": self.buckets,
                "docsPerFile": DOCS_PER_FILE}


def varint(value: int, out: bytearray) -> None:
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def _string(text: str, out: bytearray) -> None:
    data = text.encode("utf-8")
    varint(len(data), out)
    out += data


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over UTF-8: the bucket of a term (search.js computes the same)."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


class _Postings:
    """One term's posting list, encoded as notices are added in number order."""

    __slots__ = ("data", "df", "forms", "last", "masks")

    def __init__(self) -> None:
        self.data = bytearray()
        self.masks = bytearray()
        self.forms: dict[str, int] = {}
        self.last = 0
        self.df = 0

    def add(self, number: int, score: int, forms: tuple[str, ...]) -> None:
        varint(number - self.last, self.data)
        self.data.append(score)
        self.last = number
        self.df += 1
        if forms:
            mask = 0
            for form in forms:
                bit = self.forms.setdefault(form, len(self.forms))
                mask |= 1 << min(bit, MAX_FORM_BITS)
            varint(mask, self.masks)

    def header(self, key: str, out: bytearray) -> None:
        _string(key, out)
        varint(self.df, out)
        varint(len(self.forms), out)
        for form in self.forms:
            _string(form, out)
        varint(len(self.data), out)
        varint(len(self.masks) if len(self.forms) > 1 else 0, out)

    def size(self, key: str) -> int:
        """Bytes in a bucket, near enough (varints of the header counted as 2 bytes)."""
        forms = sum(len(form.encode()) + 1 for form in self.forms)
        return len(key.encode()) + forms + 10 + len(self.data) + len(self.masks)

    def body(self) -> bytes:
        return bytes(self.data + self.masks) if len(self.forms) > 1 else bytes(self.data)


def notice_order(docs: Sequence[SearchDocument]) -> list[int]:
    """Indexes of ``docs`` oldest first (undated first): a notice's number is its place here."""
    return sorted(range(len(docs)), key=lambda i: (docs[i].sort.get(SORT_DATE, ""), docs[i].url))


def build_index(
    docs: Sequence[SearchDocument], terms: Sequence[Terms] | None = None
) -> IndexFiles:
    """Every index file for ``docs`` (``terms``: their ``document_terms``, when known)."""
    order = notice_order(docs)
    ordered = [docs[i] for i in order]
    postings: dict[str, _Postings] = {}
    for number, i in enumerate(order):
        doc_terms = terms[i] if terms is not None else document_terms(docs[i])
        for key, (score, forms) in doc_terms.items():
            entry = postings.get(key)
            if entry is None:
                entry = postings[key] = _Postings()
            entry.add(number, score, forms)
    files = _bucket_files(postings)
    buckets = len(files)
    files.update(_doc_files(ordered))
    files["facets.json"] = _json(facet_table(ordered))
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + hashlib.sha256(files[path]).digest())
    return IndexFiles(digest.hexdigest()[:12], files, len(docs), buckets)


def bucket_count(total_bytes: int) -> int:
    return max(1, -(-total_bytes // BUCKET_BYTES))


def _bucket_files(postings: dict[str, _Postings]) -> dict[str, bytes]:
    count = bucket_count(sum(p.size(key) for key, p in postings.items()))
    buckets: list[list[str]] = [[] for _ in range(count)]
    for key in postings:
        buckets[fnv1a(key) % count].append(key)
    files: dict[str, bytes] = {}
    for n, keys in enumerate(buckets):
        keys.sort()
        out = bytearray()
        varint(len(keys), out)
        for key in keys:
            postings[key].header(key, out)
        for key in keys:
            out += postings[key].body()
        files[f"t/{n}.bin"] = bytes(out)
    return files


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def doc_row(doc: SearchDocument) -> list[str]:
    meta = doc.meta
    return [doc.url, doc.title, meta.get("tinh", ""), meta.get("ngay", ""),
            meta.get("loai", ""), meta.get("so", "")]


def _doc_files(ordered: Sequence[SearchDocument]) -> dict[str, bytes]:
    return {
        f"d/{start // DOCS_PER_FILE}.json":
            _json([doc_row(d) for d in ordered[start : start + DOCS_PER_FILE]])
        for start in range(0, len(ordered), DOCS_PER_FILE)
    }


def _value_order(value: str) -> tuple[str, str]:
    return fold(value).lower(), value


def facet_table(ordered: Sequence[SearchDocument]) -> dict[str, dict[str, list[object]]]:
    """Per facet: its values, and each notice's value index (-1: none) or list of them."""
    table: dict[str, dict[str, list[object]]] = {}
    for key in FACET_KEYS:
        per_doc = [tuple(d.filters.get(key, ())) for d in ordered]
        values = sorted({v for vs in per_doc for v in vs}, key=_value_order)
        index = {v: n for n, v in enumerate(values)}
        multi = any(len(vs) > 1 for vs in per_doc)
        column: list[object] = (
            [[index[v] for v in vs] for vs in per_doc] if multi
            else [index[vs[0]] if vs else -1 for vs in per_doc]
        )
        table[key] = {"values": list(values), "docs": column}
    return table

