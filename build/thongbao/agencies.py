"""The bodies a notice gives tasks to: known agencies (``Reference.find_agencies``, which
expands lists like ``Các Sở: Tài chính, …``) plus named district-level committees."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .casefold import re_lower
from .reference import Reference
from .slug import slugify

# Clauses that list who attended are not tasks ("tham dự có …", "dự họp").
_ATTENDANCE = re.compile(
    r"tham dự|dự họp|cùng dự|thành phần (?:tham|dự)|có mặt|đến dự|mời dự", re.IGNORECASE
)
_UPPER = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
_PLACE_WORD = rf"[{_UPPER}][\wÀ-ỹ'-]*"
# "UBND huyện Si Ma Cai", "Ủy ban nhân dân quận Hoàng Mai", "UBND đặc khu Phú Quốc"; also the
# bare list "các huyện Hướng Hóa, Đakrông" (each a district committee given the task).
# After 1 July 2025 the communes and wards ("UBND xã Mèo Vạc", "UBND phường Tuy Hòa") are the
# second tier and take the districts' tasks. A name may be two names joined by a dash ("Phan Rang
# - Tháp Chàm"), unless what follows the dash is another body ("UBND huyện X - Sở Y tế").
_BODY_HEAD = (r"(?:Sở|Ban|UBND|Ủy|Uỷ|Công an|Chi cục|Cục|Kho bạc|Thanh tra|Văn phòng|Bộ|Ngân hàng|"
              r"Trung tâm|Đài|Báo|Hội|Liên|Bảo hiểm|Thuế|Hải quan|Tỉnh|Thành)\b")
_DISTRICT = re.compile(
    # The lookahead names the letters a match starts with: elsewhere the engine stops there.
    r"(?=[PQCUỦ])"
    r"(?<![\w.])(?P<role>(?:Phó |Quyền )?Chủ tịch\s+)?(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+"
    r"(?P<kind>huyện|thị xã|quận|thành phố|đặc khu|xã|phường)\s+"
    rf"(?P<name>{_PLACE_WORD}(?:\s{_PLACE_WORD}){{0,3}}"
    rf"(?:\s[-–]\s(?!{_BODY_HEAD}){_PLACE_WORD}(?:\s{_PLACE_WORD}){{0,2}}(?![\wÀ-ỹ]))?)"
)
# "Chủ tịch UBND các huyện, thành phố Long Khánh, thành phố Biên Hòa": the named cities of a
# list that opens with the districts in general.
_LIST_OPENING = re.compile(
    r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+các\s+huyện(?:\s*,\s*(?:thị xã|thành phố)"
    r"(?![\s]+[A-ZĐ]))*"
)
_LIST_ITEM = re.compile(
    rf"\s*(?:,|\bvà\b)\s*(?P<kind>thành phố|thị xã|quận|huyện)\s+"
    rf"(?P<name>{_PLACE_WORD}(?:\s{_PLACE_WORD}){{0,3}})"
)
_DISTRICT_LIST = re.compile(
    rf"(?<!\w)các\s+(?P<kind>huyện|thị xã|quận)\s*:?\s+(?P<names>{_PLACE_WORD}(?:\s{_PLACE_WORD})*"
    rf"(?:\s*(?:,|và)\s*{_PLACE_WORD}(?:\s{_PLACE_WORD})*)+)"
)
_GENERIC_KINDS = frozenset({"ubnd-huyen", "ubnd-xa"})
# In a centrally-run city the provincial bodies say "Thành phố" where a province says "tỉnh"
# (the reference keeps "Công an thành phố" out: elsewhere it named a provincial city's police).
_CITY_BODIES = (
    (re.compile(r"(?<!\w)Công an (?:Thành phố|thành phố|TP\.?)(?!\s*[A-ZĐ])"), "cong-an-tinh"),
    (re.compile(r"(?<!\w)Thanh tra (?:Thành phố|thành phố|TP\.?)(?!\s*[A-ZĐ])"), "thanh-tra-tinh"),
    (re.compile(r"(?<!\w)Văn phòng (?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân) "
                r"(?:Thành phố|thành phố|TP)(?!\s*[A-ZĐ])"), "van-phong-ubnd-tinh"),
)
# "Văn phòng UBND tỉnh thông báo để … biết": the office conveying the notice, not a task.
_PROMULGATION = re.compile(r"(?:xin )?thông báo (?:để|cho|đến|ý kiến)|thông báo kết luận",
                           re.IGNORECASE)
# "Theo báo cáo của Sở …" reports to the meeting; "Sở … (cũ)" no longer exists.
_REPORTING_BEFORE = re.compile(
    r"(?:theo )?báo cáo của\s*$|\btheo\s*$"
    # "báo cáo kết quả về Sở GTVT", "gửi về Sở Tài chính": the body receives, it is not tasked
    r"|(?:báo cáo|gửi|phản ánh)\b[^,;.()]{0,30}?\b(?:về|lên|tới)\s*$"
    # "hoàn chỉnh dự thảo, gửi Văn phòng UBND tỉnh trước ngày …": the recipient
    r"|\bgửi\s*$",
    re.IGNORECASE,
)
_FORMER_AFTER = re.compile(r"^[^,;.]{0,40}?\(cũ\)")
_LOCATIVE_BEFORE = re.compile(r"(?:tại|ở|của|trên địa bàn|thuộc)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class AgencyMention:
    id: str
    name: str
    start: int
    end: int


class AgencyFinder:
    """Agency mentions for notices of one province."""

    def __init__(self, ref: Reference, province_id: str | None) -> None:
        self._ref = ref
        self._province_id = province_id
        province = ref.provinces.get(province_id or "")
        self._is_city = province is not None and province.kind == "thành phố"
        self._province_names = {
            p.name for p in ref.provinces.values()
        } | {f.name for p in ref.provinces.values() for f in p.former_names}

    def find(self, text: str, on: date | None = None) -> list[AgencyMention]:
        """Mentions in ``text`` in order of appearance (every known body named)."""
        found: dict[int, AgencyMention] = {}
        for m in self._ref.find_agencies(text):
            agency = self._ref.agencies[m.id]
            if agency.kind in _GENERIC_KINDS:
                continue  # "UBND cấp xã" names a level, not a body given a task
            if agency.province not in (None, self._province_id):
                continue
            if _inside_symbol(text, m.start, m.end):
                continue  # "12/TB-VPUBND": the issuer code of a document number
            found[m.start] = AgencyMention(agency.id, agency.name, m.start, m.end)
        if self._is_city:
            for regex, agency_id in _CITY_BODIES:
                for m in regex.finditer(text):
                    name = self._ref.agencies[agency_id].name
                    found.setdefault(m.start(), AgencyMention(agency_id, name, m.start(), m.end()))
        for mention in self._districts(text, on):
            found.setdefault(mention.start, mention)
        return [found[k] for k in sorted(found)]

    def tasked(self, clause: str, on: date | None) -> list[AgencyMention]:
        """Bodies a clause gives work to: not the office conveying the notice, not a body
        reporting to the meeting, not one that no longer existed on the notice's date."""
        if "thông báo" in re_lower(clause) and _PROMULGATION.search(clause):
            return []  # (the literal test first: the case-insensitive regex is slow to fail)
        out = []
        for mention in self.find(clause, on):
            if _REPORTING_BEFORE.search(clause[max(0, mention.start - 25) : mention.start]):
                continue
            if _FORMER_AFTER.match(clause[mention.end :]):
                continue
            agency = self._ref.agencies.get(mention.id)
            if agency and on and agency.until and agency.until < on:
                continue
            out.append(mention)
        return out

    def _capital_of_a_province(self, kind: str, name: str, on: date | None) -> bool:
        """``UBND thành phố Huế`` in 2021: the city of the province Thừa Thiên Huế (a tỉnh
        then), not the province's committee."""
        if kind != "thành phố":
            return False
        province = self._ref.province_by_name(name)
        return province is not None and province.kind_on(on) == "tỉnh"

    def _districts(self, text: str, on: date | None = None) -> list[AgencyMention]:
        out: list[AgencyMention] = []
        # Cheap literal tests first: most clauses name no committee and list no districts.
        committee = "UBND" in text or "ban nhân dân" in text
        for m in _DISTRICT.finditer(text) if committee else ():
            name = m.group("name").strip()
            # "Chủ tịch UBND thành phố Nguyễn Đức Lâm" is a person; "UBND thành phố Cần Thơ"
            # in a Cần Thơ notice is the issuing committee itself; but "UBND thành phố Sơn La"
            # is the provincial capital's committee when the province is a tỉnh.
            if name in self._province_names and not self._capital_of_a_province(
                    m.group("kind"), name, on):
                continue
            if m.group("role") and len(name.split()) > 2:
                continue  # a person after the title; "Chủ tịch UBND đặc khu Lý Sơn" is the body
            out.append(_district(m.group("kind"), name, m.start("kind") - 5, m.end()))
        districts = "huyện" in text  # both lists below need the word (or a kind after it)
        for m in _LIST_OPENING.finditer(text) if committee and districts and "các" in text else ():
            pos, items = m.end(), []
            while item := _LIST_ITEM.match(text, pos):
                items.append(_district(item.group("kind"), item.group("name").strip(),
                                       item.start("kind"), item.end()))
                pos = item.end()
            if text[pos:].strip(" ;.,:/"):
                out.extend(items)  # a bare addressee line ("Kính gửi: - UBND các huyện, …;")
        kinds = districts or "quận" in text or "thị xã" in text
        for m in _DISTRICT_LIST.finditer(text) if kinds and "các" in text else ():
            if _LOCATIVE_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
                continue  # "tập trung tại các huyện A, B": where, not who
            pos = m.start("names")
            for name in re.split(r"\s*(?:,|\bvà\b)\s*", m.group("names")):
                start = text.find(name, pos)
                out.append(_district(m.group("kind"), name, start, start + len(name)))
                pos = start + len(name)
        return out


def _inside_symbol(text: str, start: int, end: int) -> bool:
    """An abbreviation glued to ``/`` or ``-`` is part of a document number (``TB-VPUBND``)."""
    if not text[start:end].replace(" ", "").isupper():
        return False
    return text[max(0, start - 1) : start] in ("/", "-") or text[end : end + 1] in ("/", "-")


def _district(kind: str, name: str, start: int, end: int) -> AgencyMention:
    return AgencyMention(slugify(f"ubnd {kind} {name}"), f"UBND {kind} {name}", start, end)


_FINDERS: dict[tuple[str, str | None], AgencyFinder] = {}


def finder_for(ref: Reference, province_id: str | None) -> AgencyFinder:
    """One finder per reference data version and province."""
    key = (ref.digest, province_id)
    if key not in _FINDERS:
        _FINDERS[key] = AgencyFinder(ref, province_id)
    return _FINDERS[key]


def without_attendance(sentence: str) -> str:
    """The part of a sentence before it starts listing who attended ("; tham dự có …")."""
    # Every cue holds "dự", "có mặt" or "thành phần": a case-insensitive regex is slow to find
    # nothing (no literal to skip to), and almost no sentence lists attendance.
    low = re_lower(sentence)
    if not ("dự" in low or "có mặt" in low or "thành phần" in low):
        return sentence
    m = _ATTENDANCE.search(sentence)
    return sentence if m is None else sentence[: m.start()]
