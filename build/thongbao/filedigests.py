"""The sha256 of each notice file, remembered from one build to the next by the file's stat.

An extraction key hashes the notice's bytes: reading and hashing 10,000 notices of 12–20 KB
was ~0.3 s of a rebuild after one change, more than the rest of the build step's work per
notice together. A file whose size, modification time, change time, inode and device are those
it had when it was last hashed has the same bytes, as git's index assumes — with git's care
about "racily clean" files: a digest is remembered only when the file's change time is at
least ``QUIET_NS`` older than the moment its bytes were read, so that a later write (which
sets the change time to the clock's present, whatever ``touch`` or ``rsync -t`` does to the
modification time) cannot land in the same clock tick as the state remembered.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Any

# Two seconds: more than any file system's timestamp step (FAT's is 2 s, ext4's a clock tick).
QUIET_NS = 2_000_000_000


def _stamp(st: os.stat_result) -> list[int]:
    # The device with the inode: the entries are by content path, and two content folders
    # (on two file systems) may share one cache.
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


class FileDigests:
    """Digests of files by content path; ``remembered`` as the last build left them
    (``entries`` after it), ``{}`` for none."""

    def __init__(self, remembered: dict[str, Any]) -> None:
        self.remembered = remembered
        self.entries: dict[str, list[Any]] = {}  # what the next build may trust
        self.read = 0  # files read and hashed (the others were known by their stat)

    def digest(self, rel: str, path: Path) -> str:
        """The sha256 (hex) of the bytes of ``path``, known as ``rel``."""
        known = self.remembered.get(rel)
        if _usable(known) and known[:5] == _stamp(path.stat()):
            self.entries[rel] = known
            return str(known[5])
        started = time.time_ns()
        with path.open("rb") as file:
            data = file.read()
            stamp = _stamp(os.fstat(file.fileno()))  # after the read: a write during it shows
        self.read += 1
        digest = hashlib.sha256(data).hexdigest()
        if stamp[2] < started - QUIET_NS:
            self.entries[rel] = [*stamp, digest]
        return digest


def _usable(entry: Any) -> bool:
    """An entry as ``digest`` writes it (the index may have been cut short or edited)."""
    return (isinstance(entry, list) and len(entry) == 6
            and isinstance(entry[5], str) and len(entry[5]) == 64)
