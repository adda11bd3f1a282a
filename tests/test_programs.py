"""Every example of content/reference/programs.yml is found as its own programme."""

from __future__ import annotations

from pathlib import Path

import pytest
from thongbao.programs import load_programs, program_policies

FINDER = load_programs(Path(__file__).resolve().parents[1] / "content/reference/programs.yml")
EXAMPLES = [(pid, ex) for pid, p in FINDER.programs.items() for ex in p.examples]


@pytest.mark.parametrize(("program_id", "example"), EXAMPLES)
def test_example_names_its_programme(program_id, example):
    assert program_id in [pid for pid, _s, _e in FINDER.find(example)]


def test_a_full_name_is_not_also_the_generic_programme():
    found = [pid for pid, _s, _e in FINDER.find("Chương trình mục tiêu quốc gia xây dựng nông thôn mới")]
    assert found == ["ctmtqg-nong-thon-moi"]


def test_programmes_become_policies_with_their_sentences():
    text = "Sở Tài chính phân bổ vốn Chương trình MTQG xây dựng nông thôn mới. Phát triển OCOP."
    policies = {p.id: p for p in program_policies([text], FINDER)}
    assert set(policies) == {"ctmtqg-nong-thon-moi", "ocop"}
    assert policies["ocop"].kind == "program" and policies["ocop"].quotes == ("Phát triển OCOP.",)
