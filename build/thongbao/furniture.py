"""A saved or copied portal page around its article: what is not the notice's own text, and
where a copy-paste with single line breaks separates its units.

Two cleaning steps (text in, text out), used by :mod:`thongbao.cleaning`:

- ``drop_portal_furniture``: breadcrumbs and section labels, login and toolbar widgets, view
  counters, photo captions, image file names, a stray punctuation line, a bare ``Nguồn:`` line,
  and the lists a portal appends after the article (``Tin cùng chuyên mục``, ``Các tin khác``).
  Only whole short lines go, so no paragraph of the article is ever lost; the title and the
  topics never see them.
- ``split_pasted_lines``: text copied from a page separates paragraphs by one line break, not
  two. Each line that stands alone (a long unwrapped paragraph, a stamp, a headline before its
  lead, a line ending a sentence) becomes its own paragraph; a hard-wrapped paragraph of a typed
  notice stays one.
"""

from __future__ import annotations

import re

# Whole lines a portal prints around every article (compared case-insensitively, stripped of
# trailing ":" and spaces).
_WIDGETS = frozenset(
    s.lower() for s in (
        "Đăng nhập", "Đăng ký", "Đăng xuất", "Quên mật khẩu", "In trang", "In bài", "Bản in",
        "In", "Gửi email", "Gửi bài viết", "Gửi cho bạn bè", "Chia sẻ", "Lưu bài", "Lưu tin",
        "Cỡ chữ", "Cỡ chữ A- A A+", "A- A A+", "A A A", "A+ A-", "Zalo", "Facebook", "Twitter",
        "Tweet", "Like", "Share", "Quay lại", "Trở về", "Về đầu trang", "Đầu trang",
        "Nghe đọc bài", "Nghe bài viết", "Nghe audio", "Đọc bài", "Bình luận", "Tags", "Từ khóa",
        "Tin tức chỉ đạo điều hành", "Tin chỉ đạo điều hành", "Chỉ đạo điều hành",
        "Tin tức - Sự kiện", "Tin tức sự kiện", "Tin tức", "Tin hoạt động", "Tin địa phương",
        "Thời sự", "Tin tổng hợp", "Hoạt động của lãnh đạo tỉnh", "Tin nổi bật", "Tin mới",
        "Văn bản chỉ đạo điều hành", "Trang chủ", "Kinh tế - Xã hội", "Sơ đồ cổng",
        "Sơ đồ site", "RSS", "English", "Tiếng Việt", "Liên hệ", "Hỏi đáp", "Thời sự - Chính trị",
        "Tin tức - Sự kiện", "Chỉ đạo - Điều hành",
    )
)  # fmt: skip
# The article ends here: what follows is the portal's list of other articles.
_TRAILERS = re.compile(
    r"^(?:tin cùng chuyên mục|các tin khác|tin khác|tin liên quan|bài viết liên quan|"
    r"tin đã đưa|xem thêm|ý kiến bạn đọc|gửi ý kiến|các tin đã đưa)\s*:?$",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"^(?:trang chủ|home)\s*(?:[>»/|›]\s*[^>»/|›]{1,60}){1,6}$",
                         re.IGNORECASE)
_COUNTER = re.compile(r"^(?:số\s+)?(?:lượt xem|lượt đọc|lượt truy cập|views?)\s*:?\s*[\d.,]+$",
                      re.IGNORECASE)
_CAPTION = re.compile(
    r"^(?:\(?ảnh\s*(?:minh họa)?\s*:|quang cảnh\b|toàn cảnh\b|\(?ảnh minh họa\)?$)",
    re.IGNORECASE,
)
_CAPTION_TAIL = re.compile(r"[(\-–.]\s*ảnh\s*:\s*[^()]{2,40}\)?\.?$", re.IGNORECASE)
_IMAGE_FILE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|bmp)$", re.IGNORECASE)
_PUNCTUATION_ONLY = re.compile(r"^[^\w\s]{1,3}$")
_MENU_ITEM = re.compile(r"^[-*+•]\s+[^\d.,;:!?]{1,25}$")
# "Nguồn: baobackan.vn" — but "(Nguồn: CV 1234/UBND-VP)" names the notice's own document.
# "Nguồn: Báo Gia Lai" credits an outlet: the byline, kept for the author.
_SOURCE_LINE = re.compile(
    r"^\(?nguồn\s*:(?!\s*(?:báo\b|tạp chí|đài\b|truyền hình|ttxvn|[\w-]+\.(?:vn|com|net|org)\b))"
    r"[^\d]{0,80}\)?$",
    re.IGNORECASE,
)
_SHORT = 160
# The site's own name printed above every article: "Cổng thông tin điện tử tỉnh Bắc Kạn",
# "SỞ KẾ HOẠCH VÀ ĐẦU TƯ" alone is a department's name and stays (a letter's issuer line).
_SITE_NAME = re.compile(
    r"^(?:cổng thông tin điện tử|trang thông tin điện tử|cổng thông tin|trang tin điện tử)"
    r"(?:\s+[\wÀ-ỹ.-]+){0,8}$",
    re.IGNORECASE,
)
_WIDGET_SEPARATOR = re.compile(r"\s*[|·•]\s*|\s{2,}")
_FONT_SIZE = re.compile(r"^a[+-]?$")
_CRUMB_SEPARATOR = re.compile(r"\s+(?:/|>>?|»|›)\s+")


def is_furniture(line: str) -> bool:
    """A whole line that belongs to the portal, not to the article."""
    text = line.strip().strip("*_ ").strip()
    if not text or len(text) > _SHORT:
        return False
    key = text.rstrip(": ").lower()
    if key in _WIDGETS:
        return True
    parts = [p.replace(":", "").strip() for p in _WIDGET_SEPARATOR.split(text.lower()) if p]
    if len(parts) > 1 and all(p in _WIDGETS or _FONT_SIZE.match(p) for p in parts):
        return True  # "Đăng nhập | Đăng ký", "A-  A  A+   In bài   Gửi email"
    crumbs = _CRUMB_SEPARATOR.split(text)
    if len(crumbs) > 1 and len(text) <= 100 and all(
            0 < len(c) <= 35 and not re.search(r"\d", c) for c in crumbs):
        return True  # "Tin tức - Sự kiện / Chỉ đạo - Điều hành", "Trang chủ >> Tin tức"
    return bool(
        _SITE_NAME.match(text) or _BREADCRUMB.match(text) or _COUNTER.match(text)
        or _IMAGE_FILE.match(text) or _SOURCE_LINE.match(text) or _CAPTION.match(text)
        or (_CAPTION_TAIL.search(text) and not text.endswith(":"))
    )


def drop_portal_furniture(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    trailing = False
    for line in lines:
        stripped = line.strip().strip("*_# ").strip()
        if _TRAILERS.match(stripped):
            trailing = True  # the portal's list of other articles follows
            continue
        if trailing and len(stripped) < 200:
            continue  # a linked headline; a long paragraph after the list is kept
        if trailing:
            trailing = False
        if is_furniture(line):
            continue
        at_top = not any(o.strip() for o in out)
        if _PUNCTUATION_ONLY.match(stripped) and at_top:
            continue  # a stray "." or "-" left above the article by the copy
        if at_top and _MENU_ITEM.match(line.strip()):
            continue  # the site's menu ("- Trang chủ", "- Giới thiệu") above the article
        out.append(line)
    return "\n".join(out)


_SENTENCE_END = re.compile(r"[.!?…:;”\"')]\**$")
_STARTS_UNIT = re.compile(r"^(?:[\"“(*_]*[A-ZĐÀ-Ỹ0-9]|[-+•]\s)")
# "Ngày 12/4, …", "Sáng 12/3 …", "(Baobackan.vn) - …": the lead of a news item.
_LEAD = re.compile(
    r"^[*_]*(?:\((?:[^)]{2,30})\)\s*[-–—]\s*|(?:Ngày|Sáng|Chiều|Trưa|Tối|Đêm|Sáng sớm)\s+"
    r"(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2})"
)
_STAMP_LINE = re.compile(
    r"^(?:[^\d]{0,25})?\d{1,2}[/-]\d{1,2}[/-]\d{4}(?:\s*[-–|,]?\s*\d{1,2}[:h]\d{2}(?::\d{2})?)?"
    r"\s*(?:[(\[]?GMT[+0-9:]*[)\]]?)?(?:\s*\|[^|]{1,40}){0,4}$"
    r"|^\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_UNWRAPPED = 160  # a line this long was not wrapped by a typist: a paragraph of its own
_TYPED_WIDTH = 120  # typed, hard-wrapped notices keep their lines below this


def split_pasted_lines(text: str) -> str:
    """Give each stand-alone line of a pasted page its own paragraph (see the module doc)."""
    lines = text.split("\n")
    pasted = _pasted(lines)
    out: list[str] = []
    for i, line in enumerate(lines):
        if i and out and out[-1].strip() and line.strip() and _stands_apart(out[-1], line,
                                                                            pasted):
            out.append("")
        out.append(line)
    return "\n".join(out)


def _pasted(lines: list[str]) -> bool:
    """Paragraphs copied from a page, one per line (no typist wrapped them): several long
    lines, or long lines making a good share of the text."""
    filled = [len(line.strip()) for line in lines if line.strip()]
    long_lines = sum(1 for n in filled if n > _TYPED_WIDTH)
    return long_lines >= 3 or (bool(filled) and long_lines / len(filled) >= 0.3)


def _all_caps(text: str) -> bool:
    return text == text.upper() and text != text.lower()


def _stands_apart(prev: str, line: str, pasted: bool) -> bool:
    prev_s, line_s = prev.strip(), line.strip()
    if prev_s.startswith("#") or prev_s.endswith("  "):
        return False  # a Markdown heading or a hard break: the author's own layout
    if _STAMP_LINE.match(prev_s) or _STAMP_LINE.match(line_s):
        return True
    if _LEAD.match(line_s) and not prev_s.endswith(","):
        return True
    if pasted and _STARTS_UNIT.match(line_s) and not (_all_caps(prev_s) and _all_caps(line_s)):
        # A pasted page: every line is a unit; but a heading wrapped over two short lines
        # without a full stop ("Kết luận … tại phiên họp" / "UBND tỉnh thường kỳ tháng 8")
        # stays one.
        wrapped_heading = (len(line_s) < _TYPED_WIDTH and not _SENTENCE_END.search(prev_s)
                           and not _SENTENCE_END.search(line_s))
        return not wrapped_heading
    if not _STARTS_UNIT.match(line_s):
        return False
    if len(prev_s) > _UNWRAPPED or len(line_s) > _UNWRAPPED:
        return True
    return bool(_SENTENCE_END.search(prev_s)) and len(prev_s) > 60 and len(line_s) > 60
