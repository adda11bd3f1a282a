"""Reading the site's zipped bulk exports (``notices.csv.zip`` …) the way a reader would."""

from __future__ import annotations

import zipfile
from pathlib import Path


def export_bytes(site_dir: Path, name: str) -> bytes:
    """The bytes of ``name`` inside ``site_dir/<name>.zip``, which must hold that file alone."""
    with zipfile.ZipFile(site_dir / f"{name}.zip") as archive:
        assert archive.namelist() == [name]
        return archive.read(name)


def read_export(site_dir: Path, name: str, encoding: str = "utf-8") -> str:
    return export_bytes(site_dir, name).decode(encoding)
