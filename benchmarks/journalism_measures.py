"""Measures of issue 11 on the repository's real texts (content/notices + tests/corpus).

    .venv/bin/python benchmarks/journalism_measures.py

Prints: the share of deadlines with a real task text and a body, before (extraction without
thongbao.tasks.complete_tasks) and after; how many notices each topic is main for; how many
cited national documents the vocabulary explains; the figures read per indicator.
Quality measures, not timings: deterministic, run in a few seconds.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import journal_corpus  # noqa: E402
import thongbao.extract  # noqa: E402
from thongbao.figures import load_indicators, notice_figures  # noqa: E402
from thongbao.national_documents import load_national_documents  # noqa: E402
from thongbao.reference import load_reference  # noqa: E402
from thongbao.tasks import task_share  # noqa: E402


def _share(label: str, records: list) -> None:
    total, real, with_body = task_share(records)
    print(f"  {label}: {total} deadlines, {real} with a real task text ({real / total:.0%}), "
          f"{with_body} with a real task text and a body ({with_body / total:.0%})")


def main() -> None:
    print("Tasks (deadlines of the 36 real texts)")
    real_complete = thongbao.extract.complete_tasks
    thongbao.extract.complete_tasks = lambda deadlines, blocks: list(deadlines)
    journal_corpus.extractions.cache_clear()
    before = journal_corpus.records()
    lao_cai_before = next(r for r in before if r.province_id == "lao-cai" and r.date == "2021-09")
    thongbao.extract.complete_tasks = real_complete
    journal_corpus.extractions.cache_clear()
    after = journal_corpus.records()
    lao_cai_after = next(r for r in after if r.province_id == "lao-cai" and r.date == "2021-09")
    _share("before", before)
    _share("after ", after)
    _share("Lào Cai seed before", [lao_cai_before])
    _share("Lào Cai seed after ", [lao_cai_after])

    print(f"Main topics ({len(after)} notices; limit 40 %)")
    counts = Counter(slug for r in after for slug in r.topics_main)
    every = Counter(slug for r in after for slug in r.topics)
    for slug, n in counts.most_common():
        print(f"  {slug:22} main in {n:2} ({n / len(after):4.0%}), assigned in {every[slug]:2}"
              f" ({every[slug] / len(after):4.0%})")
    print(f"  topics per notice: all {sum(every.values()) / len(after):.1f}, "
          f"main {sum(counts.values()) / len(after):.1f}")

    ref_dir = ROOT / "content" / "reference"
    docs = load_national_documents(ref_dir / "national_documents.yml")
    cited = Counter()
    symbols = {}
    for r in after:
        for p in r.policies:
            if p.kind == "document" and not p.local:
                cited[p.id] += 1
                symbols[p.id] = p.symbol
    explained = [pid for pid in cited if docs.describe(pid, symbols[pid])]
    print(f"National documents: {len(docs.by_id)} in the vocabulary; of {len(cited)} cited in the "
          f"texts {len(explained)} explained, {sum(cited[p] for p in explained)} of "
          f"{sum(cited.values())} citations")

    ref = load_reference(ref_dir)
    inds = load_indicators(ref_dir / "indicators.yml")
    figures, notices = [], 0
    for e in journal_corpus.extractions().values():
        found = notice_figures(e.record, e.body, inds, ref)
        figures += found
        notices += bool(found)
    per = Counter(f.indicator for f in figures)
    print(f"Figures: {len(figures)} read from {notices} notices: "
          + ", ".join(f"{i.id} {per[i.id]}" for i in inds))


if __name__ == "__main__":
    main()
