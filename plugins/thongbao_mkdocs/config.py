"""Options of the ``thongbao`` plugin (mkdocs.yml ``plugins: - thongbao: {...}``)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ThongbaoConfig(Config):
    enabled = c.Type(bool, default=True)
    # Folders, relative to mkdocs.yml: content/notices + content/reference are read from here.
    content_dir = c.Type(str, default="content")
    # Extraction cache of the build step; a notice whose bytes, sidecar, reference data and
    # extractor code did not change is read from here instead of extracted again. With it the
    # build holds no notice's text: a page reads its own back from here when it is rendered
    # (pipeline.NoticePage.released). Empty: no cache, every text held in memory.
    cache_dir = c.Type(str, default=".cache/thongbao")
    # Generated pages as written, kept by a digest of what they are made from (pagecache.py):
    # a page whose inputs did not change is not rendered again. Empty: every page rendered.
    page_cache_dir = c.Type(str, default=".cache/pages")
    # From this many pages to write (rendered, or from the page cache), a worker process
    # finishes them beside the rendering: minify, page cache, write (finisher.py). 0: never.
    finish_beside_from = c.Type(int, default=400)
    # A bad notice is a warning (so `mkdocs build --strict` fails) or, when False, an info line.
    strict_notices = c.Type(bool, default=True)
    # An index page listing more notices than this moves them to one sub-page per year
    # (agency and policy pages: per province; year pages: per month).
    list_limit = c.Type(int, default=200)
    # A table of an index page longer than this comes as consecutive tables of this many rows,
    # each laid out by the browser only when it nears the screen (listing.html, journal.css;
    # docs/phone.md, "Long tables").
    table_chunk = c.Type(int, default=100)
    # A local document (provincial Công văn, Kế hoạch …) gets its own page when at least this
    # many notices cite it; central documents always do. 1: a page for every cited document.
    local_policy_min_citations = c.Type(int, default=2)
    # Notices listed under "Văn bản mới" on the home page.
    latest = c.Type(int, default=10)
    # Publish each original notice file for download, under this folder of the site.
    originals = c.Type(bool, default=True)
    originals_dir = c.Type(str, default="tep-goc")
    # Link each original to its file in the repository instead of copying it into the site:
    # this address followed by the file's path in the repository (the Pages workflow sets
    # https://github.com/<owner>/<repo>/blob/<commit>/ through ORIGINALS_URL). Empty: copies.
    originals_url = c.Type(str, default="")
    # Partitioned build (docs/parts.md): render only the pages of these provinces (their
    # notices, originals, tinh/<id>/ pages) and, with part_shared, the pages of no province.
    # Unset: the whole site. Set by `python -m thongbao_mkdocs.parts`, not in mkdocs.yml.
    part_provinces = c.Optional(c.ListOfItems(c.Type(str)))
    part_shared = c.Type(bool, default=True)
