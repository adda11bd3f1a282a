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

      count, then per term: key, df, form count, forms…, postings length
      then per term its postings, each ``delta << 3 | flags`` [score byte] [form mask]

  ``delta``: notice number minus the previous one's; flags: bits 0-1 the score (0, 1, 2 for
  1, 2, 3; 3 when a score byte follows), bit 2 set when a mask follows. A mask says which of
  the term's forms (``đường``, ``dương`` of ``duong``) the notice has: bit *i* for the *i*-th
  form listed (commonest first; forms past the 30th share bit 30); without one the notice has
  the first form only. So a frequent word costs about a byte a notice.
- ``d/<k>.json``: what a result shows, notices ``k * DOCS_PER_FILE`` onwards: ``[url, title,
  province, date, type, number]``.
- ``facets.json``: per facet its values and each notice's value (a number, -1 for none) or values
  (a list): counts and filters for every facet, computed in the browser over the matches.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from .searchindex import SORT_DATE, SearchDocument, document_terms
from .slug import fold

DOCS_PER_FILE = 64
BUCKET_BYTES = 8_000
MAX_FORM_BITS = 30  # forms past the 30th share bit 30: JavaScript's bit operators are 32-bit
PARALLEL_MIN_DOCS = 200  # fewer notices are indexed in one process: a pool costs more
CHUNKS_PER_WORKER = 4
_UNCAPPED = 1 << 30  # a worker's partial postings keep a bit per form, merged exactly later
FACET_KEYS = ("tinh", "tinh_nay", "nam", "chu_de_chinh", "chu_de", "co_quan", "loai")


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


# A posting is one varint ``delta << 3 | flags`` (then a score byte, then a mask, when flagged):
# bits 0-1 the score (0, 1, 2 for scores 1, 2, 3; 3: a score byte follows), bit 2 a form mask
# follows (else the notice has the term's first form only). Most postings are one byte.
_SCORE_FOLLOWS = 3
_MASK_FOLLOWS = 4


def _posting(delta: int, score: int, mask: int, out: bytearray) -> None:
    code = score - 1 if score <= _SCORE_FOLLOWS else _SCORE_FOLLOWS
    varint(delta << 3 | code | (_MASK_FOLLOWS if mask != 1 else 0), out)
    if code == _SCORE_FOLLOWS:
        out.append(score)
    if mask != 1:
        varint(mask, out)


def _read_varint(data: bytes | bytearray, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, at
        shift += 7


def read_postings(data: bytes | bytearray) -> list[tuple[int, int, int]]:
    """(notice number, score, form mask) of each posting: the inverse of ``_posting``."""
    out: list[tuple[int, int, int]] = []
    at = number = 0
    while at < len(data):
        value, at = _read_varint(data, at)
        number += value >> 3
        score = (value & 3) + 1
        if score > _SCORE_FOLLOWS:
            score = data[at]
            at += 1
        mask = 1
        if value & _MASK_FOLLOWS:
            mask, at = _read_varint(data, at)
        out.append((number, score, mask))
    return out


class _Postings:
    """One term's posting list, encoded as notices are added in number order. Forms get bits
    in order of first appearance; ``finish`` renumbers them by frequency, so that the commonest
    form is bit 0 and its postings need no mask."""

    __slots__ = ("cap", "data", "df", "forms", "last")

    def __init__(self, cap: int = MAX_FORM_BITS) -> None:
        self.data = bytearray()
        self.forms: dict[str, list[int]] = {}  # form → [bit, notices having it]
        self.last = 0
        self.df = 0
        self.cap = cap  # the highest form bit (a worker's partial postings: no limit)

    def add(self, number: int, score: int, forms: tuple[str, ...]) -> None:
        mask = 1
        if forms:
            mask = 0
            for form in forms:
                entry = self.forms.setdefault(form, [len(self.forms), 0])
                entry[1] += 1
                mask |= 1 << min(entry[0], self.cap)
        _posting(number - self.last, score, mask, self.data)
        self.last = number
        self.df += 1

    def append(self, part: _Postings) -> None:
        """Add a worker's partial postings of later notices (numbered after ``self.last``) as
        if its notices had been added here one by one: the same bytes as one process."""
        bits = []
        for form, (_, count) in part.forms.items():  # the part's bits: first seen first
            entry = self.forms.setdefault(form, [len(self.forms), 0])
            entry[1] += count
            bits.append(entry[0])
        if all(bit == n for n, bit in enumerate(bits)) and len(bits) <= MAX_FORM_BITS:
            # Same bits here and there: only the first posting's delta changes.
            value, at = _read_varint(part.data, 0)
            varint(((value >> 3) - self.last) << 3 | (value & 7), self.data)
            self.data += part.data[at:]
        else:
            last = self.last
            for number, score, mask in read_postings(part.data):
                new = 0
                for n, bit in enumerate(bits):
                    if mask >> n & 1:
                        new |= 1 << min(bit, MAX_FORM_BITS)
                _posting(number - last, score, new if bits else 1, self.data)
                last = number
        self.last = part.last
        self.df += part.df

    def finish(self) -> None:
        """Renumber the form bits by frequency (ties: first seen first)."""
        order = sorted(self.forms, key=lambda f: (-self.forms[f][1], self.forms[f][0]))
        if len(order) < 2 or all(self.forms[f][0] == n for n, f in enumerate(order)):
            self.forms = {f: self.forms[f] for f in order}
            return
        bits = {min(self.forms[f][0], MAX_FORM_BITS): min(n, MAX_FORM_BITS)
                for n, f in enumerate(order)}
        data = bytearray()
        last = 0
        for number, score, mask in read_postings(self.data):
            new = 0
            for old, bit in bits.items():
                if mask >> old & 1:
                    new |= 1 << bit
            _posting(number - last, score, new, data)
            last = number
        self.data = data
        self.forms = {f: [n, self.forms[f][1]] for n, f in enumerate(order)}

    def header(self, key: str, out: bytearray) -> None:
        _string(key, out)
        varint(self.df, out)
        varint(len(self.forms), out)
        for form in self.forms:
            _string(form, out)
        varint(len(self.data), out)

    def size(self, key: str) -> int:
        """Bytes in a bucket, near enough (varints of the header counted as 2 bytes)."""
        forms = sum(len(form.encode()) + 1 for form in self.forms)
        return len(key.encode()) + forms + 6 + len(self.data)


def notice_order(docs: Sequence[SearchDocument]) -> list[int]:
    """Indexes of ``docs`` oldest first (undated first): a notice's number is its place here."""
    return sorted(range(len(docs)), key=lambda i: (docs[i].sort.get(SORT_DATE, ""), docs[i].url))


def build_index(docs: Sequence[SearchDocument], workers: int | None = 1) -> IndexFiles:
    """Every index file for ``docs``, the same bytes whatever ``workers`` (None: one per core).

    Terms are made notice by notice and dropped once added to the posting lists: only the
    posting lists are held for the whole archive. With workers, each makes the partial posting
    lists of a run of consecutive notices; the runs are merged in notice order."""
    order = notice_order(docs)
    ordered = [docs[i] for i in order]
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(ordered) < PARALLEL_MIN_DOCS:
        postings = _partial_postings(ordered, 0, MAX_FORM_BITS)
    else:
        postings = _parallel_postings(ordered, workers)
    for entry in postings.values():
        entry.finish()
    files = _bucket_files(postings)
    buckets = len(files)
    files.update(_doc_files(ordered))
    files["facets.json"] = _json(facet_table(ordered))
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + hashlib.sha256(files[path]).digest())
    return IndexFiles(digest.hexdigest()[:12], files, len(docs), buckets)


def _partial_postings(
    docs: Sequence[SearchDocument], first: int, cap: int = _UNCAPPED
) -> dict[str, _Postings]:
    """Posting lists of ``docs``, numbered from ``first`` (not finished: bits by first sight)."""
    postings: dict[str, _Postings] = {}
    for number, doc in enumerate(docs, first):
        for key, (score, forms) in document_terms(doc).items():
            entry = postings.get(key)
            if entry is None:
                entry = postings[key] = _Postings(cap)
            entry.add(number, score, forms)
    return postings


def _run_postings(job: tuple[Sequence[SearchDocument], int]) -> dict[str, _Postings]:
    return _partial_postings(*job)


def _parallel_postings(ordered: Sequence[SearchDocument], workers: int) -> dict[str, _Postings]:
    size = -(-len(ordered) // (workers * CHUNKS_PER_WORKER))
    jobs = [(ordered[start : start + size], start) for start in range(0, len(ordered), size)]
    merged: dict[str, _Postings] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for part in pool.map(_run_postings, jobs):  # in notice order, whatever finishes first
            for key, entry in part.items():
                target = merged.get(key)
                if target is None:
                    target = merged[key] = _Postings()
                target.append(entry)
    return merged


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
            out += postings[key].data
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

