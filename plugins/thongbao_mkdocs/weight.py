"""The ``thongbao-weight`` plugin: fewer bytes per page and per site, and the CSP's hashes.

It minifies every page (after every other plugin has changed it), leaves out the theme files
the site never loads (source maps; Material's lunr search while its ``search`` plugin is off),
and gives the templates the ``script_hashes`` function with which ``overrides/partials/csp.html``
allows the theme's own inline scripts. The work is done by ``thongbao.pageweight``. Last of
all, it says what the site weighs, and warns when that passes what the host publishes
(``site_limit_mb``; ``thongbao.sitesize``).
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from thongbao import pageweight, sitesize

from .state import find_state
from .weight_config import WeightConfig

log = get_plugin_logger(__name__)


class WeightPlugin(BasePlugin[WeightConfig]):
    # Last, after the other plugins added theirs: a file another plugin adds is not dropped
    # unless it matches too.
    @event_priority(-100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        patterns = list(self.config.drop)
        if not {"search", "material/search"} & set(config.plugins):
            patterns += pageweight.SEARCH_ASSETS
        dropped = [f for f in files if pageweight.unused_asset(f.dest_uri, patterns)]
        for file in dropped:
            files.remove(file)
        log.debug("thongbao-weight: %d unused theme files left out", len(dropped))
        return files

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        # Registered even when disabled: the CSP partial needs it to render at all.
        env.globals["script_hashes"] = pageweight.script_hashes
        if self.config.enabled:
            # Material's `__config` (every page) writes its Vietnamese strings through
            # `tojson`, each letter with a diacritic as a 6-byte \u escape: written as UTF-8
            # they are a third the bytes. `tojson` still escapes < > & ' (htmlsafe_json_dumps).
            env.policies["json.dumps_kwargs"] = {
                **env.policies.get("json.dumps_kwargs", {}), "ensure_ascii": False}
        return env

    # Last: the other plugins' on_post_page (feed links) change the page before it shrinks.
    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if not (self.config.enabled and self.config.minify):
            return None
        # A page the thongbao plugin hands to its finisher is minified there (finisher.py).
        finisher = getattr(config.plugins.get("thongbao"), "finisher", None)
        if finisher is not None and finisher.takes(page.file.src_uri):
            return None
        return pageweight.minify(output)

    # Last: the search index, the exports and the feeds are written in the other plugins'
    # on_post_build.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        size = sitesize.measure(Path(config.site_dir))
        state = find_state(config)
        notices = len(state.pages) if state is not None else None
        log.info(sitesize.size_line(size, notices))
        message = sitesize.over_limit(size, self.config.site_limit_mb)
        if message:
            log.warning(message)

    @event_priority(-100)
    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        if not (self.config.enabled and self.config.minify and template_name.endswith(".html")):
            return None
        return pageweight.minify(output_content)
