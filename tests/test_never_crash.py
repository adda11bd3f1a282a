"""Property-based tests: any bytes and any text give a record or a clean refusal, never a crash.

Budget: the ``ci`` profile (default) runs 200 examples per property; ``THONGBAO_FUZZ=20000``
runs that many (see docs/formats.md for the big run's numbers).
"""

from __future__ import annotations

import os
import unicodedata

import pytest
from conftest import CONTENT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from thongbao.decoding import DecodeError, decode_bytes
from thongbao.extract import NotANotice, extract
from thongbao.programs import load_programs
from thongbao.record import Source

settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("big", max_examples=int(os.environ.get("THONGBAO_FUZZ") or 200),
                          deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("big" if os.environ.get("THONGBAO_FUZZ") else "ci")

PROGRAMS = load_programs(CONTENT / "reference" / "programs.yml")
SUFFIXES = ["a.txt", "a.md", "a.html", "a.pdf", "a.docx", "a.doc", "a", "a.png"]
# Text that looks like a notice, cut and spliced at random: reaches deep into extraction.
PIECES = [
    "UBND TỈNH BẮC KẠN", "Số: 12/TB-UBND", "Bắc Kạn, ngày 11 tháng 10 năm 2021", "THÔNG BÁO",
    "Kết luận của Chủ tịch UBND tỉnh", "Ngày 06/10/2021, UBND tỉnh tổ chức Hội nghị",
    "Giao Sở Tài chính chủ trì, báo cáo trước ngày 15/9/2021.", "Nghị quyết số 68/NQ-CP",
    "Chương trình MTQG xây dựng nông thôn mới", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG",
    "Nguyễn Văn A", "Nơi nhận:", "- Lưu: VT.", "**", "## ", "<p>", "</p>", "\n", "\n\n", " ",
    "ngày  tháng 9 năm 2021", "2023-12-05 08:54:52", "Các Sở: Tài chính, Y tế",
]
notice_like = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40).map(
    "".join)


def _outcome(text: str, ref, vocab) -> object:
    try:
        return extract(text, Source("a.txt", "0"), ref, vocab, PROGRAMS).record.to_dict()
    except NotANotice as exc:
        return ("refused", str(exc))


@given(data=st.binary(max_size=4096), name=st.sampled_from(SUFFIXES))
def test_any_bytes_decode_or_are_refused(data, name, ref, vocab):
    try:
        decoded = decode_bytes(data, name)
    except DecodeError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert decoded.text == unicodedata.normalize("NFC", decoded.text)
    _outcome(decoded.text, ref, vocab)


@given(text=st.one_of(st.text(max_size=2000), notice_like))
def test_any_text_gives_a_record_or_a_refusal(text, ref, vocab):
    outcome = _outcome(text, ref, vocab)
    assert outcome == _outcome(text, ref, vocab)  # deterministic


@given(text=notice_like)
def test_nfd_and_nfc_give_the_same_outcome(text, ref, vocab):
    nfd = unicodedata.normalize("NFD", text).encode("utf-8")
    nfc = unicodedata.normalize("NFC", text).encode("utf-8")
    outcomes = []
    for data in (nfd, nfc):
        try:
            outcomes.append(_outcome(decode_bytes(data, "a.txt").text, ref, vocab))
        except DecodeError as exc:
            outcomes.append(("decode", str(exc)))
    assert outcomes[0] == outcomes[1]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@given(cut=st.integers(min_value=0, max_value=100_000), flip=st.integers(0, 255))
def test_damaged_documents_are_refused_or_read(fmt, cut, flip):
    from test_formats import FORMATS

    data = bytearray((FORMATS / f"000_5049124c647c21a7.{fmt}").read_bytes())
    position = cut % len(data)
    data[position] = flip
    try:
        decode_bytes(bytes(data[: max(position, len(data) - cut)]), f"a.{fmt}")
    except DecodeError as exc:
        assert "\n" not in str(exc)


# ---- regressions found by the properties above ------------------------------------------


def test_control_share_is_judged_on_nfc_text():
    # Found by test_nfd_and_nfc_give_the_same_outcome: the NFD form has more characters, so
    # the same control byte fell under the binary threshold in NFD and over it in NFC.
    text = "</p></p>00000\x1fÀÀÙ"
    outcomes = set()
    for form in ("NFD", "NFC"):
        try:
            outcomes.add(decode_bytes(unicodedata.normalize(form, text).encode(), "a.txt").text)
        except DecodeError as exc:
            outcomes.add(str(exc))
    assert outcomes == {"binary file (control characters), not a notice"}


def test_a_few_bytes_with_a_nul_are_not_sniffed_as_utf16():
    # Found by the 20,000-example run: NFD "\x00Ù" (4 bytes) passed the NUL-pattern test for
    # UTF-16-BE and became "U" + a Hangul syllable; its NFC form (3 bytes) was refused.
    for form in ("NFD", "NFC"):
        with pytest.raises(DecodeError, match=r"^binary file \(NUL bytes\)"):
            decode_bytes(unicodedata.normalize(form, "\x00Ù").encode(), "a.txt")
