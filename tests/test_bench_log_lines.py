"""The benchmarks read figures from the plugins' log lines: a change of wording there must not
leave ``benchmarks/scale_bench.py`` silently without its search figures."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from sitebuild import ROOT, SEEDS, make_project

sys.path.insert(0, str(ROOT / "benchmarks"))
from scale_bench import SEARCH_LINE  # benchmarks/ is not a package


def _search_line(root: Path, site: Path, caplog) -> str:
    caplog.clear()
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    # On the "mkdocs" logger itself: sitebuild.build_with_config quiets it to WARNING, and a
    # level set on the root logger would not let its INFO lines through.
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build(config)
    lines = [r.getMessage() for r in caplog.records if "search: " in r.getMessage()]
    assert len(lines) == 1, lines
    return lines[0]


def test_scale_bench_reads_the_search_plugins_line_cold_and_warm(tmp_path, caplog):
    root = make_project(tmp_path / "p")
    cold = SEARCH_LINE.search(_search_line(root, tmp_path / "cold", caplog))
    assert cold is not None
    assert (cold.group(1), cold.group(3)) == (str(len(SEEDS)), "indexed")
    assert int(cold.group(2)) > 0 and float(cold.group(4)) >= 0 and float(cold.group(5)) >= 0
    warm = SEARCH_LINE.search(_search_line(root, tmp_path / "warm", caplog))
    assert warm is not None and warm.group(3) == "from the cache"
    assert warm.group(2) == cold.group(2)
