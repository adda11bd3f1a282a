"""The vocabulary of national documents (content/reference/national_documents.yml): every
example resolves, through the real citation extractor, to its entry; description lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from journal_corpus import REFERENCE, records
from thongbao.citations import Context, find_mentions, resolve
from thongbao.national_documents import (
    FILE,
    VocabularyError,
    load_national_documents,
)

DOCS = load_national_documents(REFERENCE / FILE)
ENTRIES = sorted(DOCS.by_id.values(), key=lambda d: d.id)


def test_at_least_forty_documents() -> None:
    assert len(ENTRIES) >= 40
    assert all(d.source.startswith(("http://", "https://")) for d in ENTRIES)


@pytest.mark.parametrize("doc", ENTRIES, ids=[d.id for d in ENTRIES])
def test_example_resolves_to_its_entry(doc, vocab) -> None:
    # A provincial notice of a year after the document's cites it.
    ctx = Context("Lào Cai", "lao-cai", "tỉnh", doc.year + 1)
    policies = resolve(find_mentions(doc.example, vocab), ctx, vocab)
    found = [p for p in policies if p.symbol == doc.symbol]
    assert len(found) == 1, policies
    assert found[0].id == doc.id
    assert DOCS.find(found[0].id, found[0].symbol) is doc


def test_description_line_of_68() -> None:
    assert DOCS.describe("68-nq-cp-2021") == (
        "Nghị quyết 68/NQ-CP ngày 01/7/2021 của Chính phủ về một số chính sách hỗ trợ người lao "
        "động và người sử dụng lao động gặp khó khăn do đại dịch COVID-19"
    )
    assert DOCS.describe("39-2019-qh14") == "Luật Đầu tư công số 39/2019/QH14 ngày 13/6/2019 của Quốc hội"
    # No verified day: the line says no date rather than a guessed one.
    assert DOCS.describe("178-2024-nd-cp").startswith("Nghị định 178/2024/NĐ-CP của Chính phủ về chính sách")


def test_year_decides_between_documents_of_one_number() -> None:
    assert "năm 2021" in DOCS.describe("02-nq-cp-2021")
    assert "năm 2025" in DOCS.describe("02-nq-cp-2025")
    assert "68/NQ-CP" in DOCS.describe("126-nq-cp-2021")
    assert "cấp xã" in DOCS.describe("126-nq-cp-2025")
    # Cited without a year: one document of that symbol is enough, several are not.
    assert DOCS.describe("68-nq-cp", "68/NQ-CP") == DOCS.describe("68-nq-cp-2021")
    assert DOCS.describe("02-nq-cp", "02/NQ-CP") is None
    assert DOCS.describe("126-nq-cp", "126/NQ-CP") is None
    assert DOCS.describe("9999-nq-cp-2021") is None
    # A provincial document of the same number is another document.
    assert DOCS.describe("68-nq-cp-2021-lao-cai", "68/NQ-CP") is None


def test_describes_most_cited_national_documents_of_the_corpus() -> None:
    cited = {p.id: p.symbol for r in records() for p in r.policies if p.kind == "document" and not p.local}
    described = {pid for pid, symbol in cited.items() if DOCS.describe(pid, symbol)}
    # 68/NQ-CP is the most cited (10 citations in the 36 texts).
    assert "68-nq-cp-2021" in described
    assert {"16-ct-ttg-2020", "40-2020-nd-cp", "06-qd-ttg-2022", "45-2025-nd-cp"} <= described


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- {symbol: 1/NQ-CP, year: 2021}\n", "type is required"),
        ("- {symbol: 1/NQ-CP, year: 2021, type: a, issuer: b, date: 2020-01-01, subject: c, example: d, source: e}\n",
         "not in year 2021"),
        ("- {symbol: 1/NQ-CP, year: 2021, type: a, issuer: b, subject: c, example: d, source: e, note: x}\n",
         "unknown field 'note'"),
        ("{a: 1}\n", "expected a list"),
    ],
)
def test_bad_entries_are_refused_with_the_entry_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / FILE
    path.write_text(text, encoding="utf-8")
    with pytest.raises(VocabularyError, match=message):
        load_national_documents(path)
