"""The parts of an administrative document (Decree 30/2020/NĐ-CP) or a portal news item.

Header (issuer, ``Số:``, ``V/v``, place and date) → type line (THÔNG BÁO …) → summary line
(*trích yếu*) → body → ``Nơi nhận:`` → signature block. Portal news: headline, time stamp, body,
byline. The parts are found on the blocks of ``layout``; everything here is pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import find_dates, place_and_date, place_and_date_in, portal_stamp
from .layout import Block
from .people import strip_credit

# Type lines, as printed in capitals under the national motto.
DOC_TYPES: dict[str, str] = {
    "THÔNG BÁO": "Thông báo",
    "THÔNG BÁO KẾT LUẬN": "Thông báo",
    "CÔNG VĂN": "Công văn",
    "QUYẾT ĐỊNH": "Quyết định",
    "KẾ HOẠCH": "Kế hoạch",
    "BÁO CÁO": "Báo cáo",
    "CHỈ THỊ": "Chỉ thị",
    "CÔNG ĐIỆN": "Công điện",
    "TỜ TRÌNH": "Tờ trình",
    "NGHỊ QUYẾT": "Nghị quyết",
    "CHƯƠNG TRÌNH": "Chương trình",
    "HƯỚNG DẪN": "Hướng dẫn",
    "GIẤY MỜI": "Giấy mời",
    "QUY CHẾ": "Quy chế",
    "QUY ĐỊNH": "Quy định",
    "ĐỀ ÁN": "Đề án",
    "PHƯƠNG ÁN": "Phương án",
    "KẾT LUẬN": "Kết luận",
}
# Type codes of the number ("Số: 120/KH-UBND") when the type line is missing.
TYPE_BY_CODE: dict[str, str] = {
    "TB": "Thông báo",
    "QĐ": "Quyết định",
    "KH": "Kế hoạch",
    "BC": "Báo cáo",
    "CT": "Chỉ thị",
    "CĐ": "Công điện",
    "TTr": "Tờ trình",
    "NQ": "Nghị quyết",
    "CTr": "Chương trình",
    "HD": "Hướng dẫn",
    "GM": "Giấy mời",
    "KL": "Kết luận",
}
NEWS_TYPE = "Tin bài"
LETTER_TYPE = "Công văn"

_NUMBER_LINE = re.compile(
    r"^\s*Số\s*(?:hiệu)?\s*[:.]?\s*(?P<num>\d*)\s*/\s*(?P<sym>[^\s,;]+)", re.I
)
_VV = re.compile(r"^\s*(?:V/v|V/V|Về việc)\b", re.I)
_VV_LABEL = re.compile(r"^\s*(?:V/v|Về việc)\s*:?\s*$", re.I)
_ANNEX = re.compile(r"^\W*PHỤ LỤC\b", re.IGNORECASE)
_KINH_GUI = re.compile(r"^\s*Kính\s+gửi\b", re.I)
_NOI_NHAN = re.compile(r"^\s*(?:#+\s*)?\*{0,2}Nơi\s+nhận\b", re.I)
_MOTTO = re.compile(r"(CỘNG HÒA|CỘNG HOÀ|Độc lập\s*-\s*Tự do|ĐỘC LẬP)", re.I)
_ISSUER_LINE = re.compile(
    r"^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|VĂN PHÒNG|HỘI ĐỒNG NHÂN DÂN|TỈNH|THÀNH PHỐ)\b"
)
_CAPACITY = re.compile(
    r"^(?:(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\s*[./]?\s+)?"
    r"(?:CHỦ TỊCH|PHÓ CHỦ TỊCH|QUYỀN CHỦ TỊCH|CHÁNH VĂN PHÒNG|PHÓ CHÁNH VĂN PHÒNG|"
    r"ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|TRƯỞNG BAN|PHÓ TRƯỞNG BAN|"
    r"BAN THƯỜNG VỤ|BÍ THƯ|PHÓ BÍ THƯ|THỦ TRƯỞNG)\b"
)


_STAMP_DATE = r"(\d{1,2}[/-]\d{1,2}[/-]\d{4}|\d{4}-\d{2}-\d{2})"
_STAMP_TIME = r"\d{1,2}(?::|h)\d{2}(?::\d{2})?"
# A date and a time in either order ("05/12/2023 - 08:54", "14:20 | 05/12/2023"), or a date
# after a publishing label ("Ngày đăng: 05-12-2023").
_STAMP_IN_LINE = (
    re.compile(rf"{_STAMP_DATE}\s*[T,|–-]?\s*{_STAMP_TIME}"),
    re.compile(rf"{_STAMP_TIME}\s*[,|–-]?\s*(?:ngày\s*)?{_STAMP_DATE}", re.IGNORECASE),
    re.compile(rf"(?:ngày đăng|đăng ngày|đăng lúc|cập nhật|ngày cập nhật|thời gian đăng)\s*:?\s*"
               rf"{_STAMP_DATE}", re.IGNORECASE),
    # "Thứ tư, 22/06/2022" alone: a weekday and a date without a time
    re.compile(rf"^\W*(?:Thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|Chủ nhật)\s*[,-]?\s*(?:ngày\s*)?"
               rf"{_STAMP_DATE}\W*$", re.IGNORECASE),
)
_HEADER_SCAN_LINES = 30


def _line_kind(line: str) -> str:
    plain = _strip_marks(line)
    if not plain:
        return "blank"
    if _NUMBER_LINE.match(plain):
        return "number"
    if _VV.match(plain):
        return "vv"
    if plain.upper() == plain and plain in DOC_TYPES:
        return "type"
    if place_and_date(plain):
        return "placedate"
    if _KINH_GUI.match(plain):
        return "kinhgui"
    if re.fullmatch(r"[_\-=*.–—\s]{3,}", plain):
        return "rule"
    if plain == plain.upper() and any(c.isalpha() for c in plain):
        return "caps"
    return "other"


# Which kind of line may continue the block of the line before it.
_CONTINUES = {("vv", "other"), ("caps", "caps"), ("other", "other")}


def split_signature_lines(text: str) -> str:
    """A capacity line typed right under the distribution list (``- Lưu: VT.`` then
    ``KT. CHỦ TỊCH``) would be folded into the list's last item; give it a paragraph, and the
    name typed on the next line after the capacity lines another."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        plain = _strip_marks(line)
        prev = _strip_marks(out[-1]) if out else ""
        is_capacity = bool(_CAPACITY.match(plain)) and len(plain) <= 45
        prev_capacity = bool(_CAPACITY.match(prev)) and len(prev) <= 45
        if prev and is_capacity and not prev_capacity:
            out.append("")
        elif prev_capacity and plain and not is_capacity and _looks_like_byline(plain):
            out.append("")  # the signer's name typed right under the capacity lines
        out.append(line)
    return "\n".join(out)


def split_header_lines(text: str) -> str:
    """Give each header line of a plain-text notice its own paragraph.

    Scanned or copied notices often run the number, the ``V/v`` summary, the type line and the
    title together on consecutive lines; as one paragraph they would hide each other. The
    summary's own continuation lines stay with it; the body is left untouched.
    """
    lines = text.split("\n")
    out: list[str] = []
    prev = "blank"
    for i, line in enumerate(lines):
        if i >= _HEADER_SCAN_LINES or prev == "kinhgui":
            out.extend(lines[i:])
            break
        kind = _line_kind(line)
        if kind != "blank" and prev != "blank" and (prev, kind) not in _CONTINUES:
            out[-1] = out[-1].rstrip()
            out.append("")
        out.append(line)
        prev = kind
        if kind == "other" and len(_strip_marks(line)) > 200:
            out.extend(lines[i + 1 :])
            break
    return "\n".join(out)


@dataclass(frozen=True)
class Structure:
    header: tuple[int, ...]  # block indexes of the header (number, V/v, place and date …)
    title: str | None
    title_blocks: tuple[int, ...]
    type_line: str | None  # doc type read from the type line
    number: str | None  # "3413" or None when blank
    symbol: str | None  # "UBND-TH", "TB-VPUBND"
    place: str | None
    date: str | None  # issue date from the place-and-date line
    stamp: str | None  # portal publication date
    body: tuple[int, ...]  # block indexes of the body
    closing: tuple[int, ...]  # "Nơi nhận" and the distribution list
    signature: tuple[int, ...]  # capacity lines and the name
    capacity_lines: tuple[str, ...]
    signer_lines: tuple[str, ...]
    is_letter: bool


def analyse(blocks: list[Block]) -> Structure:
    n = len(blocks)
    header: list[int] = []
    number = symbol = place = date = stamp = type_line = None
    is_letter = False
    vv_blocks: list[int] = []
    type_idx: int | None = None
    limit = min(n, 14)
    for i in range(limit):
        block = blocks[i]
        text = block.text
        upper = _strip_marks(text).upper()
        if type_idx is None and _strip_marks(text) == upper and upper in DOC_TYPES:
            type_idx, type_line = i, DOC_TYPES[upper]
            header.append(i)
            break
        pd = None if date else _place_date_in(block)
        if pd:
            place, date = pd
        m = _NUMBER_LINE.match(text)
        if m and number is None and symbol is None:
            number, symbol = (m.group("num") or None), m.group("sym").strip("*_ ")
            header.append(i)
            continue
        if pd and not _VV.match(text):
            header.append(i)
            continue
        st = _stamp(text) if stamp is None and i < 4 else None
        if st:
            stamp = st
            header.append(i)
            continue
        if _VV.match(text):
            vv_blocks.append(i)
            is_letter = True
            header.append(i)
            continue
        if _MOTTO.search(text) or (_ISSUER_LINE.match(text) and text == text.upper()):
            header.append(i)
            continue
        if _KINH_GUI.match(text):
            is_letter = True
            break
    title, title_blocks = _title(blocks, type_idx, vv_blocks, header, stamp)
    start = max([*header, *title_blocks], default=-1) + 1
    closing, signature, cap_lines, signer_lines = _tail(blocks, start)
    used = set(header) | set(title_blocks) | set(closing) | set(signature)
    # The body ends where the distribution list or the signature begins: what follows them on
    # a portal page ("Văn bản khác", "Tin liên quan") is not part of the document.
    end = min([*closing, *signature], default=n)
    body = tuple(i for i in range(start, end) if i not in used)
    # An annex after the signature ("PHỤ LỤC", its table of tasks) is the document's too.
    annex = next((i for i in range(end, n) if i not in used and _ANNEX.match(blocks[i].text)),
                 None)
    if annex is not None:
        body += tuple(i for i in range(annex, n) if i not in used)
    return Structure(
        header=tuple(header),
        title=title,
        title_blocks=tuple(title_blocks),
        type_line=type_line,
        number=number,
        symbol=symbol,
        place=place,
        date=date,
        stamp=stamp,
        body=body,
        closing=tuple(closing),
        signature=tuple(signature),
        capacity_lines=tuple(cap_lines),
        signer_lines=tuple(signer_lines),
        is_letter=is_letter,
    )


def _stamp(text: str) -> str | None:
    """A portal's publication stamp: ``2023-12-05 08:54:52``, ``Thứ Hai, 14/10/2019 15:30``,
    ``Ngày đăng: 05/12/2024 08:54 | Lượt xem: 312``."""
    found = portal_stamp(text)
    if found or len(text) > 90:
        return found
    for regex in _STAMP_IN_LINE:
        m = regex.search(text)
        if m:
            return _stamp_date(m.group(1))
    return None


def _stamp_date(value: str) -> str | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return portal_stamp(value)
    found = find_dates(value)
    return found[0].value if found and found[0].day_given else None


def _place_date_in(block: Block) -> tuple[str, str] | None:
    for line in block.lines:
        found = place_and_date_in(_strip_marks(line))
        if found:
            return found
    return None


_MARKS = re.compile(r"[*_#`]")


def _strip_marks(text: str) -> str:
    return _MARKS.sub("", text).strip()


def _title(
    blocks: list[Block],
    type_idx: int | None,
    vv_blocks: list[int],
    header: list[int],
    stamp: str | None,
) -> tuple[str | None, list[int]]:
    if vv_blocks:
        i = vv_blocks[0]
        lines = [_strip_placedate(line) for line in blocks[i].lines]
        if len(lines) > 1 and _VV_LABEL.match(_strip_marks(lines[0])):
            lines = lines[1:]  # "VỀ VIỆC" printed alone above the summary: a label, not wording
        text = re.sub(r"\s+", " ", " ".join(lines)).strip()
        return _clean_title(text), [i]
    if type_idx is not None:
        for j in range(type_idx + 1, min(type_idx + 4, len(blocks))):
            text = blocks[j].text.strip()
            if not text:
                continue
            if _NUMBER_LINE.match(text) or place_and_date(_strip_marks(text)):
                continue
            return _clean_title(text), [j]
        return None, []
    # A saved page marks its headline (``<h1>``): above it are the site's menus and widgets.
    for j in range(min(4, len(blocks))):
        if j not in header and blocks[j].kind == "heading" and len(blocks[j].text) < 400:
            return _clean_title(blocks[j].text), [j]
    # Portal news: the headline is the first block that is not a stamp nor the masthead.
    for j in range(min(3, len(blocks))):
        if j in header:
            continue
        text = blocks[j].text.strip()
        if j + 1 < len(blocks) and _is_masthead(text):
            continue
        if text and len(text) < 400:
            return _clean_title(text), [j]
    return None, []


# A department's or outlet's name in capitals above a saved article ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ").
_MASTHEAD = re.compile(
    r"^(?:SỞ|BAN|VĂN PHÒNG|TRUNG TÂM|CHI CỤC|BÁO|ĐÀI|CỔNG THÔNG TIN|TRANG THÔNG TIN)\s"
)


def _is_masthead(text: str) -> bool:
    plain = _strip_marks(text)
    return len(plain) <= 80 and plain == plain.upper() and bool(_MASTHEAD.match(plain))


def _strip_placedate(line: str) -> str:
    """A summary line that a copied two-column header ran together with the place and date."""
    if place_and_date_in(_strip_marks(line)) and not place_and_date(_strip_marks(line)):
        return re.split(r"\s{2,}|\t|\s\|\s", line.rstrip())[0]
    return line


def _clean_title(text: str) -> str:
    text = re.sub(r"\s+", " ", _strip_marks(text))
    return text.strip(" -–:")


def _tail(
    blocks: list[Block], start: int
) -> tuple[list[int], list[int], list[str], list[str]]:
    """Find ``Nơi nhận`` with its list, and the signature block, near the end (never in the
    header: the issuer line ``ỦY BAN NHÂN DÂN`` looks like a capacity)."""
    n = len(blocks)
    closing: list[int] = []
    signature: list[int] = []
    cap_lines: list[str] = []
    signer_lines: list[str] = []
    search_from = max(start, n - 40)
    noi_nhan = next((i for i in range(search_from, n) if _NOI_NHAN.match(blocks[i].text)), None)
    if noi_nhan is not None:
        closing.append(noi_nhan)
        j = noi_nhan + 1
        while j < n and (blocks[j].kind == "item" or _is_distribution_line(blocks[j].text)):
            closing.append(j)
            j += 1
    cap_idx = None
    for i in range(n - 1, search_from - 1, -1):
        lines = [_strip_marks(x) for x in blocks[i].lines if _strip_marks(x)]
        if lines and all(_CAPACITY.match(line) and len(line) <= 45 for line in lines):
            cap_idx = i
            break
    if cap_idx is not None:
        signature.append(cap_idx)
        cap_lines = [_strip_marks(x) for x in blocks[cap_idx].lines if _strip_marks(x)]
        # A capacity split over two blocks ("TL. CHỦ TỊCH" / "CHÁNH VĂN PHÒNG").
        prev = cap_idx - 1
        prev_lines = [_strip_marks(x) for x in blocks[prev].lines] if prev >= 0 else []
        if prev_lines and all(_CAPACITY.match(x) for x in prev_lines if x) and prev not in closing:
            signature.insert(0, prev)
            cap_lines = [x for x in prev_lines if x] + cap_lines
        for k in range(cap_idx + 1, min(n, cap_idx + 4)):
            if k in closing:
                break
            names = [_strip_marks(x) for x in blocks[k].lines if _strip_marks(x)]
            if names and all(_looks_like_byline(x) for x in names):
                signature.append(k)
                signer_lines.extend(names)
                break
    else:
        byline = _byline(blocks, closing)
        if byline is not None:
            signature.append(byline)
            signer_lines.extend(_strip_marks(x) for x in blocks[byline].lines if _strip_marks(x))
    return closing, signature, cap_lines, signer_lines


# Portal furniture that follows an article: related links, view counters, share buttons.
_PORTAL_TRAILER = re.compile(
    r"^(?:Tin liên quan|Tin khác|Bài liên quan|Lượt xem|Chia sẻ|In bài|Gửi bài|Tags?|Từ khóa|"
    r"Văn bản khác)\b",
    re.IGNORECASE,
)


def _byline(blocks: list[Block], closing: list[int]) -> int | None:
    """Portal news: the byline (``MA DOÃN HIỆU``, ``Nguyễn Văn A (Báo X)``, ``Theo Báo X``)
    is the last block before the portal's trailer."""
    i = len(blocks) - 1
    while i > 0 and i > len(blocks) - 12:
        text = _strip_marks(blocks[i].text)
        if i in closing or _PORTAL_TRAILER.match(text) or blocks[i].kind == "item":
            i -= 1
            continue
        lines = [_strip_marks(x) for x in blocks[i].lines if _strip_marks(x)]
        if lines and all(_looks_like_byline(x) for x in lines):
            return i
        return None
    return None


def _looks_like_byline(line: str) -> bool:
    credit = strip_credit(line)
    if _OUTLET.match(credit) or _OFFICE.match(credit):
        return True
    # "Quang Trung - Thu Hà": two reporters.
    return all(_looks_like_name(part) for part in re.split(r"\s+[-–]\s+", credit))


# An outlet credited by its address ("Chinhphu.vn"); an office of a department signing its
# news ("Phòng Xúc tiến đầu tư").
_OUTLET = re.compile(r"^[A-ZĐ][\w-]*(?:\.[\w-]+)*\.(?:vn|com|net|org)$")
_OFFICE = re.compile(r"^Phòng(?:\s+[A-ZĐÀ-Ỹa-zđà-ỹ][\wÀ-ỹ]*){1,6}$")


def _is_distribution_line(text: str) -> bool:
    return bool(re.match(r"^\s*[-+•]?\s*(Như trên|Lưu\s*:|Như Kính gửi)", text, re.I))


def _looks_like_name(line: str) -> bool:
    """``Vũ Đức Chính``, ``MA DOÃN HIỆU``: 2–5 capitalised words, nothing else."""
    words = line.split()
    if not 2 <= len(words) <= 5:
        return False
    return all(w[0].isupper() and w.replace("-", "").isalpha() for w in words)
