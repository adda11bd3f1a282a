"""Options of the ``thongbao-search`` plugin (mkdocs.yml → plugins → thongbao-search)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SearchConfig(Config):
    enabled = c.Type(bool, default=True)
    """Index the notices and add the search box; off builds the site without search."""

    bundle_dir = c.Type(str, default="pagefind")
    """Folder of the site that receives the Pagefind bundle (index, pagefind.js, wasm)."""

    page = c.Type(str, default="tim-kiem.md")
    """The full-page search with facets; generated unless the docs already hold this file."""

    page_title = c.Type(str, default="Tìm kiếm")

    cache_dir = c.Type(str, default=".cache/search")
    """Where to keep each shard's last bundle, keyed by a digest of its notices, so a rebuild
    copies the shards whose notices did not change instead of re-indexing them (``mkdocs
    serve``, a new notice). Relative to mkdocs.yml. Empty: always index."""

    shard_size = c.Type(int, default=1500)
    """Most notices one Pagefind run indexes. Its memory grows with them (1.2 GB at 1,500 of
    12–20 KB) and so does a query's time in the browser (Pagefind scores each result against
    every matching entry of its shard); the archive is split into shards of whole years or
    months, merged in the browser."""

    chunk_size = c.Type(int, default=3000)
    """Positions per Pagefind index chunk (Pagefind's default is 20000): smaller chunks, fewer
    bytes per query term and shard, more files. 0: Pagefind's default."""

    timeout = c.Type(int, default=1800)
    """Seconds one Pagefind run may take before the build fails."""
