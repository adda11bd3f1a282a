"""What the archive plugin learned about this build, shared with the other thongbao plugins.

The ``thongbao`` plugin (listed first in mkdocs.yml) runs the build step in ``on_files`` and
stores the result here; ``thongbao-opendata`` and ``thongbao-search`` read it in later events.
Keyed by the config file so that tests building several sites in one process stay apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from thongbao.pipeline import NoticePage, Problem


@dataclass
class BuildState:
    pages: list[NoticePage] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    archive: Any = None  # thongbao.archive.Archive, the index model
    extras: dict[str, Any] = field(default_factory=dict)


_STATES: dict[str, BuildState] = {}


def _key(config: MkDocsConfig) -> str:
    return str(config.config_file_path or id(config))


def set_state(config: MkDocsConfig, state: BuildState) -> None:
    _STATES[_key(config)] = state


def get_state(config: MkDocsConfig) -> BuildState:
    try:
        return _STATES[_key(config)]
    except KeyError:
        raise PluginError(
            "the 'thongbao' plugin must be listed before the other thongbao plugins in mkdocs.yml"
        ) from None
