"""Byte-identical build-step output: one digest line per notice, to diff two versions.

    .venv/bin/python benchmarks/records_check.py OUT.txt [--generated N]
    PYTHONPATH=/tmp/base/build .venv/bin/python benchmarks/records_check.py BASE.txt [...]
    diff BASE.txt OUT.txt   # empty: every record, body and body HTML is the same

The content folder holds every text the benchmark and the tests extract: the seeds, the
invented corpus (the benchmark's notices), the real-shaped corpus with its sidecars and the
bad files, and with ``--generated N`` (default 300) N notices of ``gen_notices.py`` (seed 1),
the scale benchmark's corpus. Each notice is built by ``build_pages`` in one process, with no
cache; its page (record with the internal keys, Markdown body, body HTML, text key) is
serialised as the cache stores it, with its figures, and hashed. Problems and incomplete
lines are listed too.
The reference folder is this checkout's, so two versions of the code read the same data.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import tempfile
from pathlib import Path

from gen_notices import generate
from thongbao.bodyhtml import to_json
from thongbao.figures import figure_to_json
from thongbao.pipeline import build_pages

ROOT = Path(__file__).resolve().parents[1]
CORPORA = (
    ("seeds", ROOT / "content" / "notices"),
    ("corpus", ROOT / "tests" / "corpus" / "notices"),
    ("real", ROOT / "tests" / "corpus" / "real"),
    ("bad", ROOT / "tests" / "corpus" / "bad"),
)


def make_content(dest: Path, generated: int) -> None:
    if generated:
        generate(dest / "gen", generated, seed=1)
        shutil.copytree(dest / "gen" / "notices", dest / "notices" / "gen")
    shutil.copytree(ROOT / "content" / "reference", dest / "reference")
    for name, src in CORPORA:
        if src.is_dir():
            shutil.copytree(src, dest / "notices" / name,
                            ignore=shutil.ignore_patterns("expected.yaml", "README.md"))


def digest_lines(content: Path) -> list[str]:
    result = build_pages(content, None, None, workers=1)
    lines = []
    for page in result.pages:
        data = {
            "path": page.path, "url": page.url,
            "record": page.record.to_dict(internal=True), "body": page.body,
            "redirect_from": list(page.redirect_from), "text_key": page.text_key,
            "html": to_json(page.html) if page.html else None,
            "figures": (None if page.figures is None
                        else [figure_to_json(f) for f in page.figures]),
        }
        blob = json.dumps(data, ensure_ascii=False, sort_keys=True).encode()
        lines.append(f"{page.src} {hashlib.sha256(blob).hexdigest()[:20]}")
    lines += [f"problem {p}" for p in result.problems]
    lines += [f"incomplete {p}" for p in result.incomplete]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--generated", type=int, default=300)
    args = parser.parse_args()
    out = args.out
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        make_content(content, args.generated)
        lines = digest_lines(content)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} lines → {out}")


if __name__ == "__main__":
    main()
