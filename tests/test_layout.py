"""The user's layout stays intact: the build step's package is tracked, never ignored."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(),
                    reason="not a git checkout")
@pytest.mark.parametrize("path", ["build/thongbao/__init__.py", "plugins/thongbao_mkdocs/__init__.py",
                                  "content/reference/provinces.yml", ".ci/run"])
def test_package_files_are_tracked_and_not_ignored(path):
    assert _git("ls-files", "--error-unmatch", path).returncode == 0
    assert _git("check-ignore", "-q", path).returncode == 1  # 1: not ignored


def test_readme_opens_with_the_two_commands():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    block = lines[lines.index("```sh") + 1 : lines.index("```")]
    assert [line.split()[:2] for line in block] == [["scripts/dev.sh", "serve"],
                                                   ["scripts/dev.sh", "test"]]
    assert "scripts/dev.sh test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
