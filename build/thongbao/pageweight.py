"""The weight of the built site and its Content-Security-Policy: pure functions over text.

- :func:`minify` — one HTML page, smaller: whitespace between tags, optional quotes, comments.
  Inline scripts are left byte for byte (their hashes are in the page's policy) and so are
  ``<pre>``/``<textarea>`` (minify-html keeps their whitespace).
- :func:`script_hashes` — the CSP sources (``'sha256-…'``) of the executable inline scripts of
  an HTML fragment; ``overrides/partials/csp.html`` applies it to the theme's own script
  partials, so only those scripts may run inline — never a script that reached a page through
  a notice's text.
- :func:`unused_asset` — whether a theme file is shipped but never loaded by the site.

Decisions and measurements: docs/scale.md.
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import re
from collections.abc import Iterable

import minify_html

# minify-html 0.18 options, chosen on the archive's pages (benchmarks/minify_compare.py):
# closing tags and the <html>/<head> tags are kept so that every HTML parser (ours in the
# tests, feed readers, old browsers) reads the same tree; inline JS is not touched (its CSP
# hash must stay valid); inline CSS is minified (none of it is hashed).
MINIFY_OPTIONS: dict[str, bool] = {
    "keep_closing_tags": True,
    "keep_html_and_head_opening_tags": True,
    "minify_css": True,
    "minify_js": False,
    "minify_doctype": False,
    "keep_comments": False,
}

# Theme files a site needs only with Material's own search plugin (lunr, its worker), and
# source maps, which a browser fetches only when a developer opens its tools.
SEARCH_ASSETS = ("assets/javascripts/lunr/*", "assets/javascripts/workers/search.*")
SOURCE_MAPS = ("*.map",)

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
# Types a browser executes (HTML's "JavaScript MIME type essence" list, in short) and modules;
# any other type ("application/json") is a data block that CSP does not govern.
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module",
                 "application/ecmascript", "text/ecmascript"}


def minify(html: str) -> str:
    """The page, minified; the same input gives the same bytes."""
    return _TITLE.sub(_escape_title, minify_html.minify(html, **MINIFY_OPTIONS))


# minify-html writes "<" unescaped inside <title> (RCDATA: a browser reads it as text). A
# notice's title may hold "<script>…": parsers that are not HTML5 tokenisers (Python's
# html.parser, some crawlers and feed readers) would see a tag, so "<" is escaped back there.
_TITLE = re.compile(r"(<title>)(.*?)(</title>)", re.S | re.I)


def _escape_title(match: re.Match[str]) -> str:
    return match[1] + match[2].replace("<", "&lt;") + match[3]


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script of ``html`` that a browser would execute."""
    out = []
    for match in _SCRIPT.finditer(html):
        attributes, body = match.groups()
        if _SRC.search(attributes):
            continue
        kind = _TYPE.search(attributes)
        if (kind.group(1).lower() if kind else "") in _SCRIPT_TYPES:
            out.append(body)
    return out


def hash_source(script: str) -> str:
    """The CSP source that allows exactly this inline script's text."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def script_hashes(html: str) -> str:
    """The hash sources of the inline scripts of ``html``, sorted, space-separated."""
    return " ".join(sorted({hash_source(s) for s in inline_scripts(html)}))


def unused_asset(path: str, patterns: Iterable[str]) -> bool:
    """Whether the site path ``path`` (``assets/javascripts/lunr/tinyseg.js``) matches one of
    the glob ``patterns`` (``*`` crosses folders)."""
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns)
