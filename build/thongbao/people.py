"""The chair (who presided, or whose instructions the text conveys) and the signer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_ROLE = r"(?P<role>Quyền Chủ tịch|Phó Chủ tịch Thường trực|Phó Chủ tịch|Chủ tịch)"
_ROLE_WORD = "Chủ tịch"  # in every alternative of _ROLE (matched case-sensitively)
_ORG = (
    r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Ủy ban Nhân dân)\s+"
    r"(?:tỉnh|thành phố|Thành phố|TP\.?)"
)
_UPPER = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
# A syllable; ethnic-minority names have one-letter ones ("A Kim Thuận", "Y Thanh Hà Niê Kđăm").
_WORD = rf"[{_UPPER}][a-zđà-ỹ]*"
_NAME = rf"(?P<name>{_WORD}(?:\s+{_WORD}){{1,6}})"
_TITLE_THEN_NAME = re.compile(
    rf"(?<!\w){_ROLE}\s+{_ORG}\s*,?\s*(?:(?:đồng chí|ông|bà)\s+)?"
    rf"{_NAME}(?!\w)"
)
# "đồng chí Lê Ngọc Châu - Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh": party titles may come first.
_NAME_THEN_TITLE = re.compile(
    rf"(?:đồng chí|Đồng chí|ông|Ông|bà|Bà)\s+\**{_NAME}\**\s*[-–,]\s*"
    rf"(?:[^.;:()]{{0,60}}?,\s*)?{_ROLE}\s+{_ORG}"
)
# A leader who speaks for, proposes or reports to a meeting someone else presides.
_SPEAKS_AFTER = re.compile(
    r"\s*,?\s*(?:đã\s+)?(?:trình bày|báo cáo|đề nghị|đề xuất|tham luận|phát biểu tham luận|"
    r"giải trình)\b",
    re.IGNORECASE,
)
# A People's Council sitting: its presiding officers are not the committee's.
_NOT_THE_COMMITTEE = re.compile(r"kỳ họp thứ|\bHĐND tỉnh\b[^.;]{0,40}chủ trì", re.IGNORECASE)
# Who presides, concludes, directs — or signs the document a news item reports ("Văn bản do
# Phó Chủ tịch UBND tỉnh A ký").
_PRESIDING = re.compile(r"chủ trì|kết luận|chỉ đạo|chủ tọa|\bdo\b[^.;]{0,80}\ský\b",
                        re.IGNORECASE)

_CAPACITY_WORDS = (
    ("chánh văn phòng", "Chánh Văn phòng"),
    ("ủy ban nhân dân", "Ủy ban nhân dân"),
    ("uỷ ban nhân dân", "Ủy ban nhân dân"),
    ("văn phòng", "Văn phòng"),
    ("ban thường vụ", "Ban Thường vụ"),
    ("chủ tịch thường trực", "Chủ tịch Thường trực"),
    ("giám đốc", "Giám đốc"),
)


@dataclass(frozen=True)
class Chair:
    name: str
    role: str


def find_chair(
    sentences: Sequence[str],
    title: str | None,
    province_words: Sequence[str],
) -> Chair | None:
    """The presiding leader named in the text: a sentence that presides or concludes first,
    then the title (``Kết luận của Chủ tịch UBND tỉnh Hoàng Xuân Ánh``), then any mention."""
    candidates: list[tuple[int, int, Chair]] = []
    for rank_base, texts in ((0, sentences), (10, [title or ""])):
        for order, sentence in enumerate(texts):
            # Both patterns of _chairs_in need a role, and every role says "Chủ tịch": most
            # sentences are dropped by one substring test before any regex.
            if _ROLE_WORD not in sentence or _NOT_THE_COMMITTEE.search(sentence):
                continue
            for at, chair in _chairs_in(sentence, province_words):
                presiding = _PRESIDING.search(sentence) is not None or rank_base == 10
                if not presiding and chair.role != "Chủ tịch":
                    continue  # a Phó Chủ tịch who only proposes or reports does not preside
                if _SPEAKS_AFTER.match(sentence[at:]) and rank_base == 0:
                    continue
                rank = rank_base + (0 if presiding else 20)
                # The first leader named in the sentence: "A – Chủ tịch … và các Phó Chủ tịch
                # B, C cùng chủ trì" is A's session.
                candidates.append((rank * 1000 + order, at, chair))
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c[0], c[1]))[2]


def _chairs_in(sentence: str, province_words: Sequence[str]) -> list[tuple[int, Chair]]:
    """Leaders named in ``sentence`` with the position where each mention ends."""
    out = []
    for m in _TITLE_THEN_NAME.finditer(sentence):
        name = m.group("name")
        # "Chủ tịch UBND tỉnh Cao Bằng Hoàng Xuân Ánh": the province is not part of the name.
        for province in province_words:  # longest first (places.province_words)
            if name == province or name.startswith(province + " "):
                name = name[len(province) + 1 :]
                break
        if 2 <= len(name.split()) <= 5:
            out.append((m.start(), m.end(), Chair(name, _role(m.group("role")))))
    for m in _NAME_THEN_TITLE.finditer(sentence):
        if 2 <= len(m.group("name").split()) <= 5:
            out.append((m.start(), m.end(), Chair(m.group("name"), _role(m.group("role")))))
    return [(end, chair) for _, end, chair in sorted(out, key=lambda c: c[0])]


def _role(role: str) -> str:
    return "Phó Chủ tịch" if role.startswith("Phó Chủ tịch") else role


def chair_from_signature(capacity_lines: Sequence[str]) -> str | None:
    """The role of a signer who is a leader of the committee, else None (TL. … signs for)."""
    if not capacity_lines:
        return None
    first = capacity_lines[0].upper()
    if first.startswith(("TL", "T/L", "TUQ")):
        return None
    last = capacity_lines[-1].upper().strip()
    # "Q. CHỦ TỊCH" signs as acting chair (Decree 30: Q. = quyền).
    if re.match(r"^Q\s*\.\s*CHỦ TỊCH", last):
        return "Quyền Chủ tịch"
    for role in ("QUYỀN CHỦ TỊCH", "PHÓ CHỦ TỊCH", "CHỦ TỊCH"):
        if re.search(rf"{role}(?: THƯỜNG TRỰC)?$", last):
            return _role(role.capitalize().replace("chủ tịch", "Chủ tịch"))
    return None


def capacity_text(lines: Sequence[str]) -> str | None:
    """``TL. CHỦ TỊCH`` + ``CHÁNH VĂN PHÒNG`` → ``TL. Chủ tịch, Chánh Văn phòng``."""
    parts = []
    for line in lines:
        m = re.match(r"^((?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\s*[./]?)\s*(.*)$", line.strip())
        prefix, rest = (m.group(1).replace(" ", ""), m.group(2)) if m else ("", line.strip())
        if prefix and not prefix.endswith("."):
            prefix += "."
        words = _sentence_case(rest)
        parts.append(f"{prefix} {words}".strip())
    return ", ".join(p for p in parts if p) or None


def _sentence_case(text: str) -> str:
    low = text.lower()
    for needle, proper in _CAPACITY_WORDS:
        low = low.replace(needle, proper)
    low = low.replace("chủ tịch", "Chủ tịch")
    return low[:1].upper() + low[1:]


def strip_credit(line: str) -> str:
    """A byline or signature line without ``Theo …``/``Nguồn:`` and a trailing ``(Báo …)`` or
    ``(đã ký)``."""
    line = re.sub(r"\s*\([^)]*\)\s*$", "", line.strip())
    return _CREDIT_LABEL.sub("", line)


# "Theo Báo X", "Nguồn: Chinhphu.vn", "Bài, ảnh: TẮC SẬY", "Tin và ảnh: MINH ĐỨC".
_CREDIT_LABEL = re.compile(
    r"^(?:Theo|Nguồn|(?:Bài|Tin|Bài viết)(?:\s*(?:,|và)\s*ảnh)?)\s*:?\s+", re.IGNORECASE
)


def person_name(line: str) -> str:
    """``MA DOÃN HIỆU`` → ``Ma Doãn Hiệu``; mixed-case names are kept; credits are dropped
    (``strip_credit``)."""
    words = strip_credit(line).split()
    if all(w.isupper() for w in words):
        words = [w[:1] + w[1:].lower() for w in words]
    return " ".join(words)
