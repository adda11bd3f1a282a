"""Layout-noise cleaning of a decoded notice, before it is parsed as Markdown.

Each step is a named pure function (text in, text out); ``clean`` composes them. Nothing of the
original wording is dropped: steps only move whitespace and re-join what a page break split —
except the furniture of a saved portal page (toolbars, counters, captions, "Tin cùng chuyên
mục" lists), which is the portal's wording, not the notice's (see :mod:`thongbao.furniture`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from .furniture import drop_portal_furniture, split_pasted_lines

_BLANK_SPLIT = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = tuple(".:;!?…”\"')]/")
_HYPHEN_END = re.compile(r"\w[-–]$")
_LIST_START = re.compile(r"^(?:[-+*•]\s|\d+[.)]\s|[a-zđ]\)\s|\d{1,2}(?:\.\d{1,2})+\.?\s)")
# "1.1. Sở Tư pháp …", "a) Đẩy mạnh …", "II. Về …" at a line start: a new item of the text.
_NUMBERED_LINE = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\)|[IVX]{1,5}\.)\s+\S", re.UNICODE
)


def dedent_lines(text: str) -> str:
    """Strip leading indentation: portals indent paragraphs with spaces, which Markdown would
    otherwise turn into code blocks. Hard breaks (two trailing spaces) are kept."""
    lines = []
    for line in text.split("\n"):
        stripped = line.lstrip(" \t\u3000")
        hard_break = line.endswith("  ") and stripped.strip() != ""
        stripped = stripped.rstrip(" \t")
        lines.append(stripped + ("  " if hard_break else ""))
    return "\n".join(lines)


def bullet_glyphs(text: str) -> str:
    """``• item`` and ``– item`` at line start become Markdown list items."""
    return re.sub(r"^[•·▪◦]\s*", "- ", text, flags=re.MULTILINE)


def join_page_breaks(text: str) -> str:
    """Re-join a paragraph that a page break split in two.

    A block that ends mid-sentence (no closing punctuation) followed by a block that starts in
    lowercase, or that ends with an open parenthesis or a word-hyphen (``Covid-`` + ``19``), is
    one paragraph in the original.
    """
    blocks = _BLANK_SPLIT.split(text)
    out: list[str] = []
    for block in blocks:
        if out and _continues(out[-1], block):
            prev = out[-1].rstrip()
            glue = "" if _HYPHEN_END.search(prev) else " "
            out[-1] = prev + glue + block.lstrip()
        else:
            out.append(block)
    return "\n\n".join(out)


def _continues(prev: str, nxt: str) -> bool:
    prev_line = prev.rstrip().rsplit("\n", 1)[-1].strip()
    next_line = nxt.lstrip().split("\n", 1)[0].strip()
    if not prev_line or not next_line or prev_line.startswith("#"):
        return False
    if _is_heading_like(prev_line) or next_line.startswith("#") or _LIST_START.match(next_line):
        return False
    plain_prev = prev_line.replace("*", "").rstrip()
    if not plain_prev or plain_prev.endswith(_SENTENCE_END):
        return False
    if _HYPHEN_END.search(plain_prev) and next_line[0].isalnum():
        return True
    if plain_prev.count("(") > plain_prev.count(")"):
        return True
    first = next_line.lstrip("*_")[:1]
    return first.islower()


def _is_heading_like(line: str) -> bool:
    # Every letter upper case (and at least one letter): the cheap form of an all() scan.
    return line == line.upper() and line != line.lower()


def split_numbered_lines(text: str) -> str:
    """Numbered items typed on consecutive lines become paragraphs of their own.

    Markdown would fold ``1.1. …`` and ``a) …`` lines into the paragraph above (only ``1.``
    and ``-`` start lists), hiding the document's structure from readers and extraction.
    """
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if out and out[-1].strip() and _NUMBERED_LINE.match(line) and not out[-1].startswith("#"):
            out.append("")
        out.append(line)
    return "\n".join(out)


def tidy_blank_lines(text: str) -> str:
    # Line by line with rstrip: a "[ \t]+$" regex tried a match at every space of the text.
    text = "\n".join(map(_trim_line_end, text.split("\n")))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


def _trim_line_end(line: str) -> str:
    """Trailing spaces and tabs dropped; two or more (a Markdown line break) kept as two."""
    stripped = line.rstrip(" \t")
    return stripped + "  " if len(line) - len(stripped) >= 2 else stripped


_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,5}|#[xX][0-9a-fA-F]{2,4});")


def decode_entities(text: str) -> str:
    """``&amp;``, ``&nbsp;``, ``&#7871;`` left in text copied from a page's source."""
    if "&" not in text:
        return text
    # What an entity spells stays text: the renderer escapes "<script>" like any other text.
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)).replace("\xa0", " "), text)


# "Số: 15/CT-UBND | Hòa Bình, ngày 20 tháng 3 năm 2023 |": a row of a two-column header or
# signature table flattened by a copy (a real Markdown table row starts with "|").
_CELL_ROW = re.compile(r"^(?!\s*\|)(?P<left>[^|]*?)\s*\|\s*(?P<right>[^|]*?)\s*\|?\s*$")


def unflatten_cell_rows(text: str) -> str:
    """A run of flattened two-cell rows becomes its left column's lines, then its right
    column's: the issuer and number above the motto and place-and-date line, the distribution
    list above the signature, as the layout parser expects them."""
    if "|" not in text:
        return text  # no cell at all (most texts): every line would be kept as it is
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        run = []
        while i < len(lines) and "|" in lines[i] and (m := _CELL_ROW.match(lines[i])):
            run.append((m.group("left").strip(), m.group("right").strip()))
            i += 1
        if len(run) >= 2 or (run and run[0][0] and run[0][1]):
            out.extend(left for left, _ in run if left)
            out.append("")
            out.extend(right for _, right in run if right)
            out.append("")
        elif run:
            out.extend(f"{a} | {b}".strip(" |") for a, b in run)
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


# "Nơi nhận:              TL. CHỦ TỊCH": the distribution list and the signature typed side by
# side, the columns kept apart by a run of spaces.
_SIDE_BY_SIDE = re.compile(r"^\s*(?P<left>Nơi nhận\s*:?)\s{6,}(?P<right>\S.*?)\s*$", re.IGNORECASE)
_COLUMN_GAP = re.compile(r"^(?P<left>\s*\S.*?)\s{6,}(?P<right>\S.*?)\s*$")
_RIGHT_ONLY = re.compile(r"^\s{20,}(?P<right>\S.*?)\s*$")
_LEFT_ITEM = re.compile(r"^\s*[-+•]\s*\S")


def unflatten_signature_columns(text: str) -> str:
    """The distribution list beside the signature, as space-separated columns, becomes the list
    then the signature (capacity lines and the signer's name), as the layout parser expects."""
    if "nhận" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = _SIDE_BY_SIDE.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        left, right = [m.group("left")], [m.group("right")]
        i += 1
        while i < len(lines):
            line = lines[i]
            if not line.strip():
                i += 1
                continue
            if gap := _RIGHT_ONLY.match(line):
                right.append(gap.group("right"))
            elif gap := _COLUMN_GAP.match(line):
                left.append(gap.group("left").strip())
                right.append(gap.group("right"))
            elif _LEFT_ITEM.match(line):
                left.append(line.strip())
            else:
                break
            i += 1
        out.extend([*left, "", *right, ""])
    return "\n".join(out)


CLEANING_STEPS: tuple[Callable[[str], str], ...] = (
    decode_entities,
    unflatten_cell_rows,
    unflatten_signature_columns,
    dedent_lines,
    drop_portal_furniture,
    split_pasted_lines,
    bullet_glyphs,
    split_numbered_lines,
    join_page_breaks,
    tidy_blank_lines,
)


def clean(text: str) -> str:
    for step in CLEANING_STEPS:
        text = step(text)
    return text
