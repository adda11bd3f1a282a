"""What the extraction cache is keyed by (thongbao.codeversion, pipeline.extraction_version):
the code that makes a cached page, not the presentation modules of the package."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from sitebuild import ROOT, SEEDS
from thongbao.codeversion import closure, closure_version, distributions, imports_of
from thongbao.pipeline import code_version, extraction_version

PACKAGE = ROOT / "build" / "thongbao"
FORMATS = Path(__file__).parent / "data" / "formats"
# Modules that make what a page shows from the records, never a cached page.
PRESENTATION = ("noticeview", "indexpages", "exports", "feeds", "journalpages", "charts",
                "listing", "publication", "searchindex", "urls")


def test_imports_of_reads_every_form_of_import_also_inside_a_function() -> None:
    source = (
        "import os, thongbao.tasks as t\n"
        "from . import citations, heads\n"
        "from .bodyhtml import (\n    BodyHtml,\n    to_json,\n)\n"
        "from thongbao.figures import FILE\n"
        "from thongbao import slug\n"
        "from markdown_it import MarkdownIt\n"
        "def late():\n    from .pdftext import read\n    import yaml.constructor\n"
    )
    own, other = imports_of(source)
    assert own == {"tasks", "citations", "heads", "bodyhtml", "figures", "slug", "pdftext"}
    assert other == {"os", "markdown_it", "yaml"}


def test_the_extraction_reaches_the_rules_and_not_the_presentation() -> None:
    files, other = closure(PACKAGE, ["pipeline"])
    names = {path.stem for path in files}
    assert {"pipeline", "extract", "bodyhtml", "tasks", "deadlines", "reference", "decoding",
            "pdftext", "docxtext", "figures", "__init__"} <= names
    assert names.isdisjoint(PRESENTATION)
    assert {"markdown_it", "yaml", "pypdfium2", "docx"} <= other
    dists = {name.lower() for name, _ in distributions(other)}
    assert {"markdown-it-py", "pyyaml", "pypdfium2", "python-docx"} <= dists
    assert not dists & {"mkdocs", "mkdocs-material", "jinja2", "minify-html"}


def test_a_presentation_change_keeps_the_extraction_key_and_a_rule_change_does_not(
    tmp_path: Path,
) -> None:
    package = tmp_path / "thongbao"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))

    def version() -> str:
        return closure_version(package, ["pipeline"], package.glob("schemas/*.json"))

    before = version()
    assert before == extraction_version()  # the same files as the running package
    for name in PRESENTATION:
        path = package / f"{name}.py"
        path.write_text(path.read_text("utf-8") + "\n# another page layout\n", "utf-8")
    assert version() == before
    tasks = package / "tasks.py"
    tasks.write_text(tasks.read_text("utf-8") + "\n# another rule\n", "utf-8")
    changed = version()
    assert changed != before
    schema = next(package.glob("schemas/*.json"))
    schema.write_text(schema.read_text("utf-8") + "\n", "utf-8")
    assert version() not in (before, changed)
    assert code_version() != extraction_version()  # the page cache's key: the whole package


def test_every_module_an_extraction_loads_is_in_the_closure(tmp_path: Path) -> None:
    # Imports read from the source could miss a module loaded another way: extract notices
    # of every format in a fresh interpreter and look at what it loaded.
    notices = tmp_path / "content" / "notices"
    for rel in SEEDS:
        (notices / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "content" / "notices" / rel, notices / rel)
    for path in sorted(FORMATS.glob("00[0-2]_*.*")):
        target = notices / "bac-kan" / "2022" / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    shutil.copytree(ROOT / "content" / "reference", tmp_path / "content" / "reference")
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from thongbao.pipeline import build_pages\n"
        f"result = build_pages(Path({str(tmp_path / 'content')!r}), workers=1)\n"
        "loaded = sorted(m.split('.')[1] for m in sys.modules if m.startswith('thongbao.'))\n"
        "print(json.dumps([len(result.pages) + len(result.problems), loaded]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, timeout=600)
    handled, loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert handled == len(SEEDS) + 6  # the PDF and Word copies of seeds: their duplicates
    assert {"pdftext", "docxtext", "extract", "bodyhtml"} <= set(loaded)
    files, _ = closure(PACKAGE, ["pipeline"])
    assert sorted(set(loaded) - {path.stem for path in files}) == []
