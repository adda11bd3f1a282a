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
import multiprocessing
import os
import pickle
import zlib
from array import array
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from itertools import chain, repeat
from operator import add, and_, lshift, or_, rshift, sub
from typing import TypeVar

from .searchindex import MAX_SCORE, SORT_DATE, RawForms, RawScores, SearchDocument, raw_terms
from .slug import fold

DOCS_PER_FILE = 64
BUCKET_BYTES = 8_000
MAX_FORM_BITS = 30  # forms past the 30th share bit 30: JavaScript's bit operators are 32-bit
PARALLEL_MIN_DOCS = 200  # fewer notices are indexed in one process: a pool costs more
# Notices a job (a run) at most. A run's notices are pickled here and unpickled, made into
# documents and posted in a worker at once, so the run's size is what the pool adds to the
# build's memory: at 4,000 notices, runs of 1,000 (two a worker) put the process tree 650 MB
# above the build, runs of 125 340 MB, for the same CPU seconds (docs/scale.md, "Search
# index on all cores").
RUN_NOTICES = 125
GROUPS_PER_WORKER = 2  # groups of terms a worker, merged and encoded at the end
S = TypeVar("S")  # what the index is made from: search documents, or notices
# A notice as the index takes it: its document (the text may be left out: only the terms
# read it) and its terms (``searchindex.raw_terms``). The terms are the work: a caller may
# keep them from an earlier build (``searchcache``).
Indexed = tuple[SearchDocument, RawScores, RawForms]

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
    """One posting, the format's reference: ``_encode`` writes the same for whole lists."""
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
    """One term's posting list as the workers found it, merged in notice order; ``finish``
    encodes it. Kept compact between processes: ``codes`` holds one ``number << 8 | score``
    a posting (an array: pickled as one buffer), ``kinds`` the distinct form tuples (the forms
    a notice has, in its order) in order of first appearance and ``which`` each posting's
    kind; pairs have no forms (``kinds`` empty)."""

    __slots__ = ("codes", "data", "df", "forms", "kinds", "which")

    def __init__(self, codes: array[int], kinds: dict[tuple[str, ...], int],
                 which: array[int]) -> None:
        self.codes = codes
        self.kinds = kinds
        self.which = which
        self.df = len(codes)  # notices having the term
        self.data = b""
        self.forms: tuple[str, ...] = ()

    @classmethod
    def encoded(cls, df: int, forms: tuple[str, ...], data: bytes) -> _Postings:
        """A finished list, as a worker encoded it."""
        entry = cls(array("I"), {}, array("I"))
        entry.df, entry.forms, entry.data = df, forms, data
        return entry

    def append(self, part: _Postings) -> None:
        """Add the postings of later notices (a later run of the archive)."""
        self.codes.extend(part.codes)
        self.df += part.df
        if not part.kinds:
            return
        kinds = self.kinds
        renumber = [kinds.setdefault(kind, len(kinds)) for kind in part.kinds]
        if renumber == list(range(len(renumber))):
            self.which.extend(part.which)
        else:
            self.which.extend(map(renumber.__getitem__, part.which))

    def finish(self) -> None:
        """Encode the postings. A form's bit: forms numbered in order of first appearance
        (``_first_bits``), then renumbered commonest first (``_renumber``): the commonest form
        is bit 0 and its postings need no mask."""
        masks = None
        if self.kinds:
            kinds = list(self.kinds)
            first = _first_bits(kinds)
            counts = dict.fromkeys(first, 0)
            for kind, n in Counter(self.which).items():
                for form in kinds[kind]:
                    counts[form] += n
            order = sorted(first, key=lambda f: (-counts[f], first[f]))
            old = [_mask(kind, first) for kind in kinds]
            new = _renumber(old, first, order)
            self.forms = tuple(order)
            if any(mask != 1 for mask in new):
                masks = list(map(new.__getitem__, self.which))
        self.data = _encode(self.codes, masks)
        self.codes = self.which = array("I")  # encoded: let the numbers go

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


def _first_bits(kinds: Sequence[tuple[str, ...]]) -> dict[str, int]:
    """Each form's number in order of first appearance (kinds are in that order already)."""
    first: dict[str, int] = {}
    for kind in kinds:
        for form in kind:
            first.setdefault(form, len(first))
    return first


def _mask(kind: tuple[str, ...], first: dict[str, int]) -> int:
    """A notice's forms as bits by first appearance (forms past the 30th share bit 30)."""
    mask = 0
    for form in kind:
        mask |= 1 << min(first[form], MAX_FORM_BITS)
    return mask


def _renumber(masks: list[int], first: dict[str, int], order: list[str]) -> list[int]:
    """The masks with each form's bit moved to its place in ``order`` (commonest first)."""
    if len(order) < 2 or all(first[f] == n for n, f in enumerate(order)):
        return masks
    # Forms past the 30th share a bit before and after: the last of them in ``order`` decides
    # where that shared bit goes (as the index has always been made).
    bits = {min(first[f], MAX_FORM_BITS): min(n, MAX_FORM_BITS) for n, f in enumerate(order)}
    out = []
    for mask in masks:
        new = 0
        for old, bit in bits.items():
            if mask >> old & 1:
                new |= 1 << bit
        out.append(new)
    return out


class _Varints(dict[int, bytes]):
    """A number → its varint bytes, made once per number met (deltas and masks repeat)."""

    def __missing__(self, value: int) -> bytes:
        out = bytearray()
        varint(value, out)
        data = self[value] = bytes(out)
        return data


_VARINTS = _Varints()
# A posting's score as its flag bits (0-2 for 1-3; 3: a score byte follows) and that byte.
_SCORE_CODE = tuple(min(score - 1, _SCORE_FOLLOWS) for score in range(MAX_SCORE + 1))
_SCORE_BYTE = tuple(bytes([s]) if s > _SCORE_FOLLOWS else b"" for s in range(MAX_SCORE + 1))


def _encode(codes: array[int], masks: list[int] | None) -> bytes:
    """The postings' bytes (``_posting`` for each, in order), with C-level loops: ``map`` over
    whole lists instead of a Python call a posting (a frequent word has a posting a notice)."""
    numbers = list(map(rshift, codes, repeat(8)))
    scores = list(map(and_, codes, repeat(0xFF)))
    heads = list(map(or_, map(lshift, map(sub, numbers, chain((0,), numbers)), repeat(3)),
                     map(_SCORE_CODE.__getitem__, scores)))
    if masks is not None:
        flags = {mask: 0 if mask == 1 else _MASK_FOLLOWS for mask in set(masks)}
        heads = list(map(or_, heads, map(flags.__getitem__, masks)))
    big_scores = max(scores) > _SCORE_FOLLOWS
    if masks is None and not big_scores and max(heads) < 0x80:
        return bytes(heads)  # one byte a posting: most posting lists of frequent words
    pieces = map(_VARINTS.__getitem__, heads)
    if big_scores:
        pieces = map(add, pieces, map(_SCORE_BYTE.__getitem__, scores))
    if masks is not None:
        tails = {mask: b"" if mask == 1 else _VARINTS[mask] for mask in set(masks)}
        pieces = map(add, pieces, map(tails.__getitem__, masks))
    return b"".join(pieces)


def notice_order(docs: Sequence[SearchDocument]) -> list[int]:
    """Indexes of ``docs`` oldest first (undated first): a notice's number is its place here."""
    return _order([_sort_key(doc) for doc in docs])


def _sort_key(doc: SearchDocument) -> tuple[str, str]:
    return doc.sort.get(SORT_DATE, ""), doc.url


def _order(keys: Sequence[tuple[str, str]]) -> list[int]:
    return sorted(range(len(keys)), key=keys.__getitem__)


def with_terms(doc: SearchDocument) -> Indexed:
    return doc, *raw_terms(doc)


def build_index(docs: Sequence[SearchDocument], workers: int | None = 1) -> IndexFiles:
    """Every index file for ``docs``, the same bytes whatever ``workers`` (None: one per core)."""
    return index_sources(docs, [_sort_key(doc) for doc in docs], with_terms, workers)


def index_sources(
    sources: Sequence[S],
    keys: Sequence[tuple[str, str]],
    make: Callable[[S], Indexed],
    workers: int | None = 1,
) -> IndexFiles:
    """Every index file for the notices ``sources``, made into search documents and their
    terms by ``make`` (a picklable function: it runs in the workers, so that the notices'
    text is cut into words on every core); ``keys``: each source's (sort date, URL), what
    its document's ``sort`` and ``url`` will say (checked), which numbers the notices before
    they are made.

    Terms are made notice by notice and dropped once added to the posting lists. With
    workers, each makes the partial posting lists of a run of consecutive notices; the runs
    are merged in notice order, so the files are the same bytes whatever ``workers``."""
    order = _order(keys)
    ordered = [sources[i] for i in order]
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(ordered) < PARALLEL_MIN_DOCS:
        postings, docs = _slice_postings(ordered, 0, make)
        for entry in postings.values():
            entry.finish()
    else:
        postings, docs = _parallel_postings(ordered, make, workers)
    if [_sort_key(doc) for doc in docs] != [keys[i] for i in order]:
        raise ValueError("index_sources: a document's sort date or URL is not its key's")
    files = _bucket_files(postings)
    buckets = len(files)
    files.update(_doc_files(docs))
    files["facets.json"] = _json(facet_table(docs))
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + hashlib.sha256(files[path]).digest())
    return IndexFiles(digest.hexdigest()[:12], files, len(docs), buckets)


def _partial_postings(
    made: Iterable[Indexed], first: int
) -> tuple[dict[str, _Postings], list[SearchDocument]]:
    """Posting lists of the notices ``made`` (one at a time: their terms are let go once
    posted), numbered from ``first`` (not finished), and their documents without their text
    (the rows and the facet table need the rest)."""
    codes: defaultdict[str | tuple[str, str], list[int]] = defaultdict(list)
    forms: defaultdict[str, list[str | tuple[str, ...]]] = defaultdict(list)
    docs: list[SearchDocument] = []
    append = list.append
    for number, (doc, scores, doc_forms) in enumerate(made, first):
        docs.append(replace(doc, blocks=()) if doc.blocks else doc)
        # One posting a term: ``number << 8 | score`` appended to the term's list, and each
        # word's form(s) to its own, by C-level loops (a notice has ~1,300 terms).
        deque(map(append, map(codes.__getitem__, scores),
                  map(or_, scores.values(), repeat(number << 8))), maxlen=0)
        deque(map(append, map(forms.__getitem__, doc_forms), doc_forms.values()), maxlen=0)
    postings = {}
    for key, numbers in codes.items():
        if isinstance(key, tuple):  # a pair: no forms
            postings[" ".join(key)] = _Postings(array("I", numbers), {}, array("I"))
        else:
            met = forms[key]
            kinds = {kind: n for n, kind in enumerate(dict.fromkeys(met))}
            postings[key] = _Postings(array("I", numbers),
                                      {_as_tuple(kind): n for kind, n in kinds.items()},
                                      array("I", map(kinds.__getitem__, met)))
    return postings, docs


def _as_tuple(kind: str | tuple[str, ...]) -> tuple[str, ...]:
    return (kind,) if isinstance(kind, str) else kind


def _slice_postings(
    sources: Sequence[S], first: int, make: Callable[[S], Indexed]
) -> tuple[dict[str, _Postings], list[SearchDocument]]:
    """The partial posting lists of a run of notices numbered from ``first``, and their
    documents without their text (the rows and the facet table need the rest)."""
    return _partial_postings(map(make, sources), first)


def _parallel_postings(
    ordered: Sequence[S], make: Callable[[S], Indexed], workers: int
) -> tuple[dict[str, _Postings], list[SearchDocument]]:
    """The finished posting lists, made in two rounds on the pool, so that this process only
    passes bytes along: each worker makes the partial lists of a run of consecutive notices,
    sorted into groups of terms (pickled); then each group's lists are merged in notice
    order and encoded by a worker."""
    size = max(1, min(RUN_NOTICES, -(-len(ordered) // workers)))
    groups = workers * GROUPS_PER_WORKER
    jobs = [(ordered[start : start + size], start, make, groups)
            for start in range(0, len(ordered), size)]
    postings: dict[str, _Postings] = {}
    docs: list[SearchDocument] = []
    # Workers from a fork server, not forks of this process: the index is made while the
    # build holds every record (1.5 GB at 10,000 notices), and a forked worker's RSS
    # counts all of it again — the cold build's 8 GB peak (docs/scale.md, "Build-step
    # speed"). The jobs carry everything a worker needs, so a fresh process does as well.
    with ProcessPoolExecutor(max_workers=workers, mp_context=POOL_CONTEXT) as pool:
        runs = list(pool.map(_run_slice, jobs))  # in notice order, whatever finishes first
        for run_docs in (run[1] for run in runs):
            docs.extend(run_docs)
        by_group = [[run[0][g] for run in runs] for g in range(groups)]
        del runs
        for finished in pool.map(_run_group, by_group):
            postings.update(_unpack_encoded(finished))
    return postings, docs


# Fresh processes for a pool started while the build holds its records (this index's, and the
# exports' worker: exportjob.py): a job carries everything its worker needs.
POOL_CONTEXT = multiprocessing.get_context(
    "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")


def _group(key: str, groups: int) -> int:
    """A term's group: the same in every process (``hash`` of a string is not)."""
    return zlib.crc32(key.encode()) % groups


def _run_slice(
    job: tuple[Sequence[S], int, Callable[[S], Indexed], int]
) -> tuple[list[bytes], list[SearchDocument]]:
    sources, first, make, groups = job
    postings, docs = _slice_postings(sources, first, make)
    split: list[dict[str, _Postings]] = [{} for _ in range(groups)]
    for key, entry in postings.items():
        split[_group(key, groups)][key] = entry
    return [_pack(part) for part in split], docs


def _run_group(parts: list[bytes]) -> bytes:
    """One group's partial lists of every run, merged in notice order, encoded."""
    merged: dict[str, _Postings] = {}
    for part in parts:
        _merge_packed(merged, part)
    for entry in merged.values():
        entry.finish()
    return _pack_encoded(merged)


# Between processes, posting lists travel as a few long arrays, not as one object a term
# (pickling ~30,000 objects a run cost as much as a tenth of making them).


def _pack(postings: dict[str, _Postings]) -> bytes:
    """Partial lists: the terms, their lengths, all their codes in one array; for words,
    their kinds and all their ``which`` in another."""
    codes, which = array("I"), array("I")
    words = []
    for n, entry in enumerate(postings.values()):
        codes.extend(entry.codes)
        if entry.kinds:
            words.append((n, tuple(entry.kinds)))
            which.extend(entry.which)
    lengths = array("I", [entry.df for entry in postings.values()])
    return pickle.dumps((list(postings), lengths, codes, words, which), pickle.HIGHEST_PROTOCOL)


def _merge_packed(merged: dict[str, _Postings], data: bytes) -> None:
    """Add a later run's packed partial lists (``_pack``) to ``merged``."""
    keys, lengths, codes, words, which = pickle.loads(data)
    kinds_of = dict(words)
    at = word_at = 0
    for n, (key, length) in enumerate(zip(keys, lengths, strict=True)):
        end = at + length
        kinds = kinds_of.get(n)
        if kinds is None:
            part = _Postings(codes[at:end], {}, array("I"))
        else:
            part = _Postings(codes[at:end], {kind: k for k, kind in enumerate(kinds)},
                             which[word_at : word_at + length])
            word_at += length
        target = merged.get(key)
        if target is None:
            merged[key] = part
        else:
            target.append(part)
        at = end


def _pack_encoded(postings: dict[str, _Postings]) -> bytes:
    """Finished lists: the terms, their df, forms and encoded postings (one bytes)."""
    entries = postings.values()
    return pickle.dumps((list(postings), array("I", [e.df for e in entries]),
                         [e.forms for e in entries], array("I", [len(e.data) for e in entries]),
                         b"".join(e.data for e in entries)), pickle.HIGHEST_PROTOCOL)


def _unpack_encoded(data: bytes) -> dict[str, _Postings]:
    keys, dfs, forms, lengths, encoded = pickle.loads(data)
    postings = {}
    at = 0
    for key, df, key_forms, length in zip(keys, dfs, forms, lengths, strict=True):
        postings[key] = _Postings.encoded(df, key_forms, encoded[at : at + length])
        at += length
    return postings


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

