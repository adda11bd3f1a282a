"""How much a built site weighs against what its host publishes.

GitHub Pages publishes a site of at most 1 GB ("GitHub Pages limits" in GitHub's docs). The
check its own deploy action makes (actions/deploy-pages, ``Uploaded artifact size … exceeds
the allowed size of 1 GB``) is on the uploaded artifact, which is compressed; the documented
limit names no compression. The build measures the site as it lies on disk — the reading that
cannot be wrong on either account — and says when it passes the limit, so that a deploy
fails in the build's log with a way out (docs/parts.md) rather than at the host, after the
upload, or not at all while files go missing. Decisions: docs/scale.md, "Bytes per notice".
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

GITHUB_PAGES_MB = 1000.0
MB = 1_000_000


@dataclass(frozen=True, slots=True)
class SiteSize:
    bytes: int
    files: int


def measure(site: Path) -> SiteSize:
    """The bytes and files of every regular file under ``site`` (links are not followed:
    a Pages artifact may hold none). One ``stat`` a file (``scandir``): 20,000 files at
    10,000 notices."""
    total = files = 0
    folders = [str(site)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    total += entry.stat(follow_symlinks=False).st_size
                    files += 1
    return SiteSize(total, files)


def size_line(size: SiteSize, notices: int | None = None) -> str:
    """``site 1,021.6 MB in 20,189 files (102.2 KB a notice)``."""
    line = f"site {size.bytes / MB:,.1f} MB in {size.files:,} files"
    if notices:
        line += f" ({size.bytes / notices / 1000:,.1f} KB a notice)"
    return line


def over_limit(size: SiteSize, limit_mb: float) -> str | None:
    """A message when the site passes ``limit_mb`` megabytes (0 or less: no limit)."""
    if limit_mb <= 0 or size.bytes <= limit_mb * MB:
        return None
    return (f"the site is {size.bytes / MB:,.1f} MB, over the {limit_mb:,g} MB its host "
            f"publishes (thongbao-weight: site_limit_mb): build it in parts for a host "
            f"without that limit (docs/parts.md), or set site_limit_mb to that host's limit")
