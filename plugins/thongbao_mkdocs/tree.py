"""The complete generated tree: a docs folder and an ``mkdocs.yml`` that a Material-compatible
generator renders without our plugins (Zensical, which ignores third-party plugins; plain
MkDocs + Material). See docs/zensical.md.

    python -m thongbao_mkdocs.tree OUT [-f mkdocs.yml]

Runs our build once (the plugins fill every link slot and render every listing against the
site's own files) and writes, for every page, ``OUT/docs/<path>.md``: front matter Material
understands (``title``, ``description``) and the page's finished HTML as one raw block (for a
notice, its template's ``content`` block: heading, metadata panel, text); every
other file the plugins made (originals, feeds, exports, the search index and
its assets, the stylesheets of overrides/) is copied as it is. Theme files are the generator's.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
from pathlib import Path
from typing import Any

import jinja2
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

NAME = "thongbao-tree"
# Extensions the tree's pages need: raw HTML blocks pass through Python-Markdown untouched.
EXTENSIONS = ["attr_list", "md_in_html", "tables", {"toc": {"permalink": True}}]


class TreePlugin(BasePlugin):  # type: ignore[type-arg]
    """Collects every page's finished HTML and writes the tree after the build."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.pages: dict[str, tuple[dict[str, str], str]] = {}
        self.files: Files | None = None
        self.moved: dict[str, str] = {}  # docs path → its path in the tree
        self.env: jinja2.Environment | None = None

    @event_priority(-200)  # after the other plugins changed the page
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        meta = {"title": str(page.title or "")}
        if page.meta.get("description"):
            meta["description"] = str(page.meta["description"])
        self.pages[page.file.src_uri] = (meta, html)
        self.moved[page.file.src_uri] = tree_path(page.file.dest_uri)
        self.files = files
        return None

    @event_priority(-200)  # after the other plugins added their template functions
    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        self.env = env
        return None

    @event_priority(-200)  # after the archive plugin gave a notice page its view
    def on_page_context(
        self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> dict[str, Any] | None:
        """A page with a template of its own (a notice: heading, metadata panel, text) keeps
        what that template's ``content`` block adds to the page's HTML."""
        name = page.meta.get("template")
        if not name or name == "main.html" or self.env is None:
            return None
        template = self.env.get_template(name)
        block = template.blocks.get("content")
        if block is not None and page.file.src_uri in self.pages:
            meta, _ = self.pages[page.file.src_uri]
            html = "".join(block(template.new_context(context)))
            self.pages[page.file.src_uri] = (meta, html)
        return None

    @event_priority(-200)  # after thongbao-search wrote its index into the site
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        docs = self.out / "docs"
        if docs.exists():
            shutil.rmtree(docs)
        for src, (meta, html) in sorted(self.pages.items()):
            write_page(docs / self.moved[src], meta, html)
        assert self.files is not None
        site = Path(config.site_dir)
        theme_dirs = [Path(d).resolve() for d in config.theme.dirs]
        custom = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
        for file in self.files:
            if file.is_documentation_page() or not (site / file.dest_uri).is_file():
                continue
            if file.abs_src_path and _is_theme_file(Path(file.abs_src_path), theme_dirs, custom):
                continue
            _copy(site / file.dest_uri, docs / file.dest_uri)
        search = config.plugins.get("thongbao-search")
        if search is not None and search.config.enabled:
            bundle = search.config.bundle_dir.strip("/")
            if (site / bundle).is_dir():
                shutil.copytree(site / bundle, docs / bundle)
        text = tree_config(config, moved_nav(config.nav, self.moved))
        (self.out / "mkdocs.yml").write_text(text, encoding="utf-8")


def tree_path(dest_uri: str) -> str:
    """``du-lieu-mo/index.html`` → ``du-lieu-mo/index.md``: every page is an ``index.md`` in
    its URL's folder, so a link relative to its URL is also relative to its file — MkDocs
    leaves the links of raw HTML as they are, Zensical reads them as relative to the file."""
    return dest_uri.removesuffix(".html") + ".md"


def moved_nav(nav: Any, moved: dict[str, str]) -> Any:
    if isinstance(nav, list):
        return [moved_nav(item, moved) for item in nav]
    if isinstance(nav, dict):
        return {label: moved_nav(value, moved) for label, value in nav.items()}
    if isinstance(nav, str):
        return moved.get(nav, nav)
    return nav


def _is_theme_file(path: Path, theme_dirs: list[Path], custom: Path | None) -> bool:
    """A file of the theme package (the generator brings its own); overrides/ files are ours."""
    resolved = path.resolve()
    return any(folder != custom and resolved.is_relative_to(folder) for folder in theme_dirs)


def _copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)


def write_page(path: Path, meta: dict[str, str], html: str) -> None:
    """Front matter, then the HTML as one raw block (``markdown="0"``: never parsed again)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    body = f'<div class="tb-tree" markdown="0">\n{html.strip()}\n</div>\n'
    path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")


def tree_config(config: MkDocsConfig, nav: Any) -> str:
    """mkdocs.yml of the tree: the site's names, theme options and nav; no plugins."""
    theme: dict[str, Any] = {"name": "material"}
    for key in ("language", "font", "features", "palette"):
        if key in config.theme:
            theme[key] = config.theme[key]
    data: dict[str, Any] = {
        "site_name": config.site_name,
        "site_description": config.site_description,
        "site_url": config.site_url,
        "use_directory_urls": config.use_directory_urls,
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": theme,
        "extra_css": list(config.extra_css),
        "extra_javascript": [str(getattr(v, "path", v)) for v in config.extra_javascript],
        "markdown_extensions": EXTENSIONS,
        "nav": nav,
    }
    data = {k: v for k, v in data.items() if v is not None}
    head = "# Written by `python -m thongbao_mkdocs.tree`: the generated archive, no plugins.\n"
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def write_tree(config_file: Path, out: Path, strict: bool = True) -> int:
    """Build the site of ``config_file`` once and write its tree into ``out``; returns the
    number of pages."""
    site = out / ".site-plugins"
    config = load_config(str(config_file), site_dir=str(site), strict=strict)
    archive = config.plugins.get("thongbao")
    if archive is not None:
        # Every page rendered: a page from the page cache has an empty template, so its
        # heading and panel (the template's ``content`` block) would be left out of the tree.
        archive.config["page_cache_dir"] = ""
    plugin = TreePlugin(out)
    config.plugins[NAME] = plugin
    build(config)
    shutil.rmtree(site, ignore_errors=True)
    return len(plugin.pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m thongbao_mkdocs.tree",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (docs/ and mkdocs.yml)")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    count = write_tree(args.config_file, args.out)
    print(f"thongbao: {count} pages in {args.out / 'docs'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
