"""Build a real site with real MkDocs from a small fixture content folder, and read it back.

A project in a temporary folder gets the repository's mkdocs.yml and overrides/, the real
``content/reference`` and ``content/pages``, and the notices a test chooses; ``build_site``
runs ``mkdocs build`` in-process (strict by default). ``SiteHtml`` parses pages the way a
reader meets them: links, headings, text.
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from htmlquery import document
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
SEEDS = (
    "bac-kan/2021/tb-2021-10-11-ket-luan-hoi-nghi-kinh-te-xa-hoi-thang-9.txt",
    "bac-kan/2023/tin-2023-12-05-danh-gia-kinh-te-xa-hoi-11-thang.txt",
    "cao-bang/2021/tb-2021-05-ket-luan-phien-hop-thang-4.txt",
    "lao-cai/2021/tb-2021-09-ket-luan-phien-hop-thuong-ky-thang-9.txt",
    "thai-nguyen/2021/cv-3413-ubnd-th-2021-07-22.txt",
)


def make_project(
    root: Path,
    notices: Iterable[str] = SEEDS,
    extra: dict[str, str | bytes] | None = None,
    options: dict[str, object] | None = None,
    pages: Iterable[str] | None = None,
) -> Path:
    """A project folder: repository config and theme, real reference data, the hand-written
    pages (all, or only ``pages``), the chosen notices (paths under content/notices),
    ``extra`` files (paths under root) and ``options`` of the thongbao plugin in mkdocs.yml."""
    root.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if options:
        entry = "  - thongbao:\n"
        assert entry in config, "mkdocs.yml lists the thongbao plugin with options"
        lines = "".join(f"      {key}: {json.dumps(value)}\n" for key, value in options.items())
        config = config.replace(entry, entry + lines, 1)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "overrides", root / "overrides", dirs_exist_ok=True)
    shutil.copytree(CONTENT / "reference", root / "content" / "reference", dirs_exist_ok=True)
    if pages is None:
        shutil.copytree(CONTENT / "pages", root / "content" / "pages", dirs_exist_ok=True)
    for name in pages or ():
        (root / "content" / "pages").mkdir(parents=True, exist_ok=True)
        shutil.copy(CONTENT / "pages" / name, root / "content" / "pages" / name)
    for rel in notices:
        target = root / "content" / "notices" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CONTENT / "notices" / rel, target)
    for rel, data in (extra or {}).items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    return root


def site_pages() -> list[str]:
    """The archive site's own hand-written pages, and any page mkdocs.yml's nav lists.

    Other pages of content/pages belong to other plugins (``du-lieu-mo.md`` links to the
    open-data exports): a page is only built here once mkdocs.yml lists it, and then the
    plugin that makes what it links to is listed too."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    in_nav = re.findall(r"^\s*-\s*[^:\n]+:\s*([\w/.-]+\.md)\s*$", config, re.M)
    names = {"index.md", "gioi-thieu.md"} | {n for n in in_nav if (CONTENT / "pages" / n).exists()}
    return sorted(names)


def build_site(root: Path, strict: bool = True, site_dir: Path | None = None) -> Path:
    """``mkdocs build [--strict]`` of the project at ``root``; returns the site folder."""
    return build_with_config(root, strict, site_dir)[0]


def build_with_config(
    root: Path, strict: bool = True, site_dir: Path | None = None
) -> tuple[Path, MkDocsConfig]:
    """As :func:`build_site`, also returning the config (for ``state.get_state``)."""
    site = site_dir or root / "site"
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site), strict=strict)
    # MkDocs counts warnings with a handler on the "mkdocs" logger; quiet its INFO lines.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    build(config)
    return site, config


# ---------------------------------------------------------------------------------------------
# Reading the HTML


@dataclass
class Link:
    href: str
    text: str
    in_heading: bool
    classes: tuple[str, ...] = ()


@dataclass
class Parsed:
    links: list[Link] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    headings: list[tuple[str, str]] = field(default_factory=list)  # (tag, text)
    assets: list[str] = field(default_factory=list)  # stylesheet and script URLs
    title: str = ""
    text: str = ""


class _Parser(HTMLParser):
    _HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = Parsed()
        self._stack: list[str] = []
        self._link: Link | None = None
        self._heading: list[str] | None = None
        self._in_title = False
        self._skip = 0  # inside <script>/<style>
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.out.ids.add(a["id"])
        if tag in ("script", "style"):
            self._skip += 1
            if a.get("src"):
                self.out.assets.append(a["src"])
        if tag == "link" and a.get("rel") == "stylesheet":
            self.out.assets.append(a.get("href", ""))
        if tag == "title":
            self._in_title = True
        if tag in self._HEADINGS:
            self._heading = []
            self._stack.append(tag)
        if tag == "a" and "href" in a:
            self._link = Link(a["href"], "", self._heading is not None,
                              tuple(a.get("class", "").split()))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        if tag == "title":
            self._in_title = False
        if tag == "a" and self._link is not None:
            self._link.text = " ".join(self._link.text.split())
            self.out.links.append(self._link)
            self._link = None
        if tag in self._HEADINGS and self._heading is not None:
            self.out.headings.append((tag, " ".join("".join(self._heading).split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.out.title += data
        if self._link is not None:
            self._link.text += data
        permalink = self._link is not None and "headerlink" in self._link.classes
        if self._heading is not None and not permalink:
            self._heading.append(data)
        if not permalink:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self.out.text = " ".join(" ".join(self._text).split())


def parse(html: str) -> Parsed:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.out


class SiteHtml:
    """A built site, read by URL (``tinh/bac-kan/``) with parsed pages cached."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self._cache: dict[str, Parsed] = {}

    def path(self, url: str) -> Path:
        url = unquote(url.split("#", 1)[0])
        target = self.site / url
        if url == "" or url.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target

    def exists(self, url: str) -> bool:
        return self.path(url).is_file()

    def html(self, url: str) -> str:
        return self.path(url).read_text(encoding="utf-8")

    def page(self, url: str) -> Parsed:
        if url not in self._cache:
            self._cache[url] = parse(self.html(url))
        return self._cache[url]

    def pages(self) -> Iterator[str]:
        """URL of every HTML page (``tinh/bac-kan/``; ``404.html`` as is)."""
        for path in sorted(self.site.rglob("*.html")):
            rel = path.relative_to(self.site).as_posix()
            if rel.startswith("assets/"):
                continue
            yield rel[: -len("index.html")] if rel.endswith("index.html") else rel

    def resolve(self, from_url: str, href: str) -> str | None:
        """Site URL an internal href points to (with its fragment), or None if external."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
            return None
        if not parts.path:
            target = from_url
        elif parts.path.startswith("/"):  # 404.html: MkDocs writes it with absolute URLs
            target = parts.path.lstrip("/")
        else:
            base = from_url if from_url == "" or from_url.endswith("/") else (
                posixpath.dirname(from_url) + "/" if "/" in from_url else "")
            target = posixpath.normpath(base + parts.path)
            target = "" if target == "." else target + ("/" if parts.path.endswith("/") else "")
        return target + (f"#{parts.fragment}" if parts.fragment else "")

    def links_from(self, url: str) -> list[tuple[Link, str]]:
        """Internal links of a page with the site URL each resolves to."""
        out = []
        for link in self.page(url).links:
            target = self.resolve(url, link.href)
            if target is not None:
                out.append((link, target))
        return out


def broken_links(site: SiteHtml) -> list[str]:
    """Every internal link, stylesheet or script whose target (or #anchor) is missing."""
    problems = []
    for url in site.pages():
        parsed = site.page(url)
        refs = [link.href for link in parsed.links] + parsed.assets
        for href in refs:
            target = site.resolve(url, href)
            if target is None:
                continue
            path, _, fragment = target.partition("#")
            if not site.exists(path):
                problems.append(f"{url or '/'}: {href} → {path} missing")
            elif fragment and site.path(path).suffix == ".html" and (
                not fragment_found(site, path, fragment)
            ):
                problems.append(f"{url or '/'}: {href} → #{fragment} missing")
    return problems


TEXT_DIRECTIVE = ":~:text="


def fragment_found(site: SiteHtml, path: str, fragment: str) -> bool:
    """Whether a fragment finds its target: an element id; for a text fragment
    (``:~:text=…``, links to a figure's sentence) the words in the page's text (spaces
    ignored: inline tags split the text as the parser reads it); for the tasks page's filter
    state (``tinh=lao-cai&thang=2021-09``) an option of its filter form for each value."""
    if fragment.startswith(TEXT_DIRECTIVE):
        words = unquote(fragment[len(TEXT_DIRECTIVE):]).split(",")[0]
        return "".join(words.split()) in "".join(site.page(path).text.split())
    if "=" in fragment:
        forms = document(site.html(path)).xpath("//form[@data-tb-filters]")
        pairs = [pair.partition("=") for pair in fragment.split("&")]
        return bool(forms) and all(
            forms[0].xpath(".//select[@name=$n]/option[@value=$v]", n=unquote(name), v=unquote(value))
            for name, _, value in pairs)
    return fragment in site.page(path).ids
