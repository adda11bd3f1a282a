"""CPython's garbage collector during a build: paused while the archive is made, then told to
leave what was made alone.

What a build makes before its first page (the records, the index model, the index pages'
views, the exports, the page plan: millions of objects at 10,000 notices) lives until the
build ends. CPython's collector goes through every object it tracks each time that set has
grown by a quarter, so making them cost ~20 full collections that found almost nothing to
free: 17.5–21.3 s of a 112–141 s build after one changed notice, 24.4 s of a 189.5 s build
that renders every page (docs/scale.md, "The garbage collector"). So the collector is
paused from the start of ``on_files`` to the end of ``on_env``; then one collection frees
whatever cycles that stretch left, and ``gc.freeze`` moves the survivors out of the
collector's sight: while the pages are rendered, a collection goes through the objects made
since.

``gc.unfreeze`` undoes it at the start of the next build (``mkdocs serve`` rebuilds in the same
process: what the previous build held and no longer does is freed then) and after a failed
build. A finished ``mkdocs build`` leaves its objects frozen: the process ends, and the
collection it makes on the way out has nothing to go through.
"""

from __future__ import annotations

import gc


class CollectorPause:
    """The collector paused (``hold``), the survivors frozen (``settle``), undone (``release``)."""

    def __init__(self) -> None:
        self.held = False
        self.was_enabled = True

    def hold(self) -> None:
        """From here to :meth:`settle`, no collection: what is made now is kept."""
        if self.held:
            return
        self.was_enabled = gc.isenabled()
        gc.disable()
        self.held = True

    def settle(self) -> int:
        """One collection, then the survivors frozen and the collector back as it was; the
        number of unreachable objects found (0 when not held)."""
        if not self.held:
            return 0
        try:
            return gc.collect()
        finally:
            gc.freeze()
            self._restore()

    def release(self) -> None:
        """The collector as it was and nothing frozen: a new build starts, or this one failed.
        (``gc.unfreeze`` is process-wide: MkDocs and the other plugins freeze nothing.)"""
        if self.held:
            self._restore()
        gc.unfreeze()

    def _restore(self) -> None:
        self.held = False
        if self.was_enabled:
            gc.enable()
