"""A partitioned build gives the same site as one build, byte for byte (docs/parts.md).

The commands are those of .github/workflows/pages-matrix.yml: ``thongbao parts plan``, one
``python -m thongbao_mkdocs.partbuild`` per group and one ``--shared``, ``thongbao parts merge``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from opendata_site import publishing_env
from sitebuild import make_project
from thongbao import sitesize
from thongbao.parts import MergeConflict, Part, groups, merge, missing_pages, prune

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from gen_notices import generate  # noqa: E402

BIN = Path(sys.executable).parent


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900,
                          check=False)
    assert done.returncode == 0, (cmd, done.stderr[-3000:])
    assert "WARNING" not in done.stderr, done.stderr[-3000:]
    return done


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_two_parts_and_the_shared_build_merge_into_the_same_site(tmp_path):
    root = make_project(tmp_path / "p", notices=())
    notices = generate(root / "content", 60, seed=3)
    provinces = {p.parent.parent.name for p in notices}
    assert len(provinces) >= 4
    python, thongbao = str(BIN / "python"), str(BIN / "thongbao")
    with publishing_env() as env:
        plan = json.loads(_run([thongbao, "parts", "plan", "--groups", "2"], root, env).stdout)
        _run([python, "-m", "mkdocs", "build", "--strict", "-d", "site-whole"], root, env)
        names = []
        for entry in plan["include"]:  # as the matrix job's step: no provinces is --shared
            names.append(f"site-{entry['name']}")
            which = ["--provinces", entry["provinces"]] if entry["provinces"] else ["--shared"]
            _run([python, "-m", "thongbao_mkdocs.partbuild", "-d", names[-1], *which], root, env)
        merged_log = _run([thongbao, "parts", "merge", "site", *names], root, env).stderr

    assert [e["name"] for e in plan["include"]] == ["shared", "part-1", "part-2"]
    whole, merged = _tree(root / "site-whole"), _tree(root / "site")
    assert len(whole) > 300
    assert sorted(whole) == sorted(merged)
    assert [name for name in sorted(whole) if whole[name] != merged[name]] == []
    # The merge says what the merged site weighs, as the host receives it.
    size = sitesize.measure(root / "site")
    assert size.files == len(merged)
    assert f"thongbao: {sitesize.size_line(size)}" in merged_log.splitlines()
    # Each part really is a share: its provinces' notice pages, nothing shared.
    shares = [set(_tree(root / name)) for name in names]
    assert sum(len(s) for s in shares) == len(whole)  # no file written twice
    for share, entry in zip(shares[1:], plan["include"][1:], strict=True):
        own = {f"van-ban/{p}/" for p in entry["provinces"].split(",")}
        notice_pages = {n for n in share if n.startswith("van-ban/") and n.endswith(".html")}
        assert notice_pages and all(n[:n.index("/", 8) + 1] in own for n in notice_pages)
        assert "index.html" not in share and "sitemap.xml" not in share
    assert not any(n.startswith("van-ban/") and n.endswith("index.html") for n in shares[0])


def test_groups_balance_the_notices_and_keep_every_province():
    counts = {"a": 10, "b": 7, "c": 4, "d": 3, "e": 0}
    found = groups(counts, 2)
    assert found == [["a", "d"], ["b", "c", "e"]]
    assert groups(counts, 9) == [["a"], ["b"], ["c"], ["d"], ["e"]]


def test_merge_refuses_a_file_written_differently_twice(tmp_path):
    a, b, out = tmp_path / "a", tmp_path / "b", tmp_path / "out"
    for part, text in ((a, "one"), (b, "two")):
        (part / "x").mkdir(parents=True)
        (part / "x" / "index.html").write_text(text, encoding="utf-8")
    (b / "same.txt").write_text("s", encoding="utf-8")
    with pytest.raises(MergeConflict, match=r"x/index\.html"):
        merge(out, [a, b])


def test_prune_keeps_the_part_and_missing_pages_names_the_gap(tmp_path):
    site = tmp_path / "site"
    files = {"index.html": "home", "tinh/x/index.html": "x", "tinh/y/index.html": "y",
             "van-ban/x/2021/n/index.html": "n", "tinh/index.html": "list",
             "sitemap.xml": "<urlset><url><loc>https://e.org/s/</loc></url>"
                            "<url><loc>https://e.org/s/tinh/y/</loc></url>"
                            "<url><loc>https://e.org/s/tinh/z/</loc></url></urlset>"}
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    assert missing_pages(site) == ["tinh/z/index.html"]
    kept = prune(site, Part(frozenset({"x"}), shared=False),
                 {"van-ban/x/2021/n/index.html": "x"})
    assert kept == 2
    assert sorted(_tree(site)) == ["tinh/x/index.html", "van-ban/x/2021/n/index.html"]


def test_the_matrix_workflow_runs_the_commands_of_this_test():
    import yaml

    flow = yaml.safe_load((ROOT / ".github/workflows/pages-matrix.yml").read_text("utf-8"))
    assert set(flow[True]) == {"workflow_dispatch"}  # YAML 1.1 reads `on` as True
    jobs = flow["jobs"]
    script = {name: "\n".join(s.get("run", "") for s in job["steps"]) for name, job in jobs.items()}
    assert "thongbao parts plan --groups" in script["plan"]
    assert "-m thongbao_mkdocs.partbuild" in script["part"] and "--shared" in script["part"]
    assert "thongbao parts merge site parts/site-*" in script["merge"]
    assert jobs["part"]["strategy"]["matrix"] == "${{ fromJSON(needs.plan.outputs.matrix) }}"
    assert jobs["part"]["needs"] == "plan" and jobs["merge"]["needs"] == "part"
    # The plan job starts from the last run's extraction cache (found by digest: never wrong)
    # and extracts only what changed; its cache step comes before the extraction.
    steps = jobs["plan"]["steps"]
    cache = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache@"))
    extract = next(i for i, s in enumerate(steps) if "parts plan" in s.get("run", ""))
    assert cache < extract
    assert steps[cache]["with"]["path"] == ".cache/thongbao/"
    assert "github.sha" in steps[cache]["with"]["key"] and steps[cache]["with"]["restore-keys"]
    # Each part keeps its own page cache between runs, with the search index and each
    # notice's terms and export rows; restored after the records, whose folder holds the rows'.
    part = jobs["part"]["steps"]
    pages = next(s for s in part if s.get("uses", "").startswith("actions/cache@"))
    assert pages["with"]["path"].split() == [
        ".cache/pages/", ".cache/search/", ".cache/thongbao/exports/"]
    assert "matrix.name" in pages["with"]["key"]
    records = next(i for i, s in enumerate(part) if "download-artifact" in s.get("uses", ""))
    assert records < part.index(pages) < next(
        i for i, s in enumerate(part) if "partbuild" in s.get("run", ""))
