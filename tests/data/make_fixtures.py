"""Make the PDF and Word fixtures of tests/data/formats/ from the five seed notices.

Run once, by hand, and commit the output (CI never runs it):

    apt-get install fonts-dejavu-core fonts-dejavu-extra   # DejaVu Serif: Vietnamese glyphs
    .venv/bin/python tests/data/make_fixtures.py

Each seed becomes a document laid out the way provincial offices lay out theirs (Decree
30/2020): A4, a serif 12 pt, justified paragraphs, the number and the place-and-date line
side by side at the top, the recipients (``Nơi nhận``) beside the signature at the bottom, page
numbers centred at the top from page 2. The PDF is written by fpdf2 with an embedded TrueType
font (a text layer with a ToUnicode map, as Word's "Save as PDF" makes); the .docx by
python-docx, the two column blocks as borderless tables. Beside them:

- ``nfd.pdf``: one seed drawn from decomposed (NFD) text, as some PDF writers emit it;
- ``scan.pdf``: the first page of a seed as an image only (a scan: no text layer);
- ``broken.pdf``, ``broken.docx``: truncated files;
- ``legacy.doc``: an OLE2 compound-file header (Word 97-2003's container) and filler — the
  decoder refuses it by its suffix and magic number, which is all this file must carry.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import docx
import yaml
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).parent / "formats"
NOTICES = ROOT / "content" / "notices"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
FIXED_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

_PLACE_DATE = re.compile(r"^[^\n,]{2,40}, ngày\b")
_HEADING = re.compile(r"^#{1,6}\s+")


@dataclass
class Block:
    lines: list[str]  # hard lines, with **bold** / *italic* markers kept
    centred: bool = False
    bold: bool = False


@dataclass
class Layout:
    header_left: list[Block]
    header_right: list[Block]
    body: list[Block]
    footer_left: list[Block]
    footer_right: list[Block]


def _blocks(text: str) -> list[Block]:
    out = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        heading = bool(_HEADING.match(lines[0]))
        lines = [_HEADING.sub("", line) for line in lines]
        joined = " ".join(lines)
        bold = heading or (joined.startswith("**") and joined.endswith("**"))
        if bold:
            lines = [line.replace("**", "") for line in lines]
        centred = bold and not lines[0].startswith(("Nơi nhận", "TL.", "KT.", "TM."))
        out.append(Block(lines, centred=centred, bold=bold))
    return out


def layout(text: str) -> Layout:
    blocks = _blocks(text)
    header_left: list[Block] = []
    header_right: list[Block] = []
    while blocks:
        first = blocks[0].lines[0].replace("**", "")
        if first.startswith(("Số:", "V/v")):
            header_left.append(blocks.pop(0))
        elif _PLACE_DATE.match(first) and not header_right:
            header_right.append(blocks.pop(0))
        else:
            break
    footer_left: list[Block] = []
    footer_right: list[Block] = []
    for i, block in enumerate(blocks):
        if block.lines[0].replace("**", "").startswith("Nơi nhận"):
            rest = blocks[i:]
            blocks = blocks[:i]
            lists = [b for b in rest if b is rest[0] or b.lines[0].startswith("- ")]
            footer_left = lists
            footer_right = [b for b in rest if b not in lists]
            break
    return Layout(header_left, header_right, blocks, footer_left, footer_right)


# ---- PDF ------------------------------------------------------------------------------------


class _Pdf(FPDF):
    def header(self) -> None:
        if self.page_no() > 1:  # Decree 30/2020: page numbers centred at the top from page 2
            self.set_font("serif", "", 12)
            self.set_y(8)
            self.cell(0, 6, str(self.page_no()), align="C")
        self.set_y(self.t_margin)


def _md(line: str) -> str:
    """fpdf2's markdown: **bold**, __italic__."""
    return re.sub(r"(?<![*\w])\*([^*\n]+)\*(?![*\w])", r"__\1__", line)


def _pdf_blocks(pdf: FPDF, blocks: list[Block], x: float, width: float, size: float) -> None:
    for block in blocks:
        pdf.set_font("serif", "B" if block.bold else "", size)
        for line in block.lines:
            long = pdf.get_string_width(line) > width
            align = "C" if block.centred else ("J" if long else "L")
            pdf.set_x(x)
            pdf.multi_cell(width, 6.2, _md(line), align=align, markdown=True,
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2.5)


def _pdf_columns(pdf: FPDF, left: list[Block], right: list[Block], size: float) -> None:
    if not left and not right:
        return
    top = pdf.get_y()
    _pdf_blocks(pdf, left, pdf.l_margin, 72, size)
    left_end, left_page = pdf.get_y(), pdf.page
    if pdf.page != left_page or not right:
        return
    pdf.page = left_page
    pdf.set_y(top if left else pdf.get_y())
    _pdf_blocks(pdf, right, pdf.l_margin + 76, pdf.epw - 76, size)
    if pdf.page == left_page:
        pdf.set_y(max(left_end, pdf.get_y()))


def make_pdf(text: str, *, nfd: bool = False) -> bytes:
    if nfd:
        text = unicodedata.normalize("NFD", text)
    lay = layout(text)
    pdf = _Pdf(format="A4")
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_margins(30, 20, 15)
    pdf.set_auto_page_break(True, 20)
    for style, name in (("", ""), ("B", "-Bold"), ("I", "-Italic"), ("BI", "-BoldItalic")):
        pdf.add_font("serif", style, str(FONTS / f"DejaVuSerif{name}.ttf"))
    pdf.add_page()
    _pdf_columns(pdf, lay.header_left, lay.header_right, 12)
    pdf.ln(3)
    _pdf_blocks(pdf, lay.body, pdf.l_margin, pdf.epw, 12)
    if pdf.will_page_break(40):
        pdf.add_page()
    _pdf_columns(pdf, lay.footer_left, lay.footer_right, 11)
    return bytes(pdf.output())


def make_scan(text: str) -> bytes:
    """The first lines of a notice as a 150 dpi greyscale image in a PDF: no text layer."""
    font = ImageFont.truetype(str(FONTS / "DejaVuSerif.ttf"), 36)
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    y = 120
    for block in layout(text).body[:8]:
        for line in block.lines:
            words, row = line.replace("**", "").split(), ""
            for word in words:
                if draw.textlength(f"{row} {word}", font=font) > 1000:
                    draw.text((150, y), row, font=font, fill=0)
                    y, row = y + 46, word
                else:
                    row = f"{row} {word}".strip()
            draw.text((150, y), row, font=font, fill=0)
            y += 60
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_TIME)
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


# ---- Word -----------------------------------------------------------------------------------


def _docx_runs(paragraph: docx.text.paragraph.Paragraph, lines: list[str], bold: bool) -> None:
    for n, line in enumerate(lines):
        for part in re.split(r"(\*\*[^*]+\*\*|(?<![*\w])\*[^*\n]+\*(?![*\w]))", line):
            if not part:
                continue
            run = paragraph.add_run(part.strip("*"))
            run.bold = bold or part.startswith("**")
            run.italic = part.startswith("*") and not part.startswith("**")
        if n < len(lines) - 1:
            paragraph.add_run().add_break()


def _docx_blocks(container: object, blocks: list[Block], first: bool = True) -> None:
    for i, block in enumerate(blocks):
        para = container.paragraphs[0] if first and i == 0 else container.add_paragraph()
        if block.centred:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif max(len(line) for line in block.lines) > 90:
            para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            para.paragraph_format.first_line_indent = Mm(10)
        # Recipients as one paragraph with line breaks, the rest one paragraph per block.
        _docx_runs(para, block.lines, block.bold)


def _docx_columns(document: docx.Document, left: list[Block], right: list[Block]) -> None:
    if not left and not right:
        return
    table = document.add_table(rows=1, cols=2)
    left_cell, right_cell = table.rows[0].cells
    _docx_blocks(left_cell, left)
    _docx_blocks(right_cell, right)


def make_docx(text: str) -> bytes:
    lay = layout(text)
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    props = document.core_properties
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    props.author = "thongbao fixtures"
    _docx_columns(document, lay.header_left, lay.header_right)
    # A fresh Document holds no paragraph: every body block adds its own.
    for block in lay.body:
        para = document.add_paragraph()
        if block.centred:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            para.paragraph_format.first_line_indent = Mm(10)
        _docx_runs(para, block.lines, block.bold)
    _docx_columns(document, lay.footer_left, lay.footer_right)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---- all fixtures ---------------------------------------------------------------------------


def seeds() -> list[tuple[str, str]]:
    """(fixture stem, seed text) for every seed, in the labels' order."""
    sys.path.insert(0, str(ROOT / "build"))
    from thongbao.decoding import read_notice

    expected = yaml.safe_load((Path(__file__).parent / "seeds_expected.yaml").read_text())
    return [(Path(e["file"]).stem, read_notice(NOTICES / e["path"]).text) for e in expected]


def main() -> None:
    OUT.mkdir(exist_ok=True)
    all_seeds = seeds()
    for stem, text in all_seeds:
        (OUT / f"{stem}.pdf").write_bytes(make_pdf(text))
        (OUT / f"{stem}.docx").write_bytes(make_docx(text))
    stem, text = all_seeds[0]
    (OUT / "nfd.pdf").write_bytes(make_pdf(text, nfd=True))
    (OUT / "scan.pdf").write_bytes(make_scan(text))
    pdf = (OUT / f"{stem}.pdf").read_bytes()
    (OUT / "broken.pdf").write_bytes(pdf[: len(pdf) // 3])
    word = (OUT / f"{stem}.docx").read_bytes()
    (OUT / "broken.docx").write_bytes(word[: len(word) // 2])
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    (OUT / "legacy.doc").write_bytes(ole + "Thông báo kết luận".encode("utf-16-le") * 64)


if __name__ == "__main__":
    main()
