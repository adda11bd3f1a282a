"""A PDF's text layer → plain text in reading order, with paragraphs rejoined.

pdfium (through pypdfium2) gives the text of each run of glyphs on a line and its box. From the
boxes this module rebuilds what a reader sees (see docs/formats.md for why pdfium and these
rules):

- runs on one baseline make a line; a horizontal gap wider than :data:`COLUMN_GAP` line heights
  splits it into two columns;
- a *two-column zone* (the number beside the place-and-date line at the top of a notice, the
  recipients beside the signature at the bottom) is read left column first, then right, so the
  text comes out in the order of the same notice typed as one column;
- a page number alone on the first or last line of a page, and a running header or footer
  repeated on most pages, are dropped;
- a line is joined to the next when the next line's first word would not have fitted after it
  (the writer wrapped it), and the vertical gap is a line's, not a paragraph's; else a line
  break, and a blank line between paragraphs. A word cut by a hyphen at a line end keeps the
  hyphen (``UBND-`` + ``TH``) and loses the space.

The result still goes through the decoder's normalisation (NFC, legacy-font repair).
"""

from __future__ import annotations

import itertools
import re
import statistics
import threading
from dataclasses import dataclass

__all__ = ["PdfTextError", "pdf_text"]

#: A gap between two runs wider than this many line heights separates columns.
COLUMN_GAP = 2.5
#: A vertical step larger than this many line pitches starts a new paragraph.
PARAGRAPH_STEP = 1.25
#: Lines further apart than this many pitches do not belong to the same two-column zone.
ZONE_STEP = 1.6
#: Runs further apart than this share of the line height have a space between them.
SPACE_GAP = 0.25
#: A line counts as full when the next word would pass this share of the measure.
WRAP_SLACK = 0.97
#: Below this many letters and digits in the whole file, there is no text layer to read.
MIN_TEXT_CHARS = 20

_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:trang\s*)?\d{1,4}(?:\s*(?:/|trên)\s*\d{1,4})?[-–—\s]*$",
                          re.IGNORECASE)
_ITEM = re.compile(r"^(?:[-+•–]\s|\d+(?:\.\d+)*[.)]\s|[a-zđ]\)\s|[IVX]+\.\s)")
_LIGATURES = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
    "\x02": "-",  # pdfium's mark for a hyphen it found at a line end
    "\ufffe": "", "\r": "", "\n": " ",
})
# pdfium keeps global state: one document at a time per process.
_PDFIUM_LOCK = threading.Lock()


class PdfTextError(ValueError):
    """The PDF cannot give text; the message says why, in one line."""


@dataclass(frozen=True)
class _Run:
    left: float
    bottom: float
    right: float
    top: float
    text: str


@dataclass
class _Line:
    runs: list[_Run]

    @property
    def left(self) -> float:
        return min(r.left for r in self.runs)

    @property
    def right(self) -> float:
        return max(r.right for r in self.runs)

    @property
    def top(self) -> float:
        return max(r.top for r in self.runs)

    @property
    def bottom(self) -> float:
        return min(r.bottom for r in self.runs)

    @property
    def height(self) -> float:
        return statistics.median(r.top - r.bottom for r in self.runs)

    @property
    def size(self) -> float:
        """About the font size: the tallest run (a lone period's box is tiny)."""
        return max(r.top - r.bottom for r in self.runs)

    @property
    def text(self) -> str:
        out = ""
        previous: _Run | None = None
        for run in sorted(self.runs, key=lambda r: r.left):
            # pdfium splits a line into runs where the font changes (a bold number, an italic
            # phrase, a superscript): a space only where the runs stand apart.
            apart = previous is not None and run.left - previous.right > SPACE_GAP * self.size
            out += (" " if apart else "") + run.text
            previous = run
        return re.sub(r"\s{2,}", " ", out).strip()


# ---- reading the runs ---------------------------------------------------------------------


def _page_runs(data: bytes) -> list[list[_Run]]:
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            reason = str(exc)
            if "password" in reason.lower():
                raise PdfTextError("encrypted PDF (password required)") from None
            raise PdfTextError(f"broken PDF ({reason.rstrip('.')})") from None
        try:
            pages = []
            for index in range(len(document)):
                page = document[index]
                textpage = page.get_textpage()
                runs = []
                for i in range(textpage.count_rects()):
                    left, bottom, right, top = textpage.get_rect(i)
                    text = textpage.get_text_bounded(left, bottom, right, top)
                    text = text.translate(_LIGATURES)
                    if text.strip():
                        runs.append(_Run(left, bottom, right, top, text))
                pages.append(runs)
                textpage.close()
                page.close()
            return pages
        except pdfium.PdfiumError as exc:
            raise PdfTextError(f"broken PDF ({str(exc).rstrip('.')})") from None
        finally:
            document.close()


def _lines(runs: list[_Run]) -> list[_Line]:
    """Runs whose vertical middle falls within a line's band join that line; top to bottom."""
    lines: list[_Line] = []
    for run in sorted(runs, key=lambda r: (-r.top, r.left)):
        middle = (run.top + run.bottom) / 2
        for line in reversed(lines[-3:]):
            if line.bottom <= middle <= line.top:
                line.runs.append(run)
                break
        else:
            lines.append(_Line([run]))
    return lines


# ---- page furniture -----------------------------------------------------------------------


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _furniture(line: _Line, repeated: set[str]) -> bool:
    return bool(_PAGE_NUMBER.match(line.text)) or _shape(line.text) in repeated


def _drop_furniture(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Page numbers at a page's edge; headers and footers repeated on most pages."""
    edges: dict[str, int] = {}
    for lines in pages:
        for line in {id(x): x for x in (lines[:2] + lines[-2:])}.values():
            edges[_shape(line.text)] = edges.get(_shape(line.text), 0) + 1
    repeated = {s for s, n in edges.items() if len(pages) >= 3 and n >= max(2, len(pages) // 2)}
    out = []
    for lines in pages:
        kept = list(lines)
        for _ in range(2):  # a running header, then the page number under it
            if kept and _furniture(kept[0], repeated):
                kept.pop(0)
            if kept and _furniture(kept[-1], repeated):
                kept.pop()
        out.append(kept)
    return out


# ---- columns ----------------------------------------------------------------------------


def _split_at(line: _Line) -> float | None:
    """The left edge of a second column on this line, if a wide gap separates its runs."""
    runs = sorted(line.runs, key=lambda r: r.left)
    for before, after in itertools.pairwise(runs):
        if after.left - before.right > COLUMN_GAP * line.height:
            return after.left
    return None


def _side(line: _Line, split: float) -> str | None:
    if line.right <= split:
        return "left"
    if line.left >= split - 1:
        return "right"
    return None  # crosses the split: not part of the zone


@dataclass(frozen=True)
class _Column:
    """One column of a two-column zone; ``split`` is the left edge of a right column."""

    lines: list[_Line]
    split: float | None

    def width(self, right_margin: float) -> float:
        # A left column ends where its widest line does; a right column runs to the margin
        # (a signature centred in its half of the page is narrower than the half).
        left = min(line.left for line in self.lines)
        right = right_margin if self.split is not None else 0.0
        return max(right, max(line.right for line in self.lines)) - left


def _reading_order(lines: list[_Line], pitch: float) -> list[_Line | _Column]:
    """The page in reading order: body lines one by one, and each column of a two-column
    zone as a list of lines (left column first)."""
    out: list[_Line | _Column] = []
    i = 0
    while i < len(lines):
        split = _split_at(lines[i])
        if split is None:
            out.append(lines[i])
            i += 1
            continue
        start = i  # pull in the one-sided lines just above that belong to the zone
        while out and isinstance(out[-1], _Line) and _side(out[-1], split) and _near(
            out[-1], lines[start], pitch
        ):
            out.pop()
            start -= 1
        end = i + 1
        while end < len(lines) and _near(lines[end - 1], lines[end], pitch) and (
            _side(lines[end], split) or _split_at(lines[end]) is not None
        ):
            end += 1
        runs = [run for line in lines[start:end] for run in line.runs]
        out.append(_Column(_lines([r for r in runs if r.left < split - 1]), None))
        out.append(_Column(_lines([r for r in runs if r.left >= split - 1]), split))
        i = end
    return [part for part in out if isinstance(part, _Line) or part.lines]


def _near(upper: _Line, lower: _Line, pitch: float) -> bool:
    return upper.top - lower.top <= ZONE_STEP * pitch


# ---- paragraphs -------------------------------------------------------------------------


def _joined(lines: list[_Line], pitch: float, width: float) -> str:
    """One column's lines → text: wrapped lines joined, paragraphs apart."""
    out = ""
    previous: _Line | None = None
    for line in lines:
        text = line.text
        if previous is None:
            out = text
            previous = line
            continue
        step = previous.top - line.top
        page_break = step <= 0
        if page_break:
            # No gap to read across a page break; a list item or heading starts anew.
            wrapped = _wrapped(previous, line, width) and not _ITEM.match(text)
        else:
            wrapped = _wrapped(previous, line, width) and step <= PARAGRAPH_STEP * pitch
        if wrapped:
            out = _glue(out, text)
        elif not page_break and step <= PARAGRAPH_STEP * pitch:
            out += "\n" + text
        else:
            out += "\n\n" + text
        previous = line
    return out


def _wrapped(line: _Line, following: _Line, width: float) -> bool:
    """The writer broke the line: the next line's first word would not have fitted on it."""
    first_word = following.text.split(" ", 1)[0]
    chars = max(1, len(following.text))
    char_width = (following.right - following.left) / chars
    return (line.right - line.left) + char_width * (len(first_word) + 1) > WRAP_SLACK * width


def _glue(text: str, more: str) -> str:
    if re.search(r"\w-$", text) and more[:1].isalnum():
        return text + more
    return text + " " + more


def _measure(lines: list[_Line]) -> tuple[float, float]:
    """The body's usual left and right edges."""
    lefts = sorted(line.left for line in lines)
    rights = sorted(line.right for line in lines)
    return lefts[int(0.1 * (len(lefts) - 1))], rights[int(0.9 * (len(rights) - 1))]


def _pitch(pages: list[list[_Line]]) -> float:
    """The usual distance between two lines of a paragraph."""
    steps = sorted(
        round(a.top - b.top, 1)
        for lines in pages
        for a, b in itertools.pairwise(lines)
        if a.top - b.top > 0
    )
    return statistics.median(steps[: max(1, len(steps) // 2)]) if steps else 12.0


def pdf_text(data: bytes) -> str:
    """The text of a PDF's text layer in reading order; PdfTextError if there is none."""
    pages = [_lines(runs) for runs in _page_runs(data)]
    letters = sum(len(re.findall(r"\w", line.text)) for lines in pages for line in lines)
    if letters < MIN_TEXT_CHARS:
        raise PdfTextError("no text layer (scanned PDF): OCR needed")
    pages = _drop_furniture(pages)
    pitch = _pitch(pages)
    ordered = [part for lines in pages for part in _reading_order(lines, pitch)]
    body = [part for part in ordered if isinstance(part, _Line)]
    left, right = _measure(body) if body else (0.0, 0.0)
    parts: list[str] = []
    flow: list[_Line] = []  # body lines flow on across page breaks
    for part in ordered:
        if isinstance(part, _Line):
            flow.append(part)
            continue
        if flow:
            parts.append(_joined(flow, pitch, right - left))
            flow = []
        parts.append(_joined(part.lines, pitch, part.width(right)))
    if flow:
        parts.append(_joined(flow, pitch, right - left))
    return "\n\n".join(p for p in parts if p)
