"""What the archive plugin learned about this build, shared with the other thongbao plugins.

The ``thongbao`` plugin (listed first in mkdocs.yml) runs the build step in ``on_files`` and keeps
the result on itself; ``thongbao-opendata`` and ``thongbao-search`` find that plugin instance in
the config they are given (``config.plugins``) and read its :class:`BuildState`. No module-level
table: each loaded config has its own plugin instances, so tests building several sites in one
process stay apart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from thongbao.archive import Archive
from thongbao.pipeline import NoticePage, Problem
from thongbao.reference import Reference

from .beside import FilesBeside
from .pagecache import PageCache

PLUGIN_NAME = "thongbao"


@dataclass(frozen=True)
class BuildState:
    pages: list[NoticePage]  # every published notice, in build-step order
    problems: list[Problem]  # bad notices (already logged)
    archive: Archive  # the index model
    reference: Reference
    extracted: int  # notices extracted in this build
    from_cache: int  # notices read from the extraction cache
    # Content path → the build step's extraction key (BuildResult.keys): what a notice's
    # record and body are made from, so a cache can stand for them by it (the search index's).
    keys: Mapping[str, str] = field(default_factory=dict)
    # What another plugin adds to a generated page, as bytes, for the page cache's key
    # (pagecache.py): a plugin whose templates or on_post_page change a page by something the
    # key does not see registers it here in its on_files.
    page_key_parts: list[Callable[[Page], bytes]] = field(default_factory=list)
    # Where generated pages and the bulk exports are kept between builds; None: not kept.
    page_cache: PageCache | None = None
    # The bulk exports of this build, made beside the pages when they can be (beside.py);
    # written into the site by the thongbao plugin's on_post_build.
    beside: FilesBeside | None = None

    @property
    def extras(self) -> dict[str, Any]:
        """The former untyped view (``reference``, ``extracted``, ``from_cache``), kept while
        the search plugin still reads ``extras["reference"]``; new code reads the fields."""
        return {"reference": self.reference, "extracted": self.extracted,
                "from_cache": self.from_cache}


def find_state(config: MkDocsConfig) -> BuildState | None:
    """The build's state, or None when the thongbao plugin has made none (not listed, or
    disabled): for a plugin that works without it."""
    state = getattr(config.plugins.get(PLUGIN_NAME), "state", None)
    return state if isinstance(state, BuildState) else None


def get_state(config: MkDocsConfig) -> BuildState:
    state = find_state(config)
    if state is None:
        raise PluginError(
            "the 'thongbao' plugin must be listed before the other thongbao plugins in mkdocs.yml"
        )
    return state
