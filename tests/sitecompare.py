"""Compare two built sites: the MkDocs build and the ProperDocs build of the same content.

    python tests/sitecompare.py SITE_A SITE_B     # exit 1 and list the differences

Same set of files; same bytes, except the ``<meta name="generator">`` tag (it names the tool)
and gzip headers (``sitemap.xml.gz`` is compared decompressed). Both builds should run with the
same ``SOURCE_DATE_EPOCH`` so that the sitemap's dates agree. Used by tests/test_properdocs.py
and by .github/workflows/pages.yml.
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

# Either attribute order and quoting: minified pages sort attributes and drop optional quotes.
_GENERATOR = re.compile(rb'<meta (?=[^>]*\bname="?generator[\s">])[^>]*>')


def files_of(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def normalised(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":
        return gzip.decompress(data)
    if path.suffix in (".html", ".htm"):
        return _GENERATOR.sub(b'<meta name="generator">', data)
    return data


def compare_sites(a: Path, b: Path, limit: int = 20) -> list[str]:
    """Differences between two site folders, at most ``limit`` of them (empty: the same)."""
    left, right = files_of(a), files_of(b)
    problems = [f"only in {a}: {name}" for name in sorted(left - right)]
    problems += [f"only in {b}: {name}" for name in sorted(right - left)]
    for name in sorted(left & right):
        if len(problems) >= limit:
            break
        if normalised(a / name) != normalised(b / name):
            problems.append(f"differs: {name}")
    return problems[:limit]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    a, b = (Path(p) for p in argv)
    problems = compare_sites(a, b)
    for line in problems:
        print(line)
    count = len(files_of(a))
    print(f"{count} files compared: {'differences found' if problems else 'identical'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
