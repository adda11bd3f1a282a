"""Per-notice entries kept on disk between builds: plain data as ``marshal`` bytes, zlib-compressed.

A build that remakes a whole-archive file (the search index, the bulk exports) when one notice
changed keeps, for each notice, what that file needs of it: the search terms
(``termscache``), the exports' rows (``exportjob``). An entry is named by a digest of
everything its content is made from — so an entry is never stale, only unused — and the
entries no notice of a build used are deleted after it. Written aside and renamed: a reader
sees a whole entry or none; one that cannot be read is made again.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import zlib
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TypeVar

SUFFIX = ".z"
_ENTRY = re.compile(rf"[0-9a-f]{{32}}{re.escape(SUFFIX)}")
_MARSHAL_VERSION = 4
_LEVEL = 1  # zlib: a search entry 19 KB → 7.5 KB; higher levels cost more than they save
T = TypeVar("T")


def entry_name(*parts: str) -> str:
    """The file name of the entry made from ``parts``."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32] + SUFFIX


def read(path: Path) -> object | None:
    """The data of the entry at ``path``; None when it is missing or unreadable (the caller
    checks its shape)."""
    try:
        return marshal.loads(zlib.decompress(path.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError, zlib.error):
        return None


def write(path: Path, data: object) -> None:
    """Store ``data`` (marshal's types only) at ``path``; written aside, then renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(zlib.compress(marshal.dumps(data, _MARSHAL_VERSION), _LEVEL))
    tmp.replace(path)


def kept(
    entry: Path | None, make: Callable[[], T], load: Callable[[object], T | None],
    dump: Callable[[T], object] | None = None,
) -> T:
    """What ``entry`` holds, as ``load`` gives it back (None: not of the shape written); else
    ``make()``, then stored there (``dump`` of it: marshal's types only). No entry: made."""
    if entry is not None:
        found = load(read(entry))
        if found is not None:
            return found
    made = make()
    if entry is not None:
        write(entry, made if dump is None else dump(made))
    return made


def prune(folder: Path, keep: Collection[str]) -> int:
    """Delete the entries not named in ``keep`` (and temporary files a stopped build left);
    the number deleted. Other names are left alone."""
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return 0
    gone = 0
    for name in names:
        if (_ENTRY.fullmatch(name) and name not in keep) or (
                name.startswith(".") and name.endswith(".tmp")):
            (folder / name).unlink(missing_ok=True)
            gone += 1
    return gone
