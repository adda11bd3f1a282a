"""The door: a notice file's bytes → clean NFC text, or a one-line refusal.

Detection is deterministic, in this order:

1. byte-order marks (UTF-8, UTF-32, UTF-16);
2. known binary formats by magic number (PDF, Office, images, archives) → refused;
3. BOM-less UTF-16, recognised by the NUL-byte pattern of mostly-ASCII text;
4. NUL bytes or many control bytes → refused as binary;
5. strict UTF-8;
6. for HTML only, a ``<meta charset>`` that decodes the bytes;
7. Windows-1258 (its tone marks are combining characters: NFC composes them).

PDF (its text layer, :mod:`thongbao.pdftext`) and Word .docx (:mod:`thongbao.docxtext`) are
chosen by their suffix and checked by their magic number; a scan without a text layer, a legacy
``.doc``, an encrypted or broken file is refused in one line.

Then legacy TCVN3/VNI/VISCII text — raw bytes or their glyphs saved as Unicode — is
detected and converted (:mod:`thongbao.legacy`), HTML is turned into Markdown-ish text
(:mod:`thongbao.htmltext`), and the text is normalised: ``\\n`` line endings, no BOM,
zero-width space or soft hyphen, NBSP → space, NFC. Trailing spaces are kept (Markdown
hard breaks).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePath

from thongbao import legacy
from thongbao.docxtext import DocxTextError, docx_text
from thongbao.htmltext import html_to_text
from thongbao.pdftext import PdfTextError, pdf_text

__all__ = [
    "SUPPORTED_SUFFIXES",
    "DecodeError",
    "Decoded",
    "decode_bytes",
    "read_notice",
    "unsupported",
]

SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".docm": "docx",
}
# Word 97-2003 and other binary word-processor files: refused with what to do instead.
_LEGACY_WORD = frozenset({".doc", ".dot", ".wps", ".wpd", ".rtf", ".odt", ".ott"})
# Suffixes decode_bytes refuses outright (read_notice refuses everything unsupported).
_DOCUMENT_SUFFIXES = frozenset(
    {
        ".dotx", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".odp", ".png", ".jpg", ".jpeg", ".gif",
        ".bmp", ".tif", ".tiff", ".webp", ".heic", ".svg", ".zip", ".rar", ".7z", ".gz",
        ".tar", ".exe", ".epub", ".mobi", ".xps", ".djvu",
    }
)  # fmt: skip
_HOW_TO_FIX = "convert to .txt, .md, .html, .pdf or .docx"
_LEGACY_FIX = "save it as .docx or PDF"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office document"),
    (b"{\\rtf", "RTF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
)

_STRIP = dict.fromkeys(map(ord, "\u200b\u00ad\ufeff\u2060"))  # ZWSP, soft hyphen, BOM, WJ
_STRIP[0xA0] = " "  # NBSP
# The same characters, to test for: str.translate of a non-ASCII text costs ~0.5 ms a notice
# even when there is nothing to replace, which is most texts; five substring tests (a fast
# scan each) say so in microseconds.
_TO_STRIP = tuple(map(chr, _STRIP))
_CONTROL_SHARE = 0.05
_UTF16_NUL_SHARE = 0.3
# Fewer bytes than this say nothing about UTF-16 ("\x00U\xcc\x80" is not 2 characters).
_UTF16_MIN_BYTES = 32
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
    re.I | re.S,
)
_MARKDOWN_HINT = re.compile(r"^(?:#{1,6}[ \t]+\S|\*\*[^*\n]+\*\*[ \t]*$)", re.M)


class DecodeError(ValueError):
    """The file is not a readable notice; the message says why, in one line."""


@dataclass(frozen=True)
class Decoded:
    text: str  # NFC, "\n" line endings, no BOM/NUL/zero-width; hard breaks kept
    encoding: str  # how the bytes were read: utf-8, utf-8-sig, utf-16-le, cp1258, tcvn3, ...
    converted_from: str | None  # legacy glyph encoding converted from, if any
    fmt: str  # "text" | "markdown" | "html" (PDF and Word give "text")


def unsupported(filename: str) -> str | None:
    """The one-line refusal for a file name whose format is never read, else None."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in SUPPORTED_SUFFIXES:
        return None
    if suffix in _LEGACY_WORD:
        return f"legacy word-processor format {suffix} cannot be read; {_LEGACY_FIX}"
    return f"unsupported format {suffix or '(no suffix)'}; {_HOW_TO_FIX}"


def read_notice(path: Path) -> Decoded:
    """Read and decode one notice file; unsupported formats are refused."""
    refusal = unsupported(path.name)
    if refusal:
        raise DecodeError(refusal)
    return decode_bytes(path.read_bytes(), path.name)


def decode_bytes(data: bytes, filename: str = "") -> Decoded:
    """Decode a notice's bytes; ``filename`` supplies the suffix that sets the format."""
    suffix = PurePath(filename).suffix.lower() if filename else ""
    if suffix in _LEGACY_WORD:
        raise DecodeError(unsupported(filename) or "")
    if suffix in _DOCUMENT_SUFFIXES:
        raise DecodeError(f"unsupported format {suffix}; {_HOW_TO_FIX}")
    if not data.strip():
        raise DecodeError("empty file")
    declared = SUPPORTED_SUFFIXES.get(suffix)
    if declared in ("pdf", "docx"):
        return _finish(_document_text(data, declared), declared, None, "text")
    maybe_html = declared == "html" or (
        declared != "markdown" and data.lstrip()[:1] in (b"<", b"\xef", b"\xff", b"\xfe")
    )

    raw, encoding, stand_in = _decode(data, maybe_html)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    _refuse_binary_text(raw)

    fmt = declared or "text"
    if declared == "html" or (declared != "markdown" and _HTML_START.match(raw)):
        fmt = "html"
        raw = html_to_text(raw)
    return _finish(raw, encoding, stand_in, fmt)


def _document_text(data: bytes, kind: str) -> str:
    """The text of a PDF or .docx, checked by its magic number first."""
    if kind == "pdf":
        if b"%PDF-" not in data[:1024]:
            raise DecodeError("not a PDF (no %PDF- header); " + _HOW_TO_FIX)
        try:
            text = pdf_text(data)
        except PdfTextError as exc:
            raise DecodeError(str(exc)) from None
    else:
        if data.startswith(_OLE_MAGIC):
            raise DecodeError(f"encrypted or legacy Word file, not .docx; {_LEGACY_FIX}")
        if not data.startswith(b"PK"):
            raise DecodeError("not a Word .docx file (not a ZIP package); " + _HOW_TO_FIX)
        try:
            text = docx_text(data)
        except DocxTextError as exc:
            raise DecodeError(str(exc)) from None
    if not text.strip():
        raise DecodeError(f"empty file (no text in the {kind.upper()})")
    _refuse_binary_text(text)
    return text


def _finish(raw: str, encoding: str, stand_in: int | None, fmt: str) -> Decoded:
    """Legacy-font repair, refusals of unreadable text, normalisation."""
    try:
        text, converted_from = legacy.repair(raw, must_convert=stand_in is not None)
    except legacy.LegacyConversionError as exc:
        raise DecodeError(str(exc)) from None
    if converted_from is None and stand_in is not None:
        raise DecodeError(
            f"undecodable bytes at offset {stand_in} (not UTF-8, UTF-16 or Windows-1258)"
        )
    if converted_from is not None and encoding in ("cp1258", "cp1252", "latin-1"):
        encoding = converted_from  # the bytes themselves were legacy-encoded
    elif converted_from is None and encoding == "cp1258":
        _refuse_unreadable_8bit(raw)

    if any(char in text for char in _TO_STRIP):
        text = text.translate(_STRIP)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise DecodeError("empty file")
    if fmt == "text" and encoding not in ("pdf", "docx") and _MARKDOWN_HINT.search(text):
        fmt = "markdown"
    return Decoded(text=text, encoding=encoding, converted_from=converted_from, fmt=fmt)


# ---- byte-level decoding --------------------------------------------------------------


def _decode(data: bytes, maybe_html: bool) -> tuple[str, str, int | None]:
    """Return (text, encoding, offset of the first undecodable byte or None).

    When no code page decodes the bytes, the text is a Latin-1 stand-in that only a legacy
    conversion can save; the offset is then set.
    """
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            codec = "utf-8" if name == "utf-8-sig" else name
            return _strict(data[len(bom) :], codec, name), name, None

    for magic, kind in _MAGIC:
        if data.startswith(magic) and (magic != b"MZ" or b"\x00" in data[:512]):
            raise DecodeError(f"binary file ({kind}), not a notice; {_HOW_TO_FIX}")

    utf16 = _sniff_utf16(data)
    if utf16:
        return _strict(data, utf16, utf16), utf16, None

    if b"\x00" in data:
        raise DecodeError("binary file (NUL bytes), not a notice")
    controls = sum(data.count(bytes([b])) for b in (*range(1, 9), *range(0x0E, 0x20), 0x7F))
    # UTF-8 is judged after decoding, on NFC text: its byte length depends on the normal form.
    if controls > _CONTROL_SHARE * len(data) and not _is_utf8(data):
        raise DecodeError("binary file (control characters), not a notice")

    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass

    if maybe_html:
        declared = _meta_charset(data)
        if declared:
            try:
                return data.decode(declared), declared, None
            except UnicodeDecodeError:
                pass

    try:
        return data.decode("cp1258"), "cp1258", None
    except UnicodeDecodeError as exc:
        return data.decode("latin-1"), "latin-1", exc.start


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _strict(data: bytes, codec: str, label: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"undecodable bytes at offset {exc.start} (invalid {label})") from None


def _sniff_utf16(data: bytes) -> str | None:
    """utf-16-le/-be for BOM-less UTF-16 of mostly-ASCII text (NUL in every other byte)."""
    sample = data[:4096]
    if len(data) % 2 or len(sample) < _UTF16_MIN_BYTES:
        return None
    pairs = len(sample) // 2
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd >= _UTF16_NUL_SHARE * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= _UTF16_NUL_SHARE * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _meta_charset(data: bytes) -> str | None:
    """Python codec name of an HTML ``<meta charset>`` worth trying on non-UTF-8 bytes."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"  # as browsers read them (WHATWG)
    if name.startswith(("utf-8", "utf-16", "utf-32", "utf_")):
        return None  # disagrees with the bytes (not UTF-8) or needs a BOM we did not see
    return name


# ---- refusals -------------------------------------------------------------------------


# Control characters other than the line and page breaks "\t\n\v\f\r", and DEL.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def _refuse_binary_text(text: str) -> None:
    text = unicodedata.normalize("NFC", text)  # the same share for NFD and NFC input
    if "\x00" in text:
        raise DecodeError("binary file (NUL characters), not a notice")
    controls = len(_CONTROL_CHARS.findall(text))
    if controls > _CONTROL_SHARE * len(text):
        raise DecodeError("binary file (control characters), not a notice")


def _refuse_unreadable_8bit(text: str) -> None:
    """Windows-1258 was only the fallback: refuse if what it gave is mostly garbage."""
    q = legacy.quality(text)
    if q.bad >= legacy.MIN_GARBLED_WORDS and q.bad >= q.clean:
        raise DecodeError(
            f"undecodable text: not UTF-8, UTF-16 or Windows-1258 Vietnamese "
            f"({q.bad} garbled words); re-save as UTF-8"
        )
