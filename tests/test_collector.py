"""The garbage collector during a build (plugins/thongbao_mkdocs/collector.py): paused while
the archive is made, the survivors frozen before the first page, everything undone by the next
build (``mkdocs serve``) or a failed one."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.structure.files import Files
from sitebuild import SEEDS, build_site, make_project
from thongbao_mkdocs.collector import CollectorPause
from thongbao_mkdocs.plugin import ThongbaoPlugin


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


def test_held_objects_are_frozen_once_settled_and_released_after() -> None:
    pause = CollectorPause()
    pause.hold()
    assert not gc.isenabled()
    made = [[n] for n in range(1000)]  # tracked objects made while held
    pause.settle()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(made)
    pause.release()
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_settle_collects_the_cycles_made_while_held() -> None:
    pause = CollectorPause()
    pause.hold()
    for _ in range(100):
        cycle: list[object] = []
        cycle.append(cycle)
    del cycle
    assert pause.settle() >= 100


def test_a_collector_disabled_before_the_build_stays_disabled() -> None:
    gc.disable()
    pause = CollectorPause()
    pause.hold()
    pause.settle()
    assert not gc.isenabled()
    pause.release()
    assert not gc.isenabled()


def test_settle_without_hold_freezes_nothing() -> None:
    assert CollectorPause().settle() == 0
    assert gc.get_freeze_count() == 0


def test_a_build_renders_with_the_collector_on_and_the_archive_frozen(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", notices=SEEDS[:3])
    seen: list[tuple[bool, int]] = []
    original = ThongbaoPlugin.on_post_page

    def probe(self: ThongbaoPlugin, output: str, /, **kwargs: object) -> str | None:
        seen.append((gc.isenabled(), gc.get_freeze_count()))
        return original(self, output, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ThongbaoPlugin, "on_post_page", probe)
        build_site(root)
    assert seen, "no page was written"
    assert all(enabled for enabled, _ in seen), "pages rendered with the collector paused"
    assert min(frozen for _, frozen in seen) > 10_000  # the records, the views, the plan
    assert gc.isenabled()


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_rebuild_frees_the_cycles_the_previous_build_froze(tmp_path: Path) -> None:
    """`mkdocs serve` rebuilds in one process: garbage the last build froze (a cycle only
    that build's plugin held) is freed once the next build starts, not kept for good."""
    root = make_project(tmp_path / "p", notices=SEEDS[:2])
    held: list[weakref.ref[_Cycle]] = []
    original = ThongbaoPlugin.on_files

    def probe(self: ThongbaoPlugin, files: Files, **kwargs: object) -> Files | None:
        if not held:
            cycle = _Cycle()
            self.__dict__["probe"] = cycle  # made while paused: frozen with the archive
            held.append(weakref.ref(cycle))
        return original(self, files, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ThongbaoPlugin, "on_files", probe)
        build_site(root)
        gc.collect()
        assert held[0]() is not None, "frozen: a collection leaves it alone"
        build_site(root)
    gc.collect()
    assert held[0]() is None


def test_a_failed_build_leaves_the_collector_as_it_was(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", notices=SEEDS[:2])

    def broken(self: ThongbaoPlugin, *args: object) -> None:
        raise RuntimeError("plan failed")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ThongbaoPlugin, "_plan_page_cache", broken)
        with pytest.raises(RuntimeError, match="plan failed"):
            build_site(root)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
