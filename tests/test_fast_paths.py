"""Fast paths of the build step give what their definitions give.

The literal pre-tests that skip slow regexes never skip a text the regex would match. Each
stands before a case-insensitive regex of many alternatives (slow to find nothing):
``re_lower`` with substring tests (figures' cues; the longest word of each programme's
spellings), substring tests on the lowered sentence (attendance lists, promulgation), a
lookahead of the characters a match can start with (deadline phrases, district committees,
yearless deadlines).
Held here on texts built from the cues' own words, their capitalisations and the letters the
regex engine folds further. Then the string functions that replaced a regex substitution
(trailing spaces, the text key) against that substitution.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from thongbao import agencies, cleaning, deadlines, duplicates, tasks
from thongbao.casefold import re_lower
from thongbao.figures import _cue_pattern, _cues, load_indicators
from thongbao.programs import load_programs
from thongbao.reference import load_reference

REFERENCE = Path(__file__).resolve().parents[1] / "content" / "reference"
INDICATORS = load_indicators(REFERENCE / "indicators.yml")
PROGRAMS = load_programs(REFERENCE / "programs.yml")
REFERENCE_DATA = load_reference(REFERENCE)

_ODD_LETTERS = ["ı", "İ", "ſ", "ẛ", "K", "ẞ", "Ş"]


def _words(*texts: str) -> list[str]:
    return sorted({w for t in texts for w in re.split(r"[\s,\-–]+", t) if w})


def _texts(words: list[str]) -> st.SearchStrategy[str]:
    """Texts of the cues' words, in any case, with odd letters and separators between."""
    word = st.sampled_from(words).flatmap(
        lambda w: st.sampled_from([w, w.upper(), w.capitalize(), w.replace("i", "ı"),
                                   w.replace("s", "ſ"), w.replace("i", "İ").upper()])
    )
    piece = st.one_of(word, st.sampled_from([" ", ", ", " - ", "  ", "5", *_ODD_LETTERS]))
    return st.lists(piece, max_size=14).map("".join)


def _spans(regex: re.Pattern[str], text: str) -> list[tuple[int, int, dict[str, str | None]]]:
    """Every match of ``regex`` in ``text``: where, and what each group took."""
    return [(m.start(), m.end(), m.groupdict()) for m in regex.finditer(text)]


def _without(pattern: str, lookahead: str) -> str:
    """The pattern as it was defined, before the lookahead that speeds it up."""
    assert pattern.startswith(lookahead)
    return pattern.removeprefix(lookahead)


_CUE_WORDS = _words(*(cue for ind in INDICATORS for cue in ind.cues))
_PROGRAM_WORDS = _words(*PROGRAMS.by_key)


def test_re_lower_agrees_with_ignorecase_on_the_letters_it_folds() -> None:
    for odd, plain in (("ı", "i"), ("İ", "i"), ("ſ", "s"), ("ẛ", "ṡ"), ("K", "k")):
        assert re.fullmatch(plain, odd, re.IGNORECASE)  # the engine folds them …
        assert plain in re_lower(f"x{odd}x")  # … and so does re_lower


@given(_texts(_CUE_WORDS))
@settings(max_examples=300, deadline=None)
def test_figure_cues_pretest_skips_no_match(text: str) -> None:
    pattern, _ = _cue_pattern(INDICATORS)
    expected = [(m.start(), m.end()) for m in pattern.finditer(text)]
    assert [(c.start, c.end) for c in _cues(text, INDICATORS)] == expected


@given(_texts(_PROGRAM_WORDS))
@settings(max_examples=300, deadline=None)
def test_programme_pretest_skips_no_match(text: str) -> None:
    assert PROGRAMS.mentioned(text) == (PROGRAMS.regex.search(text) is not None)


@given(_texts(_words("tham dự họp cùng thành phần có mặt đến mời dự Sở Y tế")))
@settings(max_examples=300, deadline=None)
def test_attendance_pretest_skips_no_match(text: str) -> None:
    m = agencies._ATTENDANCE.search(text)
    assert agencies.without_attendance(text) == (text if m is None else text[: m.start()])


_DEADLINE_WORDS = _words(
    "thời gian hạn hoàn thành xong trước chậm nhất muộn không quá hơn chót cuối đến hết "
    "trong là vào ngày tháng năm 2025 30/9 Sở Y tế báo cáo"
)
# The phrase without the lookahead that names a match's first characters.
_PHRASE_DEFINITION = re.compile(
    _without(tasks._DEADLINE_PHRASE.pattern, r"(?=[thxcmkđ,\s])"), re.IGNORECASE
)


@given(_texts(_DEADLINE_WORDS))
@settings(max_examples=300, deadline=None)
def test_deadline_phrase_lookahead_changes_no_match(text: str) -> None:
    assert tasks._DEADLINE_PHRASE.sub(" ", text) == _PHRASE_DEFINITION.sub(" ", text)


_DISTRICT_DEFINITION = re.compile(_without(agencies._DISTRICT.pattern, "(?=[PQCUỦ])"))


@given(_texts(_words("Phó Quyền Chủ tịch UBND Ủy Uỷ ban nhân dân huyện quận xã Si Ma Cai .")))
@settings(max_examples=300, deadline=None)
def test_district_lookahead_changes_no_match(text: str) -> None:
    assert _spans(agencies._DISTRICT, text) == _spans(_DISTRICT_DEFINITION, text)


@given(_texts(_words("xin thông báo để cho đến ý kiến kết luận Sở Y tế")))
@settings(max_examples=300, deadline=None)
def test_promulgation_pretest_skips_no_match(text: str) -> None:
    finder = agencies.AgencyFinder(REFERENCE_DATA, "lao-cai")
    if agencies._PROMULGATION.search(text):
        assert finder.tasked(text, None) == []


_YEARLESS_DEFINITION = re.compile(
    _without(deadlines._YEARLESS.pattern, r"(?=[\s\dt])"), re.IGNORECASE
)


@given(_texts(_words("ngày trước chậm nhất tháng năm 15/01 5-3 21.10 12 / 3 Sở")))
@settings(max_examples=300, deadline=None)
def test_yearless_lookahead_changes_no_match(text: str) -> None:
    assert _spans(deadlines._YEARLESS, text) == _spans(_YEARLESS_DEFINITION, text)


# The definitions the line-by-line trimming and the filtered text key replaced.
_TRAILING_SPACES = re.compile(r"[ \t]+$", re.MULTILINE)
_NOT_ALNUM = re.compile(r"[\W_]+")
_LINES = st.lists(
    st.sampled_from(["Sở Y tế", " ", "  ", "\t", "\n", "\n\n\n", "\r", "_", "Đ", "ǅ", "①", "x"]),
    max_size=30,
).map("".join)


@given(_LINES)
@settings(max_examples=400, deadline=None)
def test_tidy_blank_lines_trims_as_the_regex_did(text: str) -> None:
    by_regex = _TRAILING_SPACES.sub(lambda m: "  " if len(m.group()) >= 2 else "", text)
    by_regex = re.sub(r"\n{3,}", "\n\n", by_regex).strip("\n") + "\n"
    assert cleaning.tidy_blank_lines(text) == by_regex


@given(st.one_of(_LINES, st.text(max_size=60)))
@settings(max_examples=400, deadline=None)
def test_text_key_keeps_what_the_regex_kept(text: str) -> None:
    folded = unicodedata.normalize("NFC", text).casefold()
    core = _NOT_ALNUM.sub("", folded)
    assert duplicates.text_key(text) == hashlib.sha256(core.encode()).hexdigest()[:32]


@given(_LINES)
@settings(max_examples=200, deadline=None)
def test_a_text_without_cells_is_not_unflattened(text: str) -> None:
    assert cleaning.unflatten_cell_rows(text) == text
