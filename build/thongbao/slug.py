"""ASCII slugs from Vietnamese text (URLs, ids, heading anchors)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Drop diacritics, mapping đ/Đ too (NFD leaves them untouched)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Names repeat across pages (provinces, agencies, headings): the per-character fold is worth
# caching.
@lru_cache(maxsize=1 << 16)
def slugify(text: str, sep: str = "-") -> str:
    """``Sở Kế hoạch và Đầu tư`` → ``so-ke-hoach-va-dau-tu``."""
    return _NON_ALNUM.sub(sep, fold(text).lower()).strip(sep)


def toc_slugify(value: str, separator: str) -> str:
    """Heading-anchor slugify for Python-Markdown's toc extension (keeps đ as d)."""
    return slugify(value, separator)
