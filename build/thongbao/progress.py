"""Progress of a long step: a tqdm bar (count, rate, ETA) on a terminal, log lines elsewhere.

In CI or with output to a file, a bar's carriage returns make an unreadable log; there the step
says where it is in plain lines, at most one per ``every`` seconds, and once at the end. A step
wraps its iterable (``for x in progress(items, total=n, label="extraction")``) or, when the
items arrive one event at a time (MkDocs writing pages), ticks a :class:`Ticker`.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

from tqdm import tqdm

_T = TypeVar("_T")


class Progress(Protocol):
    def __call__(self, items: Iterable[_T], *, total: int, label: str) -> Iterator[_T]: ...


def silent(items: Iterable[_T], *, total: int, label: str) -> Iterator[_T]:
    yield from items


def on_terminal() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


class Ticker:
    """Counts one step's items; a bar or log lines (see the module's docstring)."""

    def __init__(self, total: int, label: str, log: Callable[[str], None], bar: bool,
                 every: float = 10.0) -> None:
        self.total, self.label, self.log, self.every = total, label, log, every
        self.done = 0
        self.started = self.last = time.monotonic()
        self.bar = tqdm(total=total, desc=label, unit="", leave=False, file=sys.stderr,
                        dynamic_ncols=True) if bar else None

    def tick(self) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update()
            return
        now = time.monotonic()
        if now - self.last >= self.every and self.done < self.total:
            self.last = now
            rate = self.done / (now - self.started)
            left = (self.total - self.done) / rate if rate else 0.0
            self.log(f"{self.label}: {self.done}/{self.total} ({self.done * 100 // self.total}%),"
                     f" {rate:.0f}/s, about {left:.0f} s left")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        self.log(f"{self.label}: {self.done}/{self.total} in "
                 f"{time.monotonic() - self.started:.1f} s")


class Reporter:
    """Progress of every long step of one build. Steps of fewer than ``minimum`` items report
    nothing (tests, small sites, ``mkdocs serve`` after one change)."""

    def __init__(self, log: Callable[[str], None], bar: bool | None = None,
                 minimum: int = 200) -> None:
        self.log = log
        self.bar = on_terminal() if bar is None else bar
        self.minimum = minimum

    def ticker(self, total: int, label: str) -> Ticker | None:
        return Ticker(total, label, self.log, self.bar) if total >= self.minimum else None

    def __call__(self, items: Iterable[_T], *, total: int, label: str) -> Iterator[_T]:
        ticker = self.ticker(total, label)
        if ticker is None:
            yield from items
            return
        for item in items:
            yield item
            ticker.tick()
        ticker.close()
