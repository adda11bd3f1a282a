"""Precision guard for topics (content/reference/topics.yml).

Recall is checked notice by notice in test_corpus.py and test_seeds.py (every labelled topic is
assigned). This file keeps the other side in check: richer evidence lists must not drift into
giving every notice every topic, and the ambiguous words the lists rely on must stay harmless.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from thongbao.decoding import read_notice
from thongbao.extract import extract
from thongbao.record import Source

TESTS = Path(__file__).parent
CORPUS = TESTS / "corpus"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
SEEDS = yaml.safe_load((TESTS / "data" / "seeds_expected.yaml").read_text(encoding="utf-8"))
SEED_DIR = TESTS.parent / "content" / "notices"


def _topics(path: Path, ref, vocab) -> tuple[str, ...]:
    return extract(read_notice(path).text, Source(path.name, ""), ref, vocab).record.topics


@pytest.fixture(scope="module")
def corpus_topics(ref, vocab) -> dict[str, tuple[tuple[str, ...], list[str]]]:
    return {
        e["file"]: (_topics(CORPUS / "notices" / e["file"], ref, vocab), e["topics_include"])
        for e in EXPECTED
    }


def test_short_notices_get_few_topics(corpus_topics) -> None:
    # The corpus is letters and single-subject conclusions of 2-4 KB: about three labelled
    # topics each. Unlabelled topics may be right (labels are a floor), but not many of them.
    counts = [len(got) for got, _ in corpus_topics.values()]
    assert sum(counts) / len(counts) <= 4.0
    for name, (got, want) in corpus_topics.items():
        assert len(set(got) - set(want)) <= 3, (name, got)


def test_no_notice_gets_every_topic(ref, vocab) -> None:
    for seed in SEEDS:
        topics = _topics(SEED_DIR / seed["path"], ref, vocab)
        assert len(topics) < len(ref.topics), seed["path"]


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        # whole words only: "cầu" of "yêu cầu" is not a bridge, "Thái Nguyên" not an ethnic group
        ("yêu cầu các đơn vị báo cáo; tỉnh Thái Nguyên, huyện Mường Tè", "dan-toc-ton-giao"),
        ("yêu cầu các đơn vị báo cáo; tỉnh Thái Nguyên, huyện Mường Tè", "giao-thong-xay-dung"),
        # "dao động" (to fluctuate) is not the Dao people
        ("giá lúa dao động từ 6.000 đến 7.000 đồng/kg", "dan-toc-ton-giao"),
        # a place located on the pre-2025 map is not a restructuring
        ("các xã thuộc tỉnh Hà Giang trước khi hợp nhất; trên địa bàn sau hợp nhất; sau sáp nhập",
         "to-chuc-bo-may"),
        # planning of cadres is personnel work, not spatial planning
        ("quy hoạch cán bộ, quy hoạch cán bộ lãnh đạo, quy hoạch cán bộ nguồn", "quy-hoach"),
        # the verb "xây dựng" (to draw up) is not construction
        ("xây dựng kế hoạch, xây dựng phương án, xây dựng dự thảo", "giao-thong-xay-dung"),
    ],
)
def test_ambiguous_words_do_not_assign(ref, text: str, slug: str) -> None:
    assert ref.score_topics(text)[slug] == 0
