"""Options of the ``thongbao-opendata`` plugin (mkdocs.yml ``plugins: - thongbao-opendata``)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class OpenDataConfig(Config):
    enabled = c.Type(bool, default=True)
    # Atom feeds: the whole archive (atom.xml, its newest `archive_feed_size` notices) and one
    # beside each province, agency, topic and policy page (tinh/<id>/atom.xml …, the newest
    # `feed_size`). A notice sits in ~36 feeds, so term feeds stay short: site size.
    feeds = c.Type(bool, default=True)
    archive_feed_size = c.Type(int, default=50)
    feed_size = c.Type(int, default=20)
    # A policy page gets a feed once this many notices cite it. Most cited documents are
    # local dispatches cited once; a feed each would cost ~9 KB per notice (measured with
    # benchmarks/gen_notices.py) for nothing to follow. 1: a feed for every policy page.
    policy_feed_min = c.Type(int, default=2)
    # notices.json.zip (every full record), notices.csv.zip and schema.json.
    exports = c.Type(bool, default=True)
    # robots.txt pointing at the sitemap (skipped when content/pages has its own).
    robots = c.Type(bool, default=True)
    # A Vietnamese 404 page (skipped when the theme's custom_dir has its own 404.html).
    not_found_page = c.Type(bool, default=True)
