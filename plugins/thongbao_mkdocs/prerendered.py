"""Pages whose HTML the plugin already has: MkDocs reads no file and runs no Markdown for them.

A generated page (a notice, an index page) is a :class:`PrerenderedPage` attached to its in-memory
``File`` in ``on_files``: ``read_source`` takes the metadata as a dict (never YAML text parsed
back) and ``render`` asks for the HTML (a callable, so it is made when MkDocs renders the page,
after every page of the archive is known). The headings give Material's table of contents and
the anchor ids MkDocs' link validation checks.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import _TocToken, get_toc
from thongbao.bodyhtml import Heading


class PrerenderedPage(Page):
    def __init__(
        self,
        file: File,
        config: MkDocsConfig,
        meta: dict[str, Any],
        render: Callable[[PrerenderedPage, Files], str],
        headings: Sequence[Heading] = (),
        title: str | None = None,  # the nav's label, for a page the nav lists
        source: Callable[[PrerenderedPage, Files], bytes] | None = None,
    ) -> None:
        super().__init__(title, file, config)
        self._given_meta = meta
        self._make_html = render
        self._headings = tuple(headings)
        self._deferred = False  # render() left the HTML to materialize()
        self._files: Files | None = None  # what materialize() still needs; None once made
        # What the HTML is made from, as bytes (for the page cache's key: pagecache.py);
        # None: the page is never taken from the cache.
        self._source = source

    def source(self, files: Files) -> bytes | None:
        """What this page's HTML is made from, for the page cache's key."""
        if self._source is None:
            return None
        headings = "\0".join(f"{h.level} {h.id} {h.name}" for h in self._headings)
        return headings.encode() + b"\0" + self._source(self, files)

    def read_source(self, config: MkDocsConfig) -> None:
        self.meta = dict(self._given_meta)
        self.markdown = ""  # other plugins' on_page_markdown see an empty page

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.toc = get_toc(toc_tokens(self._headings))
        self.present_anchor_ids = {h.id for h in self._headings}
        self.links_to_anchors = {}
        if config.plugins.events.get("page_content"):
            self.content = self._make_html(self, files)  # a plugin reads every page's HTML
            return
        # Nobody reads the HTML before the page is written: make it then (materialize) and
        # let it go after (release). MkDocs renders every page before it writes any, so
        # holding each page's HTML from render to write held the whole site in memory
        # (4 GB at 10,000 notices; docs/scale.md, "Page count and memory").
        self.content = ""
        self._deferred = True
        self._files = files

    def materialize(self) -> None:
        """Make the page's HTML if render() deferred it (before the template needs it)."""
        if self._files is not None:
            self.content = self._make_html(self, self._files)
            self._files = None

    def release(self) -> None:
        """Forget the HTML of a page already written, when render() deferred it, and what
        made it: an index page's view (its rows) is held by the render callable, and would
        otherwise live until the end of the build with every other page's."""
        if self._deferred:
            self.content = ""
            self._make_html = _written


def _written(page: PrerenderedPage, files: Files) -> str:
    raise RuntimeError(f"{page.file.src_uri}: rendered again after it was written")


def toc_tokens(headings: Sequence[Heading]) -> list[_TocToken]:
    """Nested as Python-Markdown's toc extension nests them (a deeper heading under the last
    shallower one). Names are escaped, as the extension's are: the theme prints them raw."""
    root: list[_TocToken] = []
    stack: list[_TocToken] = []
    for h in headings:
        name = html.escape(h.name, quote=False)
        token: _TocToken = {"level": h.level, "id": h.id, "name": name, "children": []}
        while stack and stack[-1]["level"] >= h.level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root
