"""Legacy 8-bit Vietnamese encodings (TCVN3/ABC, VNI-Windows, VISCII) → Unicode.

Before Unicode, Vietnamese text was typed in 8-bit font encodings. Such text reaches us in
two shapes:

* as raw bytes (a ``.txt`` saved from a ``.VnTime`` or ``VNI-Times`` document), which the
  door first reads as Windows-1258 (or Latin-1 when even that fails);
* as Unicode text holding the *glyphs* of those bytes — ``Céng hoµ x· héi chñ nghÜa ViÖt
  Nam`` (TCVN3) or ``Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam`` (VNI) — because someone
  read the bytes as Windows-1252/1258 or Latin-1 and saved the result as UTF-8.

Both shapes are handled the same way: each character is mapped back to the byte it came
from (its *surface* byte), the byte string is decoded with a legacy table, and the result
is judged by how Vietnamese it reads. Nothing is converted unless the text reads clearly
worse as it is than converted (see :func:`repair`); short fragments and ordinary text are
left alone.

Tables (all verified by round trip in ``tests/test_decoding.py``):

* TCVN3 — the lowercase letters and ``Ă Â Ê Ô Ơ Ư Đ`` of TCVN 5712:1993 VN3 (the ABC
  ``.VnTime`` fonts), plus the uppercase toned letters of the full VN1 table. VN3 itself
  has no uppercase toned letters (``.VnTimeH`` fonts draw lowercase codes as capitals), so
  a word whose other letters are capitals gets its toned letters capitalised too
  (``CHñ TÞCH`` → CHỦ TỊCH); a capital that starts a lowercase word (Ủy) is lost.
  VN1 puts some capitals where Windows fonts keep curly quotes and dashes (0x85, 0x91–0x97);
  those bytes are read as letters only inside an upper-case word.
* VNI-Windows — base letter followed by a mark byte (``a`` + ``ù`` → á, ``o`` + ``ä`` → ộ),
  with đ ơ ư and the i/ỵ family as single bytes.
* VISCII — RFC 1456, one byte per letter (six capitals in C0 control slots).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "LABELS",
    "LegacyConversionError",
    "Quality",
    "decode_legacy",
    "encode_legacy",
    "quality",
    "repair",
]

# A line of "units": an int is a byte of legacy text, a str is a character that has no
# surface byte (e.g. a genuine Unicode letter in a mixed document) and passes through.
Unit = int | str

LABELS = {"tcvn3": "TCVN3", "vni": "VNI", "viscii": "VISCII"}


class LegacyConversionError(ValueError):
    """Text looks like legacy 8-bit Vietnamese but no table converts it cleanly."""

    def __init__(self, encoding: str, garbled_words: int) -> None:
        self.encoding = encoding
        self.garbled_words = garbled_words
        label = LABELS.get(encoding, encoding)
        super().__init__(
            f"legacy {label} encoding detected but conversion failed "
            f"({garbled_words} words still garbled)"
        )


# --------------------------------------------------------------------------------------
# Vietnamese letters
# --------------------------------------------------------------------------------------

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
_VOWEL_BASES = "aăâeêioôơuưy"
_SPECIAL_BASES = set("ăâêôơư")


def _vietnamese_letters() -> frozenset[str]:
    """The 134 non-ASCII Vietnamese letters (NFC), both cases."""
    letters = set()
    for base in _VOWEL_BASES:
        for tone in ("", *sorted(_TONES)):
            letters.add(unicodedata.normalize("NFC", base + tone))
    letters.add("đ")
    letters = {c for c in letters if not c.isascii()}
    return frozenset(letters | {c.upper() for c in letters})


VIETNAMESE_LETTERS = _vietnamese_letters()
assert len(VIETNAMESE_LETTERS) == 134


def _has_tone(char: str) -> bool:
    return any(m in _TONES for m in unicodedata.normalize("NFD", char)[1:])


_TONED = frozenset(c for c in VIETNAMESE_LETTERS if _has_tone(c))

# --------------------------------------------------------------------------------------
# Surface maps: character → the byte it shows when legacy bytes are read as an 8-bit
# Windows code page (or Latin-1).
# --------------------------------------------------------------------------------------


def _cp_char(codepage: str, byte: int) -> str | None:
    try:
        return bytes([byte]).decode(codepage)
    except UnicodeDecodeError:
        return None


def _surface_latin() -> dict[str, int]:
    surface = {chr(b): b for b in range(256)}  # Latin-1 (and C1 controls for holes)
    for b in range(0x80, 0xA0):
        char = _cp_char("cp1252", b)
        if char is not None:
            surface.setdefault(char, b)
    return surface


def _surface_cp1258() -> dict[str, int]:
    surface = _surface_latin()
    for b in range(0x80, 0x100):
        char = _cp_char("cp1258", b)
        if char is not None:
            surface.setdefault(char, b)
    return surface


SURFACE_LATIN = _surface_latin()  # cp1252 + Latin-1: Vietnamese-only letters pass through
SURFACE_CP1258 = _surface_cp1258()  # adds ă ơ ư đ ₫ and cp1258's combining tone marks


def _cp1252_char(byte: int) -> str:
    """How a Windows font shows a byte no legacy table claims (punctuation mostly)."""
    return _cp_char("cp1252", byte) or chr(byte)


# --------------------------------------------------------------------------------------
# TCVN3 (ABC) — TCVN 5712:1993 VN3 lowercase + VN1 capitals
# --------------------------------------------------------------------------------------

# Each row: base letter, then the bytes of its grave, hook, tilde, acute, dot-below forms.
_TCVN3_ROWS_LOWER = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TCVN3_ROWS_UPPER = {  # VN1 only
    "A": (0x80, 0x81, 0x82, 0x83, 0x84),
    "Ă": (0xAF, 0xBA, 0xBF, 0xC0, 0x85),
    "Â": (0xC1, 0xC2, 0xC3, 0xC4, 0x86),
    "E": (0x87, 0x88, 0x89, 0x8A, 0x8B),
    "Ê": (0xC5, 0xCD, 0xD9, 0xDA, 0x8C),
    "I": (0x8D, 0x8E, 0x8F, 0x90, 0x91),
    "O": (0x92, 0x93, 0x94, 0x95, 0x96),
    "Ô": (0xDB, 0xE0, 0xF0, 0xFF, 0x97),
    "Ơ": (0x98, 0x99, 0x9A, 0x9B, 0x9C),
    "U": (0x9D, 0x9E, 0x9F, 0x01, 0x02),
    "Ư": (0x04, 0x05, 0x06, 0x11, 0x12),
    "Y": (0x13, 0x14, 0x15, 0x16, 0x17),
}
_TONE_ORDER = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # grave hook tilde acute dot
_TCVN3_BASES = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
}  # fmt: skip
_TCVN3_COMBINING = {0xB0: "\u0300", 0xB1: "\u0309", 0xB2: "\u0303", 0xB3: "\u0301", 0xB4: "\u0323"}


def _toned_rows(rows: dict[str, tuple[int, ...]]) -> dict[int, str]:
    table = {}
    for base, codes in rows.items():
        for code, tone in zip(codes, _TONE_ORDER, strict=True):
            table[code] = unicodedata.normalize("NFC", base + tone)
    return table


_TCVN3_LOWER = _toned_rows(_TCVN3_ROWS_LOWER)
_TCVN3_UPPER = _toned_rows(_TCVN3_ROWS_UPPER)
TCVN3_TABLE: dict[int, str] = {**_TCVN3_LOWER, **_TCVN3_UPPER, **_TCVN3_BASES, **_TCVN3_COMBINING}
assert len(_TCVN3_LOWER) == len(_TCVN3_UPPER) == 60
assert len(TCVN3_TABLE) == 60 + 60 + 14 + 5  # no byte claimed twice

# VN1 capitals that sit where Windows fonts keep punctuation (… ‘ ’ “ ” • – —). Real
# TCVN3 (VN3) documents use these bytes as punctuation, so they are letters only inside
# an upper-case word.
_TCVN3_PUNCT_CLASH = frozenset({0x85, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97})
_CLOSERS = {0x92: 0x91, 0x94: 0x93}  # closing quote → its opening quote


def _unit_char(unit: Unit) -> str:
    return unit if isinstance(unit, str) else chr(unit)


def _decode_tcvn3(units: Sequence[Unit]) -> str:
    # kinds: "U" known upper, "L" known lower, "A" case-ambiguous (VN3 toned), "" other
    out: list[str] = []
    kinds: list[str] = []
    open_quotes = {0x91: 0, 0x93: 0}
    for i, unit in enumerate(units):
        if isinstance(unit, str):
            char = unit
            kind = "U" if char.isupper() else "L" if char.islower() else ""
        elif unit in _TCVN3_PUNCT_CLASH:
            prev_upper = bool(kinds) and kinds[-1] == "U"
            nxt = _unit_char(units[i + 1]) if i + 1 < len(units) else ""
            as_letter = prev_upper
            if unit == 0x85 and not nxt.isalpha():
                as_letter = False  # Ặ is never word-final; … is
            if unit in _CLOSERS and open_quotes[_CLOSERS[unit]] > 0 and not nxt.isalpha():
                as_letter = False  # “THÔNG BÁO” — a closing quote after capitals
            if as_letter:
                char, kind = TCVN3_TABLE[unit], "U"
            else:
                char, kind = _cp1252_char(unit), ""
                if unit in open_quotes:
                    open_quotes[unit] += 1
                elif unit in _CLOSERS:
                    open_quotes[_CLOSERS[unit]] = max(0, open_quotes[_CLOSERS[unit]] - 1)
        elif unit < 0x80 and unit not in _TCVN3_UPPER:
            char = chr(unit)
            kind = "U" if char.isupper() else "L" if char.islower() else ""
        elif unit in _TCVN3_LOWER:
            char, kind = _TCVN3_LOWER[unit], "A"
        elif unit in TCVN3_TABLE:
            char = TCVN3_TABLE[unit]
            kind = "U" if char.isupper() else "L" if char.islower() else ""
        else:
            char, kind = _cp1252_char(unit), ""
        out.append(char)
        kinds.append(kind)
    if "A" in kinds:
        _capitalise_vn3(out, kinds)
    return "".join(out)


def _capitalise_vn3(out: list[str], kinds: list[str]) -> None:
    """VN3 has no toned capitals: ``CHñ TÞCH`` is CHỦ TỊCH. Capitalise the toned letters
    of a word whose other letters are capitals — two or more of them (``Sè`` stays Số),
    or one when the line is all capitals and holds such a word (``Hµ NéI`` → HÀ NỘI)."""
    words: list[tuple[int, int]] = []
    start = None
    for i, kind in enumerate([*kinds, ""]):
        if kind and start is None:
            start = i
        elif not kind and start is not None:
            words.append((start, i))
            start = None
    line_caps = "L" not in kinds
    counted = [
        (s, e, kinds[s:e].count("U"), "L" in kinds[s:e], "A" in kinds[s:e]) for s, e in words
    ]
    clear = any(u >= 2 and not lower and amb for _, _, u, lower, amb in counted)
    for s, e, uppers, lower, amb in counted:
        if amb and not lower and (uppers >= 2 or (uppers == 1 and line_caps and clear)):
            for i in range(s, e):
                if kinds[i] == "A":
                    out[i] = out[i].upper()


def _encode_tcvn3(text: str) -> bytes:
    reverse = {char: code for code, char in TCVN3_TABLE.items() if code not in _TCVN3_COMBINING}
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        if char.isascii():
            out.append(ord(char))
        elif char in reverse:
            out.append(reverse[char])
        else:
            out += char.encode("cp1252")  # “ ” – … stay Windows punctuation
    return bytes(out)


# --------------------------------------------------------------------------------------
# VNI-Windows
# --------------------------------------------------------------------------------------

_CIRC, _BREVE = "\u0302", "\u0306"
_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"

# Mark bytes (lowercase form; the uppercase form is 0x20 lower): (modifier, tone).
_VNI_MARKS_LOWER = {
    0xF9: ("", _ACUTE), 0xF8: ("", _GRAVE), 0xFB: ("", _HOOK), 0xF5: ("", _TILDE),
    0xEF: ("", _DOT),
    0xE2: (_CIRC, ""), 0xE1: (_CIRC, _ACUTE), 0xE0: (_CIRC, _GRAVE), 0xE5: (_CIRC, _HOOK),
    0xE3: (_CIRC, _TILDE), 0xE4: (_CIRC, _DOT),
    0xEA: (_BREVE, ""), 0xE9: (_BREVE, _ACUTE), 0xE8: (_BREVE, _GRAVE), 0xFA: (_BREVE, _HOOK),
    0xFC: (_BREVE, _TILDE), 0xEB: (_BREVE, _DOT),
}  # fmt: skip
VNI_MARKS: dict[int, tuple[str, str]] = {
    **_VNI_MARKS_LOWER,
    **{code - 0x20: mark for code, mark in _VNI_MARKS_LOWER.items()},
}
# Letters stored as one byte (lowercase; uppercase is 0x20 lower).
_VNI_LETTERS_LOWER = {
    0xF1: "đ", 0xF4: "ơ", 0xF6: "ư",
    0xEC: "ì", 0xED: "í", 0xE6: "ỉ", 0xF3: "ĩ", 0xF2: "ị", 0xEE: "ỵ",
}  # fmt: skip
VNI_LETTERS: dict[int, str] = {
    **_VNI_LETTERS_LOWER,
    **{code - 0x20: char.upper() for code, char in _VNI_LETTERS_LOWER.items()},
}
assert not set(VNI_MARKS) & set(VNI_LETTERS)


def _vni_combine(prev: str, modifier: str, tone: str) -> str | None:
    """``prev`` with a VNI mark applied, or None when the mark does not fit it."""
    if len(prev) != 1:
        return None
    parts = unicodedata.normalize("NFD", prev)
    base, marks = parts[0], parts[1:]
    if base.lower() not in "aeiouy" or any(m in _TONES for m in marks):
        return None
    if modifier:
        if marks or (modifier == _CIRC and base.lower() not in "aeo"):
            return None
        if modifier == _BREVE and base.lower() != "a":
            return None
    return unicodedata.normalize("NFC", base + marks + modifier + tone)


def _decode_vni(units: Sequence[Unit]) -> str:
    out: list[str] = []
    for unit in units:
        if isinstance(unit, str):
            out.append(unit)
        elif unit < 0x80:
            out.append(chr(unit))
        elif unit in VNI_LETTERS:
            out.append(VNI_LETTERS[unit])
        elif unit in VNI_MARKS:
            combined = _vni_combine(out[-1], *VNI_MARKS[unit]) if out else None
            if combined is None:
                out.append(_cp1252_char(unit))
            else:
                out[-1] = combined
        else:
            out.append(_cp1252_char(unit))
    return "".join(out)


def _encode_vni(text: str) -> bytes:
    letters = {char: code for code, char in VNI_LETTERS.items()}
    marks = {mark: code for code, mark in _VNI_MARKS_LOWER.items()}
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        if char.isascii():
            out.append(ord(char))
            continue
        if char in letters:
            out.append(letters[char])
            continue
        parts = unicodedata.normalize("NFD", char)
        base, rest = parts[0], parts[1:]
        tone = "".join(m for m in rest if m in _TONES)
        modifier = "".join(m for m in rest if m not in _TONES)
        if modifier == "\u031b":  # horn: ơ ư are single bytes, then the tone mark
            horn = unicodedata.normalize("NFC", base + modifier)
            out.append(letters[horn])
            modifier = ""
        elif base.isascii() and base.isalpha() and rest:
            out.append(ord(base))
        else:
            out += char.encode("cp1252")
            continue
        if modifier or tone:
            code = marks[(modifier, tone)]
            out.append(code - 0x20 if char.isupper() else code)
    return bytes(out)


# --------------------------------------------------------------------------------------
# VISCII (RFC 1456)
# --------------------------------------------------------------------------------------

_VISCII_HIGH = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯ"
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳĐứÒÓÔạỷừửÙÚỹỵÝỡưàáâãảăữẫèéêẻìíĩỉđựòóôõỏọụùúũủýợỮ"
)
VISCII_TABLE: dict[int, str] = {
    0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ",
    **{0x80 + i: char for i, char in enumerate(_VISCII_HIGH)},
}  # fmt: skip
assert len(_VISCII_HIGH) == 128
assert set(VISCII_TABLE.values()) == VIETNAMESE_LETTERS


def _decode_viscii(units: Sequence[Unit]) -> str:
    return "".join(
        unit if isinstance(unit, str) else VISCII_TABLE.get(unit, chr(unit)) for unit in units
    )


def _encode_viscii(text: str) -> bytes:
    reverse = {char: code for code, char in VISCII_TABLE.items()}
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        if char in reverse:
            out.append(reverse[char])
        elif char.isascii():
            out.append(ord(char))
        else:
            raise UnicodeEncodeError("viscii", char, 0, 1, "not in VISCII")
    return bytes(out)


# --------------------------------------------------------------------------------------
# Public conversion helpers
# --------------------------------------------------------------------------------------

_DECODERS: dict[str, Callable[[Sequence[Unit]], str]] = {
    "tcvn3": _decode_tcvn3,
    "vni": _decode_vni,
    "viscii": _decode_viscii,
}
_ENCODERS: dict[str, Callable[[str], bytes]] = {
    "tcvn3": _encode_tcvn3,
    "vni": _encode_vni,
    "viscii": _encode_viscii,
}


def decode_legacy(data: bytes, encoding: str) -> str:
    """Decode legacy bytes (``tcvn3``, ``vni`` or ``viscii``) to NFC Unicode, line by line."""
    decoder = _DECODERS[encoding]
    lines = data.split(b"\n")
    return unicodedata.normalize("NFC", "\n".join(decoder(list(line)) for line in lines))


def encode_legacy(text: str, encoding: str) -> bytes:
    """Unicode → legacy bytes, as the old fonts' keyboards produced them (for tests/tools).

    TCVN3 uses the VN1 slots for toned capitals and Windows-1252 bytes for punctuation;
    raises ``UnicodeEncodeError`` for characters the encoding cannot hold.
    """
    return _ENCODERS[encoding](text)


# --------------------------------------------------------------------------------------
# Judging text: how Vietnamese does it read?
# --------------------------------------------------------------------------------------

_EDGE_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’–—…•"
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
    r"[aăâeêioôơuưy]{1,3}"
    r"(?:ch|ng|nh|[cmnptk])?"
)
_ALIEN = set("fjwz")


@dataclass(frozen=True)
class Quality:
    """Words that read as garbled (``bad``) and as clean Vietnamese with diacritics."""

    bad: int = 0
    clean: int = 0

    def __add__(self, other: Quality) -> Quality:
        return Quality(self.bad + other.bad, self.clean + other.clean)

    @property
    def score(self) -> int:
        return self.clean - 3 * self.bad


def _strip_tones(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))


def _bad_char(char: str) -> bool:
    if char.isascii() or char in VIETNAMESE_LETTERS:
        return (ord(char) < 0x20 and char not in "\t\n\r\f\v") or char == "\x7f"
    if "\u0080" <= char <= "\u00ff":
        return True  # Latin-1 letters and symbols that are not Vietnamese: µ « × ñ ö ...
    category = unicodedata.category(char)
    if category in ("Mn", "Mc", "Me", "Cc", "Cf", "Co", "Cn", "Cs"):
        return True  # stray combining marks, controls, private use
    # Letters of other alphabets/Latin extensions are garbage in a Vietnamese token;
    # punctuation and symbols beyond Latin-1 (“ ” – … ₫ € №) are not.
    return category.startswith("L")


@lru_cache(maxsize=1 << 16)
def _word_quality(word: str) -> Quality:
    word = word.strip(_EDGE_PUNCT)
    if not word or word.isascii():
        return Quality()
    if any(_bad_char(c) for c in word):
        return Quality(bad=1)
    viet = False
    for run in _LETTER_RUN.findall(word):
        if run.isascii():
            continue
        low = run.lower()
        plain = _strip_tones(low)
        if not any(c in _VOWEL_BASES for c in plain):
            continue  # an abbreviation such as HĐND, LĐTBXH, QĐ
        viet = True
        if (
            sum(c in _TONED for c in run) > 1
            or sum(c in _SPECIAL_BASES for c in plain) > 2
            or _ALIEN & set(low)
            or not _SYLLABLE.fullmatch(plain)
        ):
            return Quality(bad=1)
    return Quality(clean=1) if viet else Quality()


_NEUTRAL, _BAD, _CLEAN = 0, 1, 2


@lru_cache(maxsize=1 << 16)
def _word_code(word: str) -> int:
    """:func:`_word_quality` as one small int, so a text's words are counted with list.count
    (every notice is judged when it is decoded: a Quality added per word was a hot spot)."""
    q = _word_quality(word)
    return _BAD if q.bad else _CLEAN if q.clean else _NEUTRAL


def quality(text: str) -> Quality:
    """Count garbled and clean Vietnamese words in ``text`` (NFC-normalised first)."""
    codes = list(map(_word_code, unicodedata.normalize("NFC", text).split()))
    return Quality(bad=codes.count(_BAD), clean=codes.count(_CLEAN))


# --------------------------------------------------------------------------------------
# Detection and repair
# --------------------------------------------------------------------------------------

MIN_GARBLED_WORDS = 8  # below this, never convert: short fragments are too easy to misread
MIN_GARBLED_SHARE = 0.2  # of the words with diacritics
MAX_GARBLED_AFTER = 0.1  # a conversion must leave at most this share garbled


_PLAIN_ASCII = re.compile(r"[\t\r\x20-\x7e]*")


def _units(line: str, surface: dict[str, int]) -> list[Unit]:
    return [surface.get(char, char) for char in line]


@dataclass(frozen=True)
class _Candidate:
    encoding: str
    lines: list[str]
    quality: Quality


def _candidate(
    encoding: str,
    lines: list[str],
    originals: list[Quality],
    variants: Iterable[tuple[str, dict[str, int]]],
) -> _Candidate | None:
    decoder = _DECODERS[encoding]
    best: _Candidate | None = None
    for mode, surface in variants:
        converted: list[str] = []
        qualities: list[Quality] = []
        genuine: list[bool] = []
        worse = 0
        for line, q_orig in zip(lines, originals, strict=True):
            source = unicodedata.normalize("NFC", line) if mode == "nfc" else line
            # Vietnamese letters no legacy byte shows as: the line was typed in Unicode.
            genuine.append(any(c in VIETNAMESE_LETTERS and c not in surface for c in source))
            if _PLAIN_ASCII.fullmatch(line):
                converted.append(line)
                qualities.append(q_orig)
                continue
            conv = decoder(_units(source, surface))
            q_conv = quality(conv)
            converted.append(conv)
            qualities.append(q_conv)
            if q_conv.score < q_orig.score:
                worse += 1
        chosen: list[str] = []
        total = Quality()
        rows = zip(lines, converted, originals, qualities, genuine, strict=True)
        for line, conv, q_orig, q_conv, typed in rows:
            # Convert a line when it reads better converted; on a tie, only when no line
            # of the document reads worse converted (the document is legacy as a whole)
            # and nothing in the line shows it was typed in Unicode.
            tie = q_conv.score == q_orig.score and not worse and not typed
            if q_conv.score > q_orig.score or tie:
                chosen.append(conv)
                total += q_conv
            else:
                chosen.append(line)
                total += q_orig
        candidate = _Candidate(encoding, chosen, total)
        if best is None or (total.bad, -total.clean) < (best.quality.bad, -best.quality.clean):
            best = candidate
    return best


def repair(text: str, *, must_convert: bool = False) -> tuple[str, str | None]:
    """Detect legacy-glyph text and convert it; returns ``(text, encoding or None)``.

    ``text`` is the text as first decoded (before NFC). Lines are judged one by one, so a
    Unicode title above a TCVN3 body survives. ``must_convert`` is set when the text is a
    Latin-1 stand-in for bytes no real code page decodes: then only a conversion helps.

    Raises :class:`LegacyConversionError` when the text is clearly garbled, a legacy table
    clearly improves it, but not enough to trust the result.
    """
    # The whole text's count equals the sum of its lines' (NFC never joins across "\n"):
    # judged at once, a clean notice (nearly all of them) is never split into lines.
    total = quality(text)
    garbled = total.bad >= MIN_GARBLED_WORDS and total.bad >= MIN_GARBLED_SHARE * (
        total.bad + total.clean
    )
    if not garbled and not must_convert:
        return text, None
    lines = text.split("\n")
    originals = [quality(line) for line in lines]
    variants = (("nfc", SURFACE_LATIN), ("raw", SURFACE_CP1258))
    candidates = [
        c for enc in _DECODERS if (c := _candidate(enc, lines, originals, variants)) is not None
    ]
    candidates.sort(key=lambda c: (c.quality.bad, -c.quality.clean))
    for cand in candidates:
        q = cand.quality
        if (
            (q.bad * 4 <= max(total.bad, 1) or must_convert)
            and q.bad <= MAX_GARBLED_AFTER * (q.bad + q.clean)
            and q.clean >= 3
        ):
            return "\n".join(cand.lines), cand.encoding
    if candidates:
        best = candidates[0].quality
        # "Detected" only when a table turns most of the garbage into real Vietnamese.
        if garbled and best.bad * 2 <= total.bad and best.clean >= max(best.bad, MIN_GARBLED_WORDS):
            raise LegacyConversionError(candidates[0].encoding, best.bad)
    return text, None
