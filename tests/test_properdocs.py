"""The same site from ProperDocs (the maintained continuation of MkDocs 1.6, PyPI
``properdocs``): same files, same bytes but for the generator tag, so the archive can leave
MkDocs when it must. Skipped when properdocs is not installed (a dev dependency)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest
from htmlquery import document, meta_content
from opendata_site import project_of, publishing_env, shared_site
from sitecompare import compare_sites, files_of

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("properdocs") is None, reason="properdocs is not installed"
)


def test_properdocs_builds_the_same_site(tmp_path):
    mkdocs_site = shared_site()
    project = project_of(mkdocs_site)
    out = tmp_path / "site-properdocs"
    command = [sys.executable, "-m", "properdocs", "build", "--strict",
               "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    with publishing_env() as env:
        done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True,
                              timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "WARNING" not in done.stderr, done.stderr[-3000:]
    assert len(files_of(out)) == len(files_of(mkdocs_site)) > 100
    assert compare_sites(mkdocs_site, out) == []
    generator = (out / "index.html").read_text(encoding="utf-8")
    tool = meta_content(document(generator), "generator") or ""
    assert tool.startswith("mkdocs-ProperDocs")  # it really was ProperDocs


def test_comparison_notices_a_difference(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for site in (a, b):
        (site / "x").mkdir(parents=True)
        (site / "x" / "index.html").write_text(
            '<meta name="generator" content="tool-1">same', encoding="utf-8")
    assert compare_sites(a, b) == []
    (b / "x" / "index.html").write_text("changed", encoding="utf-8")
    (b / "extra.json").write_text("{}", encoding="utf-8")
    assert compare_sites(a, b) == [f"only in {b}: extra.json", "differs: x/index.html"]
