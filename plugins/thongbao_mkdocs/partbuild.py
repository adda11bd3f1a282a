"""One part of a partitioned build: ``mkdocs build`` with the archive plugin told which pages
are this part's, then the site folder pruned to the files this part owns (docs/parts.md).

    python -m thongbao_mkdocs.partbuild -f mkdocs.yml -d site-part-1 --provinces bac-kan,cao-bang
    python -m thongbao_mkdocs.partbuild -f mkdocs.yml -d site-shared --shared
    thongbao parts merge site site-shared site-part-1 site-part-2

MkDocs has no command-line flag for a plugin's option, and a config that ``INHERIT``s
mkdocs.yml cannot change one entry of its plugin list; so this loads mkdocs.yml, sets the two
options of the ``thongbao`` plugin and calls MkDocs' own ``build``.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from thongbao.parts import Part, dest_owners, parse_provinces, prune

from .state import PLUGIN_NAME

# MkDocs reports each page it does not write ("Generated empty output") at INFO: one line for
# every page of the other parts.
_SKIPPED = "Generated empty output"


class _QuietSkips(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return _SKIPPED not in record.getMessage()


def build_part(config_file: Path, site_dir: Path, part: Part, strict: bool = True) -> int:
    """Build ``part`` of the site of ``config_file`` into ``site_dir``; returns the number of
    files kept."""
    config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
    plugin = config.plugins[PLUGIN_NAME]
    plugin.config.part_provinces = sorted(part.provinces)
    plugin.config.part_shared = part.shared
    quiet = _QuietSkips()
    logger = logging.getLogger("mkdocs.commands.build")
    logger.addFilter(quiet)
    try:
        build(config)
    finally:
        logger.removeFilter(quiet)
    return prune(site_dir, part, _owned(config))


def _owned(config: MkDocsConfig) -> dict[str, str]:
    owners = getattr(config.plugins[PLUGIN_NAME], "owners", {})
    return dest_owners(owners, config.use_directory_urls)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m thongbao_mkdocs.partbuild",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-d", "--site-dir", type=Path, required=True)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--provinces", help="comma-separated province ids of this part")
    which.add_argument("--shared", action="store_true",
                       help="the files of no province: home, index pages, feeds, search …")
    parser.add_argument("--no-strict", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    part = Part(frozenset(parse_provinces(args.provinces or "")), bool(args.shared))
    try:
        kept = build_part(args.config_file, args.site_dir, part, strict=not args.no_strict)
    except Abort as exc:
        print(f"thongbao: {exc}", file=sys.stderr)
        return 1
    print(f"thongbao: {kept} files of this part in {args.site_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
