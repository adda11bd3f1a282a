"""A Word (.docx) file → plain text: its paragraphs and tables in document order.

Read with python-docx. Each paragraph becomes a block (a blank line apart); a line break inside
a paragraph stays a line break. A table is read row by row, cell by cell, each cell's
paragraphs (and nested tables) as blocks: the two-column header of a notice (number and
place-and-date line side by side in a borderless table) comes out as the same notice typed in
one column. A tab after a list marker (``1.<tab>``) is a space; any other tab separates two
columns of a line (``Số: 12/TB-UBND<tab><tab>Bắc Kạn, ngày …``), so it becomes a line break.
Page headers and footers (page numbers) and text boxes are not part of the body and are not
read. Automatic list numbering is not rendered (python-docx does not resolve it).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

__all__ = ["DocxTextError", "docx_text"]

#: The largest main document part we unpack (a zip bomb stops here).
MAX_DOCUMENT_XML = 64 * 1024 * 1024

_MARKER_TAB = re.compile(r"^(\s*(?:[-+•–]|\d+(?:\.\d+)*[.)]|[a-zđ]\)|[IVX]+\.))\t+")


class DocxTextError(ValueError):
    """The file is not a readable .docx; the message says why, in one line."""


def _check_package(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            info = package.getinfo("word/document.xml")
    except KeyError:
        raise DocxTextError("broken Word file (no word/document.xml)") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise DocxTextError(f"broken Word file ({exc})") from None
    if info.file_size > MAX_DOCUMENT_XML:
        raise DocxTextError(f"Word file too large ({info.file_size} bytes of document XML)")


def _blocks(container: object) -> Iterator[str]:
    """Paragraph texts of a document body or table cell, tables expanded, in order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in container.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(item, Paragraph):
            yield _paragraph(item.text)
        elif isinstance(item, Table):
            for row in item.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats across its span
                        continue
                    seen.add(id(cell._tc))
                    yield from _blocks(cell)


def _paragraph(text: str) -> str:
    text = _MARKER_TAB.sub(r"\1 ", text)
    lines = [re.sub(r"[ \t]+", " ", part).strip() for part in re.split(r"\t+|\n", text)]
    return "\n".join(line for line in lines if line)


def docx_text(data: bytes) -> str:
    """The body text of a .docx; DocxTextError when the file cannot be read."""
    _check_package(data)
    import docx
    from docx.opc.exceptions import OpcError

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_blocks(document))
    except (OpcError, KeyError, ValueError, zipfile.BadZipFile, OSError, EOFError) as exc:
        raise DocxTextError(f"broken Word file ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # lxml's XMLSyntaxError and kin: a damaged XML part
        if type(exc).__module__.startswith("lxml"):
            raise DocxTextError(f"broken Word file (XML: {exc})") from None
        raise
    return "\n\n".join(block for block in blocks if block)
