"""The publishing fixture: the seed notices built as they are published, once per test run.

Adds to ``sitebuild``'s project the two things publishing needs and the repository's
mkdocs.yml may not say yet: a ``site_url`` under a sub-path (``https://owner.github.io/repo/``,
as a fork publishes) and the ``thongbao-opendata`` plugin; and two editor sidecars — one
correcting a date (the URL must not move), one pinning a new permalink with a redirect from
the old address. Builds run with a fixed ``SOURCE_DATE_EPOCH`` (sitemap dates, citations).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from sitebuild import SEEDS, build_site, make_project

SITE_URL = "https://owner.github.io/repo/"
PREFIX = "/repo/"
EPOCH = "1700000000"  # 2023-11-14 22:13:20 UTC

CORRECTED = "cao-bang/2021/tb-2021-05-ket-luan-phien-hop-thang-4"
CORRECTED_URL = f"van-ban/{CORRECTED}/"
MOVED = "thai-nguyen/2021/cv-3413-ubnd-th-2021-07-22"
MOVED_OLD_URL = f"van-ban/{MOVED}/"
MOVED_NEW_URL = "van-ban/thai-nguyen/2021/cong-van-3413-ubnd-th/"
SIDECARS = {
    f"content/notices/{CORRECTED}.yml": "date: 2021-05-06\n",
    f"content/notices/{MOVED}.yml": (
        "permalink: thai-nguyen/2021/cong-van-3413-ubnd-th\n"
        f"redirect_from:\n  - {MOVED}\n"
    ),
}
PLUGIN = "thongbao-opendata"


def publishing_config(text: str) -> str:
    """mkdocs.yml with a site_url and the open-data plugin, whatever the repository's says."""
    if not re.search(r"^site_url:", text, re.M):
        text = f"site_url: !ENV [SITE_URL, {SITE_URL}]\n" + text
    if not re.search(rf"^\s*-\s*{PLUGIN}\b", text, re.M):
        block = re.search(r"^plugins:\n(?:(?:[ \t].*|\s*)\n)*", text, re.M)
        assert block, "mkdocs.yml has a plugins list"
        insert = block.group(0).rstrip("\n") + f"\n  - {PLUGIN}\n"
        text = text[: block.start()] + insert + "\n" + text[block.end():]
    return text


def make_publishing_project(
    root: Path, notices: tuple[str, ...] = SEEDS, extra: dict[str, str | bytes] | None = None
) -> Path:
    make_project(root, notices, {**SIDECARS, **(extra or {})})
    config = root / "mkdocs.yml"
    config.write_text(publishing_config(config.read_text(encoding="utf-8")), encoding="utf-8")
    return root


@contextlib.contextmanager
def publishing_env() -> Iterator[dict[str, str]]:
    """SITE_URL and SOURCE_DATE_EPOCH set for the duration (in-process builds read both)."""
    wanted = {"SITE_URL": SITE_URL, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    saved = {key: os.environ.get(key) for key in wanted}
    os.environ.update(wanted)
    try:
        yield dict(os.environ)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build_publishing_site(root: Path, site_dir: Path | None = None) -> Path:
    with publishing_env():
        return build_site(root, strict=True, site_dir=site_dir)


@lru_cache(maxsize=1)
def shared_site() -> Path:
    """The fixture site, built once per test process (several test files read it)."""
    tmp = Path(tempfile.mkdtemp(prefix="thongbao-publish-"))
    atexit.register(shutil.rmtree, tmp, True)
    return build_publishing_site(make_publishing_project(tmp / "project"))


def project_of(site: Path) -> Path:
    return site.parent
