"""Options of the ``thongbao-search`` plugin (mkdocs.yml → plugins → thongbao-search)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SearchConfig(Config):
    enabled = c.Type(bool, default=True)
    """Index the notices and add the search box; off builds the site without search."""

    bundle_dir = c.Type(str, default="search-index")
    """Folder of the site that receives the index (in a subfolder named by its version)."""

    page = c.Type(str, default="tim-kiem.md")
    """The full-page search with facets; generated unless the docs already hold this file."""

    page_title = c.Type(str, default="Tìm kiếm")

    cache_dir = c.Type(str, default=".cache/search")
    """Where to keep the last index, keyed by a digest of its inputs, so a rebuild with the same
    notices (``mkdocs serve``, a change to a page only) does not index again. Relative to
    mkdocs.yml. Empty: always index."""

    workers = c.Type(int, default=0)
    """Processes that make the index's terms: 0 is one per core, 1 a single process. The index
    is the same, byte for byte, whatever the number (thongbao.searchfiles.build_index)."""
