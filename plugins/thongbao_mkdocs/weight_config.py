"""Options of the ``thongbao-weight`` plugin (mkdocs.yml → plugins → thongbao-weight)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from thongbao.sitesize import GITHUB_PAGES_MB


class WeightConfig(Config):
    enabled = c.Type(bool, default=True)
    """Off: pages are written as the theme renders them and every theme file is shipped (the
    CSP partial still gets its script hashes)."""

    minify = c.Type(bool, default=True)
    """Minify every HTML page (minify-html; inline scripts are left as they are)."""

    drop = c.ListOfItems(c.Type(str), default=["*.map"])
    """Site paths (globs; ``*`` crosses folders) of theme files never shipped. Material's lunr
    search files are added to these while its ``search`` plugin is not in the config."""

    site_limit_mb = c.Type((int, float), default=GITHUB_PAGES_MB)
    """The most the host publishes, in MB (10^6 bytes) of the site as it lies on disk; GitHub
    Pages: 1 GB. A larger site is a warning (an error with ``--strict``); 0: no limit.
    thongbao.sitesize, docs/scale.md "Bytes per notice"."""
