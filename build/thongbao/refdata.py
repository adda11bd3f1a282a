"""One loader for every file of ``content/reference/``: read, validated, built, cached by content.

Each reference file is one entry of :data:`REGISTRY`: its name, the JSON Schema it must satisfy
(``schemas/<stem>.schema.json`` beside this module) and a function that builds the object the
extractor uses from the parsed YAML. :func:`load` returns that object; it reads the file's bytes
on every call and rebuilds only when their sha256 changed, so a long-lived process (``mkdocs
serve``) sees an edit on the next build, whatever the file's mtime says. :func:`digest` hashes
every ``*.yml`` of the folder (name and bytes): the build step's cache key includes it, so no
extraction made with an old vocabulary outlives an edit, in this process or after a restart.

A new reference file is one call to :func:`register` (usually at the bottom of the module that
uses it) and one schema file::

    register("portals.yml", build=portals_from_data)   # schemas/portals.schema.json

Loading is lazy: nothing is read at import time.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

__all__ = [
    "REGISTRY",
    "ReferenceFile",
    "ReferenceFileError",
    "digest",
    "load",
    "read",
    "register",
]

SCHEMA_DIR = Path(__file__).parent / "schemas"
# libyaml's safe loader when PyYAML was built with it, else PyYAML's.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

T = TypeVar("T")


class ReferenceFileError(ValueError):
    """A reference file that cannot be used; the message names the file, the place, the fault."""


@dataclass(frozen=True)
class ReferenceFile:
    name: str  # file name in content/reference/: "documents.yml"
    build: Callable[[Any], Any]  # parsed and validated YAML -> the object the code uses
    schema: str  # file name under schemas/, or an absolute path

    def schema_path(self) -> Path:
        return SCHEMA_DIR / self.schema  # an absolute self.schema replaces SCHEMA_DIR


REGISTRY: dict[str, ReferenceFile] = {}


def register(name: str, build: Callable[[Any], Any] = lambda data: data,
             schema: str | Path | None = None) -> ReferenceFile:
    """Declare a reference file; ``schema`` defaults to ``schemas/<stem>.schema.json``."""
    entry = ReferenceFile(name, build, str(schema or f"{Path(name).stem}.schema.json"))
    with _LOCK:  # a re-registration (new builder or schema) must not serve the old object
        for key in [k for k in _CACHE if k[1] == name]:
            del _CACHE[key]
    REGISTRY[name] = entry
    return entry


_CACHE: dict[tuple[Path, str], tuple[str, Any, Any]] = {}  # -> (sha256, data, built)
_LOCK = threading.Lock()


def _entry(name: str) -> ReferenceFile:
    if name not in REGISTRY:
        _register_known()
    try:
        return REGISTRY[name]
    except KeyError:
        raise ReferenceFileError(f"{name}: not a registered reference file") from None


def _register_known() -> None:
    """The modules that register the project's reference files register on import."""
    from . import (  # noqa: F401
        citations,
        figures,
        national_documents,
        programs,
        reference,
        sources,
    )


def _cached(directory: Path, name: str) -> tuple[str, Any, Any]:
    entry = _entry(name)
    path = Path(directory).resolve() / name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReferenceFileError(f"{name}: cannot read ({exc.strerror or exc})") from None
    sha = hashlib.sha256(raw).hexdigest()
    key = (path.parent, name)
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] == sha:
            return hit
    data = _parse(name, raw)
    validate(name, data)
    try:
        built = entry.build(data)
    except ReferenceFileError:
        raise  # a builder's own message already names the file and the entry
    except (KeyError, TypeError, ValueError) as exc:
        raise ReferenceFileError(f"{name}: {type(exc).__name__}: {exc}") from None
    with _LOCK:
        _CACHE[key] = (sha, data, built)
    return sha, data, built


def load(directory: Path, name: str) -> Any:
    """The built object of ``directory/name``, rebuilt when the file's bytes change."""
    return _cached(directory, name)[2]


def read(directory: Path, name: str) -> Any:
    """The parsed, validated data of ``directory/name`` (shared: do not mutate)."""
    return _cached(directory, name)[1]


def check_all(directory: Path) -> None:
    """Load every registered file present in ``directory`` (each validated and built once)."""
    _register_known()
    for name in sorted(REGISTRY):
        if (Path(directory) / name).is_file():
            load(directory, name)


def digest(directory: Path) -> str:
    """sha256 over the names and bytes of every ``*.yml``/``*.yaml`` file of the folder."""
    sha = hashlib.sha256()
    for path in sorted(Path(directory).iterdir()):
        if path.suffix in (".yml", ".yaml") and path.is_file():
            sha.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


def clear() -> None:
    """Forget every loaded file (tests)."""
    with _LOCK:
        _CACHE.clear()


def _parse(name: str, raw: bytes) -> Any:
    try:
        return yaml.load(raw.decode("utf-8"), Loader=_YAML_LOADER)
    except UnicodeDecodeError as exc:
        raise ReferenceFileError(f"{name}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ReferenceFileError(f"{name}: invalid YAML{where}: {problem}") from None


@cache
def _validator(schema_file: str) -> Any:
    import jsonschema

    schema = json.loads((SCHEMA_DIR / schema_file).read_text(encoding="utf-8"))  # abs: as is
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def validate(name: str, data: Any) -> None:
    """Raise ReferenceFileError naming the first place where ``data`` breaks the file's schema."""
    validator = _validator(str(_entry(name).schema_path()))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top level)"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ReferenceFileError(f"{name}: {where}: {first.message}{more}")


def schema_files() -> dict[str, Path]:
    """Registered file name -> its schema file (for tests and the cache key)."""
    _register_known()
    return {name: entry.schema_path() for name, entry in sorted(REGISTRY.items())}


def loader(name: str) -> Callable[[Path], T]:
    """``load`` bound to one file name: ``load_programs = loader("programs.yml")``."""
    return lambda directory: load(directory, name)
