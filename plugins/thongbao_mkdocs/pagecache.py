"""Written pages kept on disk by a digest of everything their HTML is made from.

A generated page (a notice, an index page) is rendered through Material's ``base.html`` and
minified after every plugin's ``on_post_page``: at 10,000 notices that is most of a build
whose notices all come from the extraction cache (docs/scale.md, "Page cache"). A page whose
inputs did not change is the same bytes, so its final HTML is kept here and written again
instead of being rendered.

The key of a page is a SHA-256 of:

- the **site**: the code of the build step and of the plugins, every template of the theme's
  folders (``overrides/`` first), the versions of MkDocs, Material, Jinja, MarkupSafe and
  minify-html, mkdocs.yml's settings and every plugin's options, the nav (titles and URLs);
- the **page**: its URL, title and metadata, and a digest of what its HTML is made from —
  a notice's headings, extraction key (its text, sidecar, the reference data and the build
  step's code: its body HTML) and where each link of its body goes, and its panel's view;
  an index page's headings, view and where each of its links goes;
- what other plugins add to it (``BuildState.page_key_parts``: the feeds a page links to).

The originals' address (``originals_url``, a commit in it) is not in any key: pages are
rendered with a stand-in and the real address is swapped in as each page is written
(``noticeview.AddressSwap``), so a deploy naming a new commit renders nothing again.

The digests of what the pages are made from are kept too (the *plan*), under a key of the
site, every notice's place and extraction key and the site's pages: a build where none of
those changed makes no view to find its keys (``indexviews.py`` keeps the index pages'
listings the same way).

Pages the nav lists are never kept (their sidebar marks them active; MkDocs gives them
previous and next links), nor the hand-written pages. A changed input changes the key: the
page is rendered and kept under the new key; at the end of a build every entry no page used
is deleted. Entries are zlib-compressed, which also checks them when read back: a torn entry
is rendered again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import operator
import os
import pickle
import sys
import zlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from thongbao.codeversion import digest as code_digest

# Left out of the settings' digest: what has a digest of its own (plugins, theme, nav), what
# only says where a build reads or writes or how it runs (no page shows it), and objects.
_NOT_SETTINGS = ("plugins", "theme", "nav", "validation", "exclude_docs", "hooks",
                 "config_file_path", "site_dir", "dev_addr", "watch", "strict",
                 "remote_branch", "remote_name")
_PACKAGES = ("mkdocs", "mkdocs-material", "jinja2", "markupsafe", "minify-html")
_TEMPLATE_SUFFIXES = (".html", ".xml", ".js", ".json")
_NOT_TEMPLATES = ("assets", ".icons")  # folders no template is read from
_LEVEL = 1  # zlib: a page shrinks about five times; level 1 costs a fifth of level 6


class PageCache:
    """The entries of one folder: ``<key[:2]>/<key>.z``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self.hits = self.stored = 0  # pages
        self.files_hits = self.files_stored = 0  # other files (exports)
        self.loaded = self.kept = 0  # objects (load, keep: the index pages' listings)
        self._folders: set[Path] = set()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.z"

    def has(self, key: str) -> bool:
        self.used.add(key)
        return self._path(key).is_file()

    def get(self, key: str) -> str | None:
        """The page, or None when the entry is gone or damaged (the caller renders it)."""
        try:
            text = zlib.decompress(self._path(key).read_bytes()).decode("utf-8")
        except (OSError, zlib.error, UnicodeDecodeError):
            return None
        self.hits += 1
        return text

    def put(self, key: str, html: str) -> None:
        self.used.add(key)
        if self._write(key, zlib.compress(html.encode("utf-8"), _LEVEL)):
            self.stored += 1

    def _write(self, key: str, data: bytes) -> bool:
        """Written in place: a torn entry (a build stopped half way, two builds at once) fails
        zlib's check when read, and the page is rendered again. Creating files is what costs
        here (a file written aside and renamed, and a mkdir per entry, doubled it)."""
        path = self._path(key)
        try:
            if path.parent not in self._folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(path.parent)
            path.write_bytes(data)
        except OSError:  # a full or read-only disk costs speed, never the build
            return False
        return True

    def cached_files(self, key: str) -> list[tuple[str, str | bytes]] | None:
        """The files kept under ``key`` (marked used), or None when none are or they are
        damaged."""
        if not self.has(key):
            return None
        try:
            found = list(pickle.loads(zlib.decompress(self._path(key).read_bytes())))
        except (OSError, zlib.error, pickle.UnpicklingError, ValueError, EOFError):
            return None
        self.files_hits += 1
        return found

    def keep_files(self, key: str, made: list[tuple[str, str | bytes]]) -> None:
        # Level 0: zips are compressed already; zlib still checks the entry when read.
        self.used.add(key)
        if self._write(key, zlib.compress(pickle.dumps(made, protocol=5), 0)):
            self.files_stored += 1

    def load(self, key: str) -> Any:
        """An object kept by :meth:`keep` (marked used), or None when it is gone or damaged."""
        self.used.add(key)
        try:
            found = pickle.loads(zlib.decompress(self._path(key).read_bytes()))
        except (OSError, zlib.error, pickle.UnpicklingError, ValueError, EOFError,
                AttributeError, ImportError, IndexError, TypeError):
            return None
        self.loaded += 1
        return found

    def keep(self, key: str, value: object) -> None:
        """Keep ``value`` (picklable) under ``key`` for the next build's :meth:`load`."""
        self.used.add(key)
        sink = _Compressing()
        pickle.dump(value, sink, protocol=5)  # compressed as pickled: never whole in memory
        if self._write(key, sink.finish()):
            self.kept += 1

    def prune(self) -> int:
        """Delete the entries no page of this build used; how many were deleted."""
        deleted = 0
        if not self.folder.is_dir():
            return 0
        for entry in self.folder.glob("*/*"):
            # Only files are entries: a folder someone left in the cache stays, and the build
            # does not fail at its very end for it.
            if entry.name.removesuffix(".z") not in self.used and entry.is_file():
                entry.unlink(missing_ok=True)
                deleted += 1
        return deleted


class _Compressing:
    """A file-like sink that zlib-compresses what is written to it, as it comes."""

    def __init__(self) -> None:
        self._zlib = zlib.compressobj(_LEVEL)
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._parts.append(self._zlib.compress(data))
        return len(data)

    def finish(self) -> bytes:
        self._parts.append(self._zlib.flush())
        return b"".join(self._parts)


def files_key(label: str, pages: Iterable[tuple[str, str | None]], *extra: str) -> str | None:
    """Key of files made from every notice, given as (URL, extraction key); None (made every
    time) when a notice has no extraction key (a page made without the build step)."""
    digest = hashlib.sha256(label.encode())
    for part in extra:
        digest.update(part.encode() + b"\0")
    for url, key in pages:
        if not key:
            return None
        digest.update(f"{url}\0{key}\0".encode())
    return digest.hexdigest()


def page_key(site: str, parts: Iterable[bytes | str]) -> str:
    digest = hashlib.sha256(site.encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        # Length-prefixed: two different splits of the same bytes never give the same key.
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def view_bytes(view: object, table: dict[type, Any] | None = None) -> bytes:
    """A view (dataclasses, tuples, strings) as bytes for a key. Pickled without its memo:
    which equal strings happen to be one object (a record read from the cache or made by a
    worker) must not change the bytes. ``table``: the reductions of some classes instead of
    :data:`_FIELDS`' (which gives the others)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo; views are trees, never cycles
    pickler.dispatch_table = _FIELDS if table is None else table
    pickler.dump(view)
    return buffer.getvalue()


class _FieldsTable(dict[type, Any]):
    """A dataclass pickled as its class and its fields' values, read by one C-level getter:
    pickle's own way for a slotted dataclass (``_dataclass_getstate``, in Python) was most of
    the key's cost of an index page. Only this module's pickler uses it (never copyreg)."""

    def __missing__(self, cls: type) -> Any:
        if not dataclasses.is_dataclass(cls):
            raise KeyError(cls)  # pickle's own way
        names = [f.name for f in dataclasses.fields(cls)]
        getter = operator.attrgetter(*names) if len(names) > 1 else _one(names[0])

        def reduce(obj: Any) -> tuple[type, tuple[Any, ...]]:
            return cls, getter(obj)

        self[cls] = reduce
        return reduce


def _one(name: str) -> Any:
    getter = operator.attrgetter(name)
    return lambda obj: (getter(obj),)


_FIELDS = _FieldsTable()


def fields_reduce(cls: type) -> Any:
    """How :func:`view_bytes` writes a dataclass ``cls`` (for a table of its own)."""
    return _FIELDS[cls]


def meta_bytes(meta: dict[str, Any]) -> bytes:
    return json.dumps(meta, sort_keys=True, ensure_ascii=False, default=repr).encode()


def site_digest(config: MkDocsConfig, nav: Navigation, code: str) -> str:
    """Everything every page depends on (the module docstring's "site"); ``code``: a digest of
    the build step's and the plugins' code."""
    digest = hashlib.sha256(code.encode())
    for folder in config.theme.dirs:
        for path in sorted(_templates(Path(folder))):
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    digest.update(json.dumps(_versions()).encode())
    digest.update(_settings(config).encode())
    for depth, label, url in _nav_items(nav.items):
        digest.update(f"{depth}\0{label}\0{url}\0".encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def plugin_code_version() -> str:
    """The plugins' code and own templates (the build step's is ``pipeline.code_version``)."""
    here = Path(__file__).parent
    return code_digest(sorted([*here.glob("*.py"), *here.glob("templates/*")]))


def files_digest(files: Files) -> str:
    """The site's pages and their URLs: where an index page's links go, and whether they
    go anywhere."""
    digest = hashlib.sha256()
    for src, file in sorted(files.src_uris.items()):
        digest.update(f"{src}\0{file.url}\0".encode())
    return digest.hexdigest()


def _templates(folder: Path) -> Iterator[Path]:
    """The templates of a theme folder, not under ``assets/`` (copied as they are) nor
    ``.icons/`` (SVG only: Material's 14,000 icons, whose version is in the key)."""
    if not folder.is_dir():
        return
    for top, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in _NOT_TEMPLATES]
        for name in names:
            path = Path(top, name)
            if path.suffix in _TEMPLATE_SUFFIXES and path.is_file():
                yield path


def _versions() -> dict[str, str]:
    out = {"python": sys.version}
    for package in _PACKAGES:
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = ""
    return out


def _settings(config: MkDocsConfig) -> str:
    """mkdocs.yml as loaded (environment variables applied), each plugin's options (a hook,
    a module among the plugins, by its source), the theme's. Values JSON cannot write are
    written by their type only."""
    settings = {key: config[key] for key in config if key not in _NOT_SETTINGS}
    settings["plugins"] = {name: _plugin_settings(plugin)
                           for name, plugin in config.plugins.items()}
    settings["theme"] = dict(config.theme.items())
    return json.dumps(settings, sort_keys=True, ensure_ascii=False, default=_value)


def _value(value: Any) -> str:
    """A setting JSON cannot write: its text (an ``extra_javascript`` entry's is its path),
    unless that text is an address in memory, which would differ in every build."""
    text = str(value)
    name = type(value).__name__
    return f"<{name}>" if " at 0x" in text or " object at " in text else f"<{name}> {text}"


def _plugin_settings(plugin: Any) -> Any:
    """A plugin's options as the keys read them: its ``keyed_options()`` when it has one (the
    thongbao plugin's give the originals' address as the stand-in its pages are rendered
    with, ``noticeview.AddressSwap``, so that a new address keeps every page's key)."""
    keyed = getattr(plugin, "keyed_options", None)
    if callable(keyed):
        return keyed()
    options = getattr(plugin, "config", None)
    if options is not None and hasattr(options, "items"):
        return dict(options.items())
    source = getattr(plugin, "__file__", None)
    return Path(source).read_text("utf-8", "replace") if source else type(plugin).__name__


def _nav_items(items: Iterable[Any], depth: int = 0) -> Iterator[tuple[int, str, str]]:
    """Every item of the nav with its depth (the same titles nested otherwise are another
    sidebar)."""
    for item in items:
        yield depth, str(getattr(item, "title", "") or ""), str(getattr(item, "url", "") or "")
        yield from _nav_items(getattr(item, "children", None) or (), depth + 1)
