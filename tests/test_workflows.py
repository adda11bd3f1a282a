"""The GitHub Actions workflows: actionlint finds nothing, and they say what the project needs
(tests on push and pull request; a strict build deployed to Pages with least privilege, a
``pages`` concurrency group, pip caching, actions pinned to commits; a ProperDocs check)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s*[\w.-]+/[\w./-]+@([0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job.get("steps", [])


def uses(job: dict[str, Any]) -> list[str]:
    return [s["uses"].split("@")[0] for s in steps(job) if "uses" in s]


def runs(job: dict[str, Any]) -> str:
    return "\n".join(s.get("run", "") for s in steps(job))


def actionlint() -> str | None:
    beside = Path(sys.executable).parent / "actionlint"
    return str(beside) if beside.is_file() else shutil.which("actionlint")


# -- actionlint ------------------------------------------------------------------------------------


@pytest.mark.skipif(actionlint() is None, reason="actionlint is not installed (dev dependency)")
def test_actionlint_finds_nothing():
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert len(files) >= 2
    done = subprocess.run([actionlint(), "-color=false", *files], capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(actionlint() is None, reason="actionlint is not installed (dev dependency)")
def test_actionlint_is_not_vacuous(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    permissions:\n"
                   "      pages: writ\n    steps:\n      - run: echo ${{ github.nope }}\n",
                   encoding="utf-8")
    done = subprocess.run([actionlint(), "-color=false", str(bad)], capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode != 0 and "writ" in done.stdout


# -- what the workflows say ------------------------------------------------------------------------


def test_ci_runs_the_readme_test_command_on_push_and_pull_request():
    ci = load("ci.yml")
    assert {"push", "pull_request"} <= set(ci["on"])
    assert ci["permissions"] == {"contents": "read"}
    (job,) = ci["jobs"].values()
    assert "scripts/dev.sh test" in runs(job)
    assert "scripts/dev.sh test" in (ROOT / "README.md").read_text(encoding="utf-8")
    check_python(job)


def test_pages_builds_strictly_and_deploys_with_the_official_actions():
    pages = load("pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"]
    assert pages["concurrency"]["group"] == "pages"
    assert pages["concurrency"]["cancel-in-progress"] is False
    jobs = pages["jobs"]
    build, deploy = jobs["build"], jobs["deploy"]
    assert uses(build) == ["actions/checkout", "actions/setup-python", "actions/configure-pages",
                           "actions/cache", "actions/upload-pages-artifact"]
    cache = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/"  # what the build keeps by digest, nothing else
    assert cache["with"]["restore-keys"] and "github.sha" in cache["with"]["key"]
    assert "scripts/dev.sh build" in runs(build)  # mkdocs build --strict
    assert "mkdocs build --strict" in (ROOT / "scripts" / "dev.sh").read_text(encoding="utf-8")
    assert "SITE_URL" in str(build) and "SOURCE_DATE_EPOCH" in runs(build)
    check_python(build)
    assert deploy["needs"] == "build"
    assert uses(deploy) == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"


def test_pages_permissions_are_least_privilege():
    pages = load("pages.yml")
    assert pages["permissions"] == {}
    granted = {job: spec.get("permissions") for job, spec in pages["jobs"].items()}
    assert granted["build"] == {"contents": "read", "pages": "read"}
    assert granted["deploy"] == {"pages": "write", "id-token": "write"}
    assert granted["properdocs"] == {"contents": "read"}
    assert all(perms is not None for perms in granted.values())  # no job inherits defaults


def test_pages_also_builds_with_properdocs_and_compares():
    job = load("pages.yml")["jobs"]["properdocs"]
    script = runs(job)
    assert re.search(r'"properdocs==\d+\.\d+\.\d+"', script)
    assert "properdocs build --strict" in script
    assert "tests/sitecompare.py site" in script
    assert (ROOT / "tests" / "sitecompare.py").is_file()


def test_every_action_is_pinned_to_a_commit_with_its_version():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if "uses:" in ln]
        assert lines, path.name
        for line in lines:
            assert PINNED.match(line), f"{path.name}: {line.strip()}"


def test_checkouts_do_not_keep_credentials():
    for name in ("ci.yml", "pages.yml"):
        for job in load(name)["jobs"].values():
            for step in steps(job):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False


def check_python(job: dict[str, Any]) -> None:
    (setup,) = [s for s in steps(job) if s.get("uses", "").startswith("actions/setup-python@")]
    assert setup["with"]["python-version"] == "3.11"
    assert setup["with"]["cache"] == "pip"
    assert "constraints.txt" in setup["with"]["cache-dependency-path"]


def test_mkdocs_reads_the_address_pages_gives_it():
    """pages.yml passes SITE_URL; mkdocs.yml must read it (``site_url: !ENV [SITE_URL, …]``)."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    line = re.search(r"^site_url:.*$", config, re.M)
    if line is None:
        pytest.skip("mkdocs.yml has no site_url yet")
    assert re.match(r"site_url: !ENV \[SITE_URL, ", line.group(0)), line.group(0)
