"""Key figures a notice reports: GRDP growth, budget revenue, disbursement, IIP, retail sales,
exports, tourist arrivals (``content/reference/indicators.yml``).

Precision over recall: a wrong figure is worse than a missing one. A figure is read only
right after the words naming its indicator, in the same clause, before another indicator is
named; targets and plans (``phấn đấu``, ``phải đạt``, ``tối thiểu``), national or other
provinces' figures (``cả nước``, a province named), parts of a whole (``trong đó``, ``khách
quốc tế``), increases in money (``tăng 1.436 tỷ đồng``) and month-on-month changes are left out.

Numbers are Vietnamese: ``.`` groups thousands, ``,`` marks decimals (``29.232,75 tỷ đồng``).
Amounts are read into one unit per kind: tỷ đồng, triệu USD, lượt khách.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from . import refdata
from .casefold import re_lower
from .record import Record
from .reference import Reference
from .sentences import split_sentences

FILE = "indicators.yml"
GROWTH, SHARE, AMOUNT = "growth", "share", "amount"
_UNITS = {"dong": "tỷ đồng", "usd": "triệu USD", "luot": "lượt khách"}


class IndicatorError(refdata.ReferenceFileError):
    """A malformed entry of indicators.yml: the message names the entry and the field."""


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: loaded once
class Indicator:
    id: str
    name: str
    cues: tuple[str, ...]
    measures: tuple[str, ...]
    units: str | None = None  # dong | usd | luot
    bare_share: bool = False
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    examples: tuple[Mapping[str, str], ...] = ()


@dataclass(frozen=True)
class Figure:
    indicator: str
    measure: str  # GROWTH | SHARE | AMOUNT
    value: Decimal  # in ``unit``; negative for "giảm"
    unit: str  # "%", "% kế hoạch", "% dự toán", "tỷ đồng", "triệu USD", "lượt khách"
    qualifier: str | None  # "hơn", "trên", "gần", "khoảng": the text says the value is bounded
    estimated: bool  # "ước": an estimate
    period: str | None  # as written: "quý I", "6 tháng đầu năm 2023", "đến ngày 30/9/2022"
    sentence: str
    # Filled by notice_figures: where the figure comes from.
    province: str | None = None
    province_id: str | None = None
    notice_id: str = ""
    notice_date: str | None = None

    @property
    def text(self) -> str:
        """The value as a Vietnamese reader writes it: ``tăng 3,42%``, ``419,016 tỷ đồng``."""
        number = format_number(abs(self.value) if self.measure == GROWTH else self.value)
        qual = f"{self.qualifier} " if self.qualifier else ""
        if self.measure == GROWTH:
            verb = "giảm" if self.value < 0 else "tăng"
            return f"{verb} {qual}{number}%"
        if self.measure == SHARE:
            return f"{qual}{number}{self.unit}".replace("% ", "% ", 1)
        return f"{qual}{number} {self.unit}"


# -- loading ----------------------------------------------------------------------------------

_FIELDS = (
    "id", "name", "cues", "measures", "units", "bare_share", "not_after", "not_before", "examples",
)


def load_indicators(path: Path) -> tuple[Indicator, ...]:
    """The vocabulary of ``path`` through the one reference loader (rebuilt when it changes)."""
    return refdata.load(path.parent, path.name)


def _from_data(raw: object, path: Path = Path(FILE)) -> tuple[Indicator, ...]:
    if not isinstance(raw, list):
        raise IndicatorError(f"{path.name}: expected a list of indicators")
    out = []
    for index, entry in enumerate(raw):
        where = f"{path.name}: entry {index}"
        if not isinstance(entry, dict) or not entry.get("id"):
            raise IndicatorError(f"{where}: expected a mapping with an id")
        where += f" ({entry['id']})"
        unknown = set(entry) - set(_FIELDS)
        if unknown:
            raise IndicatorError(f"{where}: unknown field {sorted(unknown)[0]!r}")
        measures = tuple(entry.get("measures") or ())
        if not measures or set(measures) - {GROWTH, SHARE, AMOUNT}:
            raise IndicatorError(f"{where}: measures must be among growth, share, amount")
        units = entry.get("units")
        if (AMOUNT in measures) != (units in _UNITS):
            raise IndicatorError(f"{where}: an amount needs units dong, usd or luot")
        if not entry.get("cues") or not entry.get("name"):
            raise IndicatorError(f"{where}: name and cues are required")
        out.append(
            Indicator(
                id=entry["id"], name=entry["name"], cues=tuple(entry["cues"]),
                measures=measures, units=units, bare_share=bool(entry.get("bare_share")),
                not_after=tuple(entry.get("not_after") or ()),
                not_before=tuple(entry.get("not_before") or ()),
                examples=tuple(entry.get("examples") or ()),
            )
        )
    return tuple(out)


# -- reading numbers --------------------------------------------------------------------------

_NUM = r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
_QUAL = r"(?:(?P<qual>khoảng|hơn|trên|gần|xấp xỉ)\s+)?"


def parse_number(text: str) -> Decimal:
    """``419.016`` → 419016, ``4,1`` → 4.1, ``29.232,75`` → 29232.75."""
    return Decimal(text.replace(".", "").replace(",", "."))


def format_number(value: Decimal) -> str:
    """Vietnamese digits: 18420.5 → ``18.420,5``; 5.120 → ``5,12``."""
    value = value.normalize()
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")


_SCALE = {"nghìn tỷ": Decimal(1000), "ngàn tỷ": Decimal(1000), "tỷ": Decimal(1), "tỉ": Decimal(1),
          "nghìn tỉ": Decimal(1000), "ngàn tỉ": Decimal(1000),
          "triệu": Decimal("0.001"), "nghìn": Decimal("0.000001"), "ngàn": Decimal("0.000001")}
_USD_SCALE = {"tỷ": Decimal(1000), "tỉ": Decimal(1000), "triệu": Decimal(1),
              "nghìn": Decimal("0.001"), "ngàn": Decimal("0.001")}
_COUNT_SCALE = {"triệu": Decimal(1_000_000), "nghìn": Decimal(1000), "ngàn": Decimal(1000),
                "vạn": Decimal(10_000)}

_AMOUNT = {
    "dong": re.compile(
        rf"{_QUAL}{_NUM}\s*(?P<scale>nghìn t[ỷỉ]|ngàn t[ỷỉ]|t[ỷỉ]|triệu|nghìn|ngàn)?"
        r"\s*(?:đồng|đ)\b",
        re.IGNORECASE),
    "usd": re.compile(
        rf"{_QUAL}{_NUM}\s*(?P<scale>t[ỷỉ]|triệu|nghìn|ngàn)?\s*(?:USD|đô la Mỹ|đô la)\b",
        re.IGNORECASE),
    "luot": re.compile(
        rf"{_QUAL}{_NUM}\s*(?P<scale>triệu|nghìn|ngàn|vạn)?\s*lượt(?P<who>\s+(?:khách|người))?",
        re.IGNORECASE),
}
_GROWTH = re.compile(
    rf"(?P<verb>tăng(?:\s+trưởng)?|giảm)\s+(?:ước\s+)?(?:đạt\s+)?{_QUAL}{_NUM}\s*%",
    re.IGNORECASE,
)
_GROWTH_BARE = re.compile(rf"(?:đạt|là|ở mức)\s+{_QUAL}{_NUM}\s*%", re.IGNORECASE)
_SHARE = re.compile(
    rf"(?:đạt|bằng|được)\s+{_QUAL}{_NUM}\s*%\s*(?:so\s+(?:với\s+)?)?"
    rf"(?P<basis>kế hoạch|KH|dự toán|chỉ tiêu)",
    re.IGNORECASE,
)
_SHARE_BARE = re.compile(rf"(?:đạt|được)\s+{_QUAL}{_NUM}\s*%(?!\s*so\s+(?:với\s+)?cùng)",
                         re.IGNORECASE)
# Right before an amount: the amount is a change or a gap, not the level.
_CHANGE_BEFORE = re.compile(r"(?:tăng|giảm|bổ sung|hụt|thiếu|vượt|còn|thêm)\s*$", re.IGNORECASE)
_MONTH_ON_MONTH = re.compile(r"^\s*so\s+(?:với\s+)?(?:thực hiện\s+)?tháng trước", re.IGNORECASE)

# Words that make the number a target or a requirement, not a result.
_TARGET = re.compile(
    r"phấn đấu|mục tiêu|chỉ tiêu|dự kiến|kịch bản|\bphải\b|tối thiểu|yêu cầu|cần đạt|đề ra|"
    r"được giao|\bgiao\b|quyết tâm|định hướng|đặt ra|kế hoạch năm|dự toán năm|bảo đảm|đảm bảo",
    re.IGNORECASE,
)
# From here on the clause speaks of another whole: the country, an average, a part.
_STOP = re.compile(
    r"cả nước|toàn quốc|bình quân|mức tăng trưởng chung|trong đó|\briêng\b|gồm|xếp thứ|"
    r"so với kế hoạch năm|cùng kỳ là",
    re.IGNORECASE,
)
# A comma followed by anything but the figure's own continuation ("…, bằng 24,6% dự toán",
# "…, tăng 12,4%") opens another item of a list ("…, trồng rừng đạt 128% kế hoạch").
_NEXT_ITEM = re.compile(
    r",\s+(?!tăng|giảm|bằng|đạt|so\b|ước|chiếm|vượt|gấp|cao|thấp|\d)", re.IGNORECASE
)
_PART_BEFORE = re.compile(r"(?:trong đó|riêng|gồm|bao gồm)\s*[:,]?\s*$", re.IGNORECASE)
_PART_AFTER = re.compile(r"^\s*(?:quốc tế|nội địa|trong nước|ngoài nước|lưu trú|nước ngoài)",
                         re.IGNORECASE)
_ESTIMATE = re.compile(r"\bước\b", re.IGNORECASE)
_PERIOD = re.compile(
    r"quý\s+(?:I{1,3}|IV)(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?"
    r"|\d{1,2}\s+tháng(?:\s+đầu\s+năm|\s+cuối\s+năm)?(?:\s+(?:năm\s+)?\d{4})?"
    r"|tháng\s+\d{1,2}(?:\s*/\s*\d{4})?"
    r"|cả năm(?:\s+\d{4})?"
    r"|đến (?:ngày\s+)?\d{1,2}/\d{1,2}/\d{4}"
    r"|năm\s+\d{4}",
    re.IGNORECASE,
)
_PARENS = re.compile(r"\([^()]*\)")
_DIGIT = re.compile(r"\d")
_WINDOW = 200


@dataclass(frozen=True)
class _Cue:
    indicator: Indicator
    start: int
    end: int


@lru_cache(maxsize=4)
def _cue_pattern(indicators: tuple[Indicator, ...]) -> tuple[re.Pattern[str], dict[str, Indicator]]:
    by_cue = {cue.lower(): ind for ind in indicators for cue in ind.cues}
    alternatives = sorted(by_cue, key=len, reverse=True)  # the longest cue at a position wins
    pattern = re.compile(
        r"(?<![\w])(?:" + "|".join(re.escape(c) for c in alternatives) + r")(?![\w])",
        re.IGNORECASE,
    )
    return pattern, by_cue


def find_figures(
    text: str,
    indicators: tuple[Indicator, ...],
    other_place: Callable[[str], bool] | None = None,
) -> list[Figure]:
    """Every figure of ``text`` (one notice's body), in text order. ``other_place(words)``
    says whether the words before a figure, in its clause, name a province other than the
    notice's: such a figure is another province's."""
    out: list[Figure] = []
    for paragraph in _plain(text).split("\n"):
        for sentence in split_sentences(paragraph, semicolons=True):
            out.extend(_sentence_figures(sentence, indicators, other_place))
    return out


def _plain(text: str) -> str:
    """Markdown emphasis and line breaks out; the words and numbers stay."""
    return re.sub(r"[*_`]+", "", text)


def _cues(sentence: str, indicators: tuple[Indicator, ...]) -> list[_Cue]:
    pattern, by_cue = _cue_pattern(indicators)
    lowered = re_lower(sentence)
    if not any(cue in lowered for cue in by_cue):
        return []  # nine sentences in ten with a number name no indicator
    return [
        _Cue(by_cue[m.group(0).lower()], m.start(), m.end()) for m in pattern.finditer(sentence)
    ]


def _sentence_figures(
    sentence: str, indicators: tuple[Indicator, ...], other_place: Callable[[str], bool] | None
) -> list[Figure]:
    if not _DIGIT.search(sentence):
        return []  # every reading is a number (_NUM): the cue search can be skipped
    cues = _cues(sentence, indicators)
    out: list[Figure] = []
    seen: set[tuple[str, str]] = set()
    for i, cue in enumerate(cues):
        ind = cue.indicator
        after = sentence[cue.end :]
        if any(after.lower().lstrip().startswith(w.lower()) for w in ind.not_after):
            continue
        if _PART_BEFORE.search(sentence[max(0, cue.start - 20) : cue.start]):
            continue
        clause_before = re.split(r"[.;]", sentence[: cue.start])[-1].lower()
        if any(w.lower() in clause_before for w in ind.not_before):
            continue
        if ind.units == "luot" and _PART_AFTER.match(after):
            continue
        nxt = next((c.start for c in cues[i + 1 :] if c.indicator.id != ind.id), len(sentence))
        window = sentence[cue.end : min(nxt, cue.end + _WINDOW)]
        for boundary in (_STOP, _NEXT_ITEM):
            stop = boundary.search(window)
            if stop:
                window = window[: stop.start()]
        window = _PARENS.sub(lambda m: " " * len(m.group(0)), window)
        start = cues[i - 1].end if i else 0  # this cue's own stretch of the sentence
        for figure in _readings(sentence, cue, window, start, other_place):
            key = (ind.id, figure.measure)
            if key not in seen:  # the first reading of a measure after its cue, not the parts
                seen.add(key)
                out.append(figure)
    return out


def _readings(
    sentence: str,
    cue: _Cue,
    window: str,
    own_start: int,
    other_place: Callable[[str], bool] | None,
) -> Iterable[Figure]:
    ind = cue.indicator
    # What leads to the cue in its clause: "phấn đấu", "phải" there make a target.
    lead = re.split(r"[,:;(]", sentence[max(own_start, cue.start - 50) : cue.start])[-1]
    growth_bare = "tăng trưởng" in (lead[-20:] + sentence[cue.start : cue.end]).lower()
    found: list[tuple[int, str, Decimal, str, str | None]] = []
    if GROWTH in ind.measures:
        m = _GROWTH.search(window)
        if m and not _MONTH_ON_MONTH.match(window[m.end() :]):
            sign = Decimal(-1) if m.group("verb").lower() == "giảm" else Decimal(1)
            found.append((m.start(), GROWTH, sign * parse_number(m.group("num")), "%",
                          m.group("qual")))
        elif growth_bare and (m := _GROWTH_BARE.search(window)):
            found.append((m.start(), GROWTH, parse_number(m.group("num")), "%", m.group("qual")))
    if SHARE in ind.measures:
        m = _SHARE.search(window)
        if m:
            basis = "dự toán" if m.group("basis").lower() == "dự toán" else "kế hoạch"
            found.append((m.start(), SHARE, parse_number(m.group("num")), f"% {basis}",
                          m.group("qual")))
        elif ind.bare_share and (m := _SHARE_BARE.search(window)):
            found.append((m.start(), SHARE, parse_number(m.group("num")), "% kế hoạch",
                          m.group("qual")))
    if AMOUNT in ind.measures and ind.units:
        # A verb cue ("đón") counts visitors only when it says they are visitors: "đón tiếp
        # 1.200 lượt công dân" at a one-stop office is not tourism.
        verb_cue = sentence[cue.start : cue.end].lower() == "đón"
        for m in _AMOUNT[ind.units].finditer(window):
            if _CHANGE_BEFORE.search(window[: m.start()]):
                continue
            if verb_cue and "khách" not in (m.group("who") or "").lower():
                continue
            found.append((m.start(), AMOUNT, _amount(m, ind.units), _UNITS[ind.units],
                          m.group("qual")))
            break
    for start, measure, value, unit, qual in found:
        if _TARGET.search(lead + sentence[cue.start : cue.end] + window[:start]):
            continue  # "phấn đấu tăng 7%", "phải giải ngân đạt tối thiểu 60%"
        own = _PARENS.sub(" ", sentence[own_start : cue.end + start])
        if other_place is not None and other_place(own):
            continue
        yield Figure(
            indicator=ind.id, measure=measure, value=value, unit=unit, qualifier=qual,
            estimated=bool(_ESTIMATE.search(sentence[max(0, cue.start - 30) : cue.end + start])),
            period=_period(own),
            sentence=sentence.strip(),
        )


_COMPARED = re.compile(r"(?:so\s+(?:với\s+)?|cùng kỳ\s+|bằng\s+)(?:thực hiện\s+)?$", re.IGNORECASE)


def _period(text: str) -> str | None:
    """The last period named before the figure that is not the comparison's ("so với tháng
    03", "cùng kỳ năm 2022")."""
    for m in reversed(list(_PERIOD.finditer(text))):
        if not _COMPARED.search(text[: m.start()]):
            return re.sub(r"\s+", " ", m.group(0))
    return None


def _amount(m: re.Match[str], units: str) -> Decimal:
    number = parse_number(m.group("num"))
    scale_word = (m.group("scale") or "").lower()
    if units == "dong":
        scale = _SCALE.get(scale_word, Decimal("0.000000001"))  # bare đồng
    elif units == "usd":
        scale = _USD_SCALE.get(scale_word, Decimal("0.000001"))
    else:
        scale = _COUNT_SCALE.get(scale_word, Decimal(1))
    return (number * scale).normalize()


# -- cached with the notice ---------------------------------------------------------------------


def figure_to_json(figure: Figure) -> dict[str, object]:
    """A figure as JSON values (the value as its exact decimal text), for the build cache."""
    data = dict(figure.__dict__)
    data["value"] = str(figure.value)
    return data


def figure_from_json(data: dict[str, object]) -> Figure:
    return Figure(**{**data, "value": Decimal(str(data["value"]))})  # type: ignore[arg-type]


# -- per notice -------------------------------------------------------------------------------


def notice_figures(
    record: Record, body: str, indicators: tuple[Indicator, ...], ref: Reference | None = None
) -> list[Figure]:
    """The figures of one notice, tied to its province and date. With ``ref``, a figure whose
    sentence names another province (before the figure) is left out: it is not this
    province's result."""
    other = None
    if ref is not None:
        def other(words: str) -> bool:
            return any(m.id != record.province_id for m in ref.find_provinces(words))
    out = []
    for figure in find_figures(body, indicators, other):
        out.append(
            Figure(
                **{**figure.__dict__, "province": record.province,
                   "province_id": record.province_id, "notice_id": record.id,
                   "notice_date": record.date or record.meeting_date}
            )
        )
    return out


# -- across notices ---------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorTable:
    """One indicator across provinces and time: the rows of its page, oldest first."""

    indicator: Indicator
    rows: tuple[Figure, ...]

    @property
    def provinces(self) -> tuple[str, ...]:
        return tuple(sorted({f.province for f in self.rows if f.province}))


def indicator_tables(
    figures: Iterable[Figure], indicators: tuple[Indicator, ...]
) -> list[IndicatorTable]:
    """Figures grouped by indicator (reference order), each in date, province, measure order."""
    by_id: dict[str, list[Figure]] = {ind.id: [] for ind in indicators}
    for figure in figures:
        by_id.setdefault(figure.indicator, []).append(figure)
    order = {GROWTH: 0, SHARE: 1, AMOUNT: 2}
    return [
        IndicatorTable(
            ind,
            tuple(sorted(by_id[ind.id], key=lambda f: (f.notice_date or "", f.province or "",
                                                       order[f.measure], f.notice_id))),
        )
        for ind in indicators
    ]


refdata.register(FILE, build=_from_data)
