"""The door: every encoding of a real notice decodes to the same NFC text; bad input is refused."""

from __future__ import annotations

import random
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from thongbao import legacy
from thongbao.decoding import Decoded, DecodeError, decode_bytes, read_notice
from thongbao.htmltext import html_to_text

# The seeds as imported into content/ (byte-identical to ../shared/seeds: tests/test_seeds.py).
SEEDS = Path(__file__).resolve().parents[1] / "content" / "notices"
SEED = SEEDS / "bac-kan/2021/tb-2021-10-11-ket-luan-hoi-nghi-kinh-te-xa-hoi-thang-9.txt"

TONES = "\u0300\u0301\u0303\u0309\u0323"


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.is_file():
        pytest.fail(f"seed not found: {SEED}")
    return SEED.read_text(encoding="utf-8")


# ---- helpers that produce genuine legacy byte strings ----------------------------------


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Windows writes it: precomposed where the code page has the letter,
    else base letter (with its circumflex/breve/horn, precomposed) + combining tone mark."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
        out += (base + tones).encode("cp1258")  # raises if the base is not in cp1258 either
    return bytes(out)


def as_windows_glyphs(data: bytes) -> str:
    """What a Windows program shows for legacy bytes read as cp1252 (holes → C1 controls)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


def viscii_safe(text: str) -> str:
    return text.translate(str.maketrans({"“": '"', "”": '"', "–": "-", "’": "'"}))


ALL_LETTERS = sorted(legacy.VIETNAMESE_LETTERS)


def test_there_are_134_vietnamese_letters():
    assert len(ALL_LETTERS) == 134
    assert all(unicodedata.is_normalized("NFC", c) for c in ALL_LETTERS)


# ---- every form of the seed decodes to the same text -----------------------------------

FORMS = {
    "utf-8": (lambda t: t.encode("utf-8"), "utf-8", None),
    "utf-8-bom": (lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "utf-8-sig", None),
    "utf-16-le-bom": (lambda t: b"\xff\xfe" + t.encode("utf-16-le"), "utf-16-le", None),
    "utf-16-be-bom": (lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16-be", None),
    "utf-16-le-no-bom": (lambda t: t.encode("utf-16-le"), "utf-16-le", None),
    "utf-16-be-no-bom": (lambda t: t.encode("utf-16-be"), "utf-16-be", None),
    "cp1258": (to_cp1258, "cp1258", None),
    "crlf": (lambda t: t.replace("\n", "\r\n").encode("utf-8"), "utf-8", None),
    "cr": (lambda t: t.replace("\n", "\r").encode("utf-8"), "utf-8", None),
    "nfd": (lambda t: unicodedata.normalize("NFD", t).encode("utf-8"), "utf-8", None),
    "nfd-crlf-bom": (
        lambda t: b"\xef\xbb\xbf" + unicodedata.normalize("NFD", t).replace("\n", "\r\n").encode(),
        "utf-8-sig",
        None,
    ),
    "tcvn3": (lambda t: legacy.encode_legacy(t, "tcvn3"), "tcvn3", "tcvn3"),
    "vni": (lambda t: legacy.encode_legacy(t, "vni"), "vni", "vni"),
    "tcvn3-glyphs-in-utf-8": (
        lambda t: as_windows_glyphs(legacy.encode_legacy(t, "tcvn3")).encode("utf-8"),
        "utf-8",
        "tcvn3",
    ),
    "tcvn3-latin-1-glyphs-in-utf-8": (
        lambda t: legacy.encode_legacy(t, "tcvn3").decode("latin-1").encode("utf-8"),
        "utf-8",
        "tcvn3",
    ),
    "vni-glyphs-in-utf-8": (
        lambda t: as_windows_glyphs(legacy.encode_legacy(t, "vni")).encode("utf-8"),
        "utf-8",
        "vni",
    ),
    "vni-glyphs-in-utf-16": (
        lambda t: (
            b"\xff\xfe" + as_windows_glyphs(legacy.encode_legacy(t, "vni")).encode("utf-16-le")
        ),
        "utf-16-le",
        "vni",
    ),
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_form_of_the_seed_decodes_to_the_same_text(form, seed, tmp_path):
    make, encoding, converted_from = FORMS[form]
    path = tmp_path / f"notice-{form}.txt"
    path.write_bytes(make(seed))
    decoded = read_notice(path)
    assert decoded.text == seed
    assert decoded.encoding == encoding
    assert decoded.converted_from == converted_from
    assert decoded.fmt == "markdown"  # a .txt with "## THÔNG BÁO" and **bold** lines


def test_cp1258_helper_makes_genuine_windows_bytes(seed):
    data = to_cp1258(seed)
    assert b"\xec" in data and b"\xf2" in data  # combining acute and dot below
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert unicodedata.normalize("NFC", data.decode("cp1258")) == seed


def test_viscii_bytes(seed):
    text = viscii_safe(seed)
    decoded = decode_bytes(legacy.encode_legacy(text, "viscii"), "notice.txt")
    assert decoded.text == text
    assert (decoded.encoding, decoded.converted_from) == ("viscii", "viscii")


@pytest.mark.parametrize("name", sorted(SEEDS.rglob("*.txt")), ids=lambda p: p.stem[:20])
@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_all_seeds_survive_legacy_round_trip(name, encoding):
    text = name.read_text(encoding="utf-8")
    # keep only what the legacy code pages can hold
    text = "".join(c for c in text if c.isascii() or c in legacy.VIETNAMESE_LETTERS or c in "“”–")
    assert decode_bytes(legacy.encode_legacy(text, encoding), name.name).text == text
    glyphs = as_windows_glyphs(legacy.encode_legacy(text, encoding)).encode("utf-8")
    assert decode_bytes(glyphs, name.name).text == text


# ---- tables ----------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viscii"])
def test_all_134_letters_round_trip(encoding):
    for letter in ALL_LETTERS:
        word = f"n{letter}ng" if letter.islower() else f"N{letter}NG"
        data = legacy.encode_legacy(f"{word} {word.title()}", encoding)
        assert legacy.decode_legacy(data, encoding) == f"{word} {word.title()}", (letter, data)
        data = legacy.encode_legacy(letter, encoding)
        if (
            encoding == "tcvn3"
            and data[0] in range(0x85, 0x98)
            and data[0] not in range(0x86, 0x91)
        ):
            # VN1 capitals in the slots of Windows punctuation need a capital before them
            assert legacy.decode_legacy(data, encoding) == data.decode("cp1252")
        else:
            assert legacy.decode_legacy(data, encoding) == letter, (letter, data)


def test_tables_match_the_published_examples():
    sample = "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert as_windows_glyphs(legacy.encode_legacy(sample, "tcvn3")) == (
        "Céng hoµ x· héi chñ nghÜa ViÖt Nam"
    )
    assert as_windows_glyphs(legacy.encode_legacy("Cộng hòa", "vni")) == "Coäng hoøa"


@pytest.mark.parametrize(
    ("encoding", "iconv_name"), [("tcvn3", "TCVN5712-1"), ("viscii", "VISCII")]
)
def test_tables_agree_with_glibc_iconv(encoding, iconv_name):
    if shutil.which("iconv") is None:
        pytest.skip("iconv not installed")
    table = legacy.TCVN3_TABLE if encoding == "tcvn3" else legacy.VISCII_TABLE
    data = bytes(sorted(table))
    result = subprocess.run(
        ["iconv", "-f", iconv_name, "-t", "UTF-8"],
        input=b"\n".join(bytes([b]) for b in data),
        capture_output=True,
        check=False,
    )
    if result.returncode:
        pytest.skip(f"iconv lacks {iconv_name}")
    chars = result.stdout.decode("utf-8").split("\n")
    assert dict(zip(data, chars, strict=True)) == table


def test_vn3_capitals_typed_with_lowercase_codes():
    # .VnTime has no toned capitals: typists used the lowercase codes in capital words
    heading = "CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM"
    assert legacy.decode_legacy(heading.encode("cp1252"), "tcvn3") == (
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )
    assert legacy.decode_legacy("Sè: 12/TB-UBND".encode("cp1252"), "tcvn3") == "Số: 12/TB-UBND"
    assert legacy.decode_legacy("Hµ NéI".encode("cp1252"), "tcvn3") == "HÀ NỘI"


def test_tcvn3_quotes_and_dashes_stay_punctuation():
    text = "Kết luận “THÔNG BÁO” – CỘNG HOÀ, ‘TỊCH’ và “Hà Nội”"
    assert legacy.decode_legacy(legacy.encode_legacy(text, "tcvn3"), "tcvn3") == text


# ---- detection is conservative ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ủy ban nhân dân tỉnh Bắc Kạn thông báo kết luận của Chủ tịch UBND tỉnh.\n",
        "The People's Committee held an online conference on 6 October 2021.\n",
        "Die Größe der Städte wächst. Über die Frage, ob die Bürger für öffentliche "
        "Verkehrsmittel zahlen müssen, wird diskutiert. Außerdem läuft die Förderung aus. "
        "Köln, Düsseldorf und München prüfen ähnliche Maßnahmen für Fußgänger.\n",
        "HĐND, LĐTBXH, NĐ-CP, QĐ-TTg, GD&ĐT, KH&ĐT, m², 25°C, € và ₫ trong văn bản.\n",
    ],
)
def test_ordinary_text_is_not_taken_for_legacy(text):
    decoded = decode_bytes(text.encode("utf-8"), "a.txt")
    assert decoded.text == text
    assert decoded.converted_from is None


def test_short_legacy_fragment_is_left_alone():
    fragment = "Céng hoµ x· héi chñ nghÜa ViÖt Nam\n"
    decoded = decode_bytes(fragment.encode("utf-8"), "a.txt")
    assert decoded.text == fragment
    assert decoded.converted_from is None


def test_ordinary_vietnamese_in_cp1258_is_not_legacy(seed):
    line = seed.split("\n\n")[3] + "\n"
    decoded = decode_bytes(to_cp1258(line), "a.txt")
    assert (decoded.text, decoded.encoding, decoded.converted_from) == (line, "cp1258", None)


def test_mixed_unicode_title_and_tcvn3_body(seed):
    body = seed.split("\n", 10)[-1]
    title = "Thông báo kết luận — bản gõ lại: Ủy ban nhân dân tỉnh Bắc Kạn\n"
    garbled = as_windows_glyphs(legacy.encode_legacy(body, "tcvn3"))
    decoded = decode_bytes((title + garbled).encode("utf-8"), "a.md")
    assert decoded.text == title + body
    assert decoded.converted_from == "tcvn3"


def test_legacy_that_no_table_fixes_is_refused(seed):
    garbled = as_windows_glyphs(legacy.encode_legacy(seed, "tcvn3")).split(" ")
    spoiled = " ".join(w + "ж" if i % 4 == 0 else w for i, w in enumerate(garbled))
    with pytest.raises(DecodeError, match="legacy TCVN3 encoding detected but conversion failed"):
        decode_bytes(spoiled.encode("utf-8"), "a.txt")


# ---- normalisation ---------------------------------------------------------------------


def test_normalisation_at_the_door():
    raw = "\ufeffTiêu\u200b đề\u00ad\r\nA\u00a0B  \r\nC\ufeff\r\n"
    decoded = decode_bytes(unicodedata.normalize("NFD", raw).encode("utf-8"), "a.md")
    assert decoded.text == "Tiêu đề\nA B  \nC\n"  # hard break "  \n" kept
    assert unicodedata.is_normalized("NFC", decoded.text)
    assert decoded.encoding == "utf-8-sig"


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("a.txt", "Một dòng văn bản.\n", "text"),
        ("a.txt", "## THÔNG BÁO\n\nNội dung.\n", "markdown"),
        ("a.md", "Một dòng văn bản.\n", "markdown"),
        ("a.html", "<p>Một <b>đoạn</b></p>", "html"),
        ("a.htm", "<p>Một đoạn</p>", "html"),
        ("a.txt", "<!DOCTYPE html><html><body><p>Một đoạn</p></body></html>", "html"),
        ("", "Một dòng văn bản.\n", "text"),
    ],
)
def test_format(name, content, fmt):
    assert decode_bytes(content.encode("utf-8"), name).fmt == fmt


def test_decoded_is_frozen():
    decoded = decode_bytes(b"abc\n", "a.txt")
    assert isinstance(decoded, Decoded)
    with pytest.raises(AttributeError):
        decoded.text = "x"  # type: ignore[misc]


# ---- refusals --------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"  \r\n\t\n", "\ufeff\u200b\n".encode(), b"\xef\xbb\xbf"])
def test_empty_file_is_refused(data):
    with pytest.raises(DecodeError, match=r"^empty file$"):
        decode_bytes(data, "a.txt")


def test_png_is_refused(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
    with pytest.raises(DecodeError, match="binary file"):
        decode_bytes(png, "scan.txt")
    path = tmp_path / "scan.png"
    path.write_bytes(png)
    with pytest.raises(DecodeError, match=r"unsupported format \.png"):
        read_notice(path)


def test_truncated_pdf_is_refused_in_one_line(tmp_path):
    path = tmp_path / "notice.pdf"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    with pytest.raises(DecodeError) as info:
        read_notice(path)
    assert str(info.value).startswith("broken PDF (") and "\n" not in str(info.value)
    # A PDF under a text suffix is still binary, not text.
    with pytest.raises(DecodeError, match=r"binary file \(PDF document\)"):
        decode_bytes(path.read_bytes(), "notice.txt")


def test_unsupported_suffixes(tmp_path):
    cases = {
        "a.jpg": "unsupported format .jpg",
        "a": "unsupported format (no suffix)",
        "a.doc": "legacy word-processor format .doc cannot be read; save it as .docx or PDF",
        "a.docx": "not a Word .docx file (not a ZIP package)",
        "a.pdf": "not a PDF (no %PDF- header)",
    }
    for name, message in cases.items():
        path = tmp_path / name
        path.write_bytes(b"text")
        with pytest.raises(DecodeError) as info:
            read_notice(path)
        assert str(info.value).startswith(message), name


def test_random_bytes_are_refused():
    rng = random.Random(1258)
    data = rng.randbytes(4096)
    with pytest.raises(DecodeError, match="binary file"):
        decode_bytes(data, "a.txt")
    without_nul = data.replace(b"\x00", b"")
    with pytest.raises(DecodeError, match="binary file"):
        decode_bytes(without_nul, "a.txt")
    high = bytes(rng.randrange(0x80, 0x100) for _ in range(2000))
    with pytest.raises(DecodeError, match="undecodable"):
        decode_bytes(high, "a.txt")


def test_nul_in_utf8_text_is_binary():
    with pytest.raises(DecodeError, match="binary file"):
        decode_bytes("Thông báo\x00\x00 số 1".encode(), "a.txt")


def test_other_8bit_encodings_are_refused():
    russian = "Уважаемые коллеги, сообщаем о проведении совещания в понедельник. " * 3
    with pytest.raises(DecodeError, match="undecodable"):
        decode_bytes(russian.encode("cp1251"), "a.txt")


def test_error_messages_are_one_line():
    for data, name in [(b"", "a.txt"), (b"\x00\x01", "a.txt"), (b"x", "a.pdf")]:
        with pytest.raises(DecodeError) as info:
            decode_bytes(data, name)
        assert "\n" not in str(info.value)


# ---- HTML ------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html><head><meta charset="windows-1258"><title>Cổng thông tin</title>
<style>p { color: red }</style><script>alert(1)</script></head>
<body><header><nav><a href="/">Trang chủ</a> | <a href="/tin">Tin tức</a></nav></header>
<article>
<table><tr><td><p>ỦY BAN NHÂN DÂN<br>TỈNH BẮC KẠN</p><p>Số: 3413/UBND-TH</p></td>
<td><b>CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>Độc lập - Tự do - Hạnh phúc<br>
<i>Bắc Kạn, ngày 11 tháng 10 năm 2021</i></td></tr></table>
<h2>THÔNG BÁO</h2>
<p>Kết luận của <strong>Chủ tịch UBND tỉnh </strong>ngày&nbsp;&nbsp;06/10/2021 &amp; các
   nội dung <script>alert(1)</script>liên quan.</p>
<ol><li>Sở Tài chính<li>Sở Y tế</ol>
<p style="display:none">ẩn</p>
<p><b>TL. CHỦ TỊCH<br>CHÁNH VĂN PHÒNG</b></p>
</article>
<footer>Bản quyền 2021</footer></body></html>
"""

HTML_TEXT = """ỦY BAN NHÂN DÂN  
TỈNH BẮC KẠN

Số: 3413/UBND-TH

**CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM**  
Độc lập - Tự do - Hạnh phúc  
*Bắc Kạn, ngày 11 tháng 10 năm 2021*

## THÔNG BÁO

Kết luận của **Chủ tịch UBND tỉnh** ngày  06/10/2021 & các nội dung liên quan.

1. Sở Tài chính
2. Sở Y tế

**TL. CHỦ TỊCH  
CHÁNH VĂN PHÒNG**
"""  # noqa: W291 — the trailing double spaces are Markdown hard breaks


def test_html_to_text():
    assert html_to_text(HTML) == HTML_TEXT


@pytest.mark.parametrize("encoding", ["utf-8", "cp1258", "utf-16"])
def test_html_file_decodes(encoding, tmp_path):
    data = to_cp1258(HTML) if encoding == "cp1258" else HTML.encode(encoding)
    path = tmp_path / "notice.html"
    path.write_bytes(data)
    decoded = read_notice(path)
    assert decoded.text == HTML_TEXT
    assert decoded.fmt == "html"
    assert "<" not in decoded.text and "alert" not in decoded.text


def test_html_meta_charset_is_honoured():
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">'
    html += "<body><p>Zażółć gęślą jaźń</p></body></html>"
    decoded = decode_bytes(html.encode("iso-8859-2"), "a.html")
    assert decoded.text == "Zażółć gęślą jaźń\n"
    assert decoded.encoding == "iso8859-2"


def test_html_with_tcvn3_glyphs():
    body = "Céng hoµ x· héi chñ nghÜa ViÖt Nam. §éc lËp - Tù do - H¹nh phóc. " * 2
    html = f"<html><body><p><font face='.VnTime'>{body}</font></p></body></html>"
    decoded = decode_bytes(html.encode("cp1252"), "a.htm")
    expected = "Cộng hoà xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. " * 2
    assert decoded.text == expected.strip() + "\n"
    assert (decoded.encoding, decoded.converted_from) == ("tcvn3", "tcvn3")


def test_script_text_in_txt_is_just_text():
    text = "Nội dung <script>alert(1)</script> giữ nguyên.\n"
    assert decode_bytes(text.encode(), "a.txt").text == text


def test_html_never_carries_tags():
    html = (
        "<div onclick='x()'><p>A<img src=x onerror=alert(1)>B</p><iframe src='//e'>in</iframe>"
        "<svg><script>alert(2)</script></svg><style>b{}</style><noscript><p>ns</p></noscript>"
        "<form><button>Gửi</button><select><option>1</option></select></form>"
        "<ul><li>một<li>hai</ul><!-- bình luận --><p>C</p></div>"
    )
    assert html_to_text(html) == "AB\n\n- một\n- hai\n\nC\n"
