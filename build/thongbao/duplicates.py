"""The same notice arriving twice is one notice.

Two notice files are the same notice when

- their texts are equal after normalisation (:func:`text_key`: NFC, case-folded, letters and
  digits only — so a PDF, a Word file and a typed .txt of one notice agree however their lines,
  spaces, punctuation marks and Markdown differ), or
- they carry the same number, province and issue date (``3413/UBND-TH``, Thái Nguyên,
  2021-07-22): numbers restart every year and are unique within an issuer, so this triple names
  one document.

Which file is kept is decided by :func:`preference`, in this order: the one with a sidecar
(an editor worked on it), then the official document format (PDF, then Word, then HTML, Markdown,
text: what a journalist cites), then the path that sorts first. The other files are reported,
one line each, and their addresses redirect to the kept notice.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TypeVar

__all__ = ["FORMAT_RANK", "Duplicate", "find_duplicates", "preference", "text_key"]

#: Lower is preferred.
FORMAT_RANK = {".pdf": 0, ".docx": 1, ".docm": 1, ".html": 2, ".htm": 2, ".md": 3, ".txt": 4}

T = TypeVar("T")


def text_key(text: str) -> str:
    """A digest of the letters and digits of ``text``, case-folded, in NFC."""
    folded = unicodedata.normalize("NFC", text).casefold()
    # filter() with the builtin test runs in C: half the time of a "[\W_]+" substitution
    # (which keeps the same characters: sre's \w is isalnum() plus "_").
    core = "".join(filter(str.isalnum, folded))
    return hashlib.sha256(core.encode("utf-8")).hexdigest()[:32]


def preference(src: str, has_sidecar: bool) -> tuple[int, int, str]:
    suffix = PurePosixPath(src).suffix.lower()
    return (0 if has_sidecar else 1, FORMAT_RANK.get(suffix, len(FORMAT_RANK)), src)


@dataclass(frozen=True)
class Duplicate:
    kept: str  # src of the notice kept
    dropped: str  # src of the same notice, not published
    reason: str  # Vietnamese-free, for the build log: "same text" | "same number ..."


def find_duplicates(
    items: Sequence[T],
    src: Callable[[T], str],
    keys: Callable[[T], Sequence[tuple[str, str]]],
    has_sidecar: Callable[[T], bool],
) -> list[Duplicate]:
    """Every item that repeats a preferred one; ``keys`` gives (kind, value) pairs per item."""
    owner: dict[tuple[str, str], str] = {}
    out: list[Duplicate] = []
    for item in sorted(items, key=lambda i: preference(src(i), has_sidecar(i))):
        item_keys = list(keys(item))
        match = next((k for k in item_keys if k in owner), None)
        if match is not None:
            out.append(Duplicate(owner[match], src(item), _reason(match)))
            continue
        for key in item_keys:
            owner.setdefault(key, src(item))
    return sorted(out, key=lambda d: d.dropped)


def _reason(key: tuple[str, str]) -> str:
    kind, value = key
    if kind == "text":
        return "same text"
    return f"same number, province and date ({value})"
