"""Which code a cached result is made by: the modules a module imports, followed through this
package's own imports, and the installed distributions they import.

The extraction cache is keyed by the code that makes a cached page (``pipeline.
extraction_version``), not by every module of the package: a change to a page's presentation
(``noticeview``, ``indexpages``, ``exports`` …) then renders the pages again from the cached
records instead of extracting every notice again (docs/scale.md, "What a code change costs").

Imports are read from the source (``ast``): every ``import`` statement of a module counts,
also one inside a function, so a module imported late is followed too.
``tests/test_code_version.py`` checks that every module the build step loads while it
extracts is in the closure.
"""

from __future__ import annotations

import ast
import hashlib
import re
import sys
from collections.abc import Iterable
from functools import lru_cache
from importlib.metadata import (
    Distribution,
    PackageNotFoundError,
    distribution,
    packages_distributions,
    requires,
    version,
)
from pathlib import Path

PACKAGE = "thongbao"
_REQUIREMENT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def imports_of(source: str, package: str = PACKAGE) -> tuple[set[str], set[str]]:
    """``(own, other)``: the package's modules ``source`` imports (their names in the
    package) and the top-level names of everything else it imports."""
    own: set[str] = set()
    other: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top, _, rest = alias.name.partition(".")
                if top == package:
                    own.add(rest.partition(".")[0] or "__init__")
                else:
                    other.add(top)
        elif isinstance(node, ast.ImportFrom):
            top, _, rest = (node.module or "").partition(".")
            if node.level or top == package:
                module = (node.module or "") if node.level else rest
                if module:
                    own.add(module.partition(".")[0])
                else:  # ``from . import a, b``: each name may be a module
                    own.update(alias.name for alias in node.names)
            else:
                other.add(top)
    return own, other


def closure(package_dir: Path, start: Iterable[str]) -> tuple[list[Path], set[str]]:
    """The package's source files ``start`` reaches through its imports (sorted; its
    ``__init__`` always), and the top-level names of the other modules they import."""
    modules = {path.stem: path for path in package_dir.glob("*.py")}
    seen: set[str] = set()
    other: set[str] = set()
    todo = [name for name in start if name in modules] + ["__init__"]
    while todo:
        name = todo.pop()
        if name in seen or name not in modules:
            continue
        seen.add(name)
        own, more = imports_of(modules[name].read_text(encoding="utf-8"))
        todo += own
        other |= more
    return sorted(modules[name] for name in seen), other


def distributions(names: Iterable[str], project: str = PACKAGE) -> list[tuple[str, str]]:
    """``(distribution, version)`` of the project's declared dependencies that provide any
    of ``names`` (the standard library's modules have none). Reading only those (a file
    each) takes ~25 ms; ``packages_distributions`` reads every installed distribution's
    file list (Material's names 14,000 icons): 0.2 s at the start of every build. Without
    the project's metadata (not installed), every installed distribution is looked at."""
    wanted = set(names)
    try:
        provided = _declared(project)
    except PackageNotFoundError:
        provided = _installed()
    return sorted({(dist, ver) for dist, ver, tops in provided if tops & wanted})


@lru_cache(maxsize=4)
def _declared(project: str) -> tuple[tuple[str, str, frozenset[str]], ...]:
    out = []
    for requirement in requires(project) or ():
        if "extra ==" in requirement:  # an optional extra's: not what a build runs on
            continue
        name = _REQUIREMENT_NAME.match(requirement)
        if name is None:
            continue
        try:
            dist = distribution(name.group(0))
        except PackageNotFoundError:
            continue
        out.append((dist.metadata["Name"], dist.version, _top_level(dist)))
    return tuple(out)


def _top_level(dist: Distribution) -> frozenset[str]:
    """The top-level modules a distribution installs (``top_level.txt``, else its RECORD)."""
    listed = dist.read_text("top_level.txt")
    if listed is not None:
        return frozenset(listed.split())
    names = set()
    for line in (dist.read_text("RECORD") or "").splitlines():
        first = line.split(",", 1)[0].split("/", 1)[0]
        if first and not first.endswith((".dist-info", ".data")) and first != "..":
            names.add(first.removesuffix(".py"))
    return frozenset(names)


@lru_cache(maxsize=1)
def _installed() -> tuple[tuple[str, str, frozenset[str]], ...]:
    by_dist: dict[str, set[str]] = {}
    for top, dists in packages_distributions().items():
        for dist in dists:
            by_dist.setdefault(dist, set()).add(top)
    return tuple((dist, version(dist), frozenset(tops)) for dist, tops in by_dist.items())


def digest(files: Iterable[Path], extra: Iterable[str] = ()) -> str:
    """A hash of the files (names and bytes) and of ``extra`` lines."""
    sha = hashlib.sha256()
    for path in files:
        sha.update(path.name.encode() + b"\0" + path.read_bytes())
    for line in extra:
        sha.update(b"\1" + line.encode())
    return sha.hexdigest()[:16]


def closure_version(package_dir: Path, start: Iterable[str], data: Iterable[Path] = ()) -> str:
    """A hash of the code ``start`` runs: the closure's files, ``data`` files, the versions of
    the distributions the closure imports, and Python's version (its ``re`` and
    ``unicodedata`` decide what matches)."""
    files, other = closure(package_dir, start)
    versions = [f"{dist}=={ver}" for dist, ver in distributions(other)]
    python = "python {}.{}".format(*sys.version_info[:2])
    return digest([*files, *sorted(data)], [*versions, python])
