"""Timers for the autosave debounce: the kernel's asyncio loop, or a manual clock in tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Protocol

__all__ = ["AsyncioScheduler", "Cancellable", "ManualScheduler", "Scheduler"]


class Cancellable(Protocol):
    def cancel(self) -> None: ...


class Scheduler(Protocol):
    def now(self) -> float: ...

    def call_later(self, delay: float, callback: Callable[[], None]) -> Cancellable: ...


class AsyncioScheduler:
    """Runs callbacks on the running event loop (the kernel's, in Voila)."""

    def now(self) -> float:
        return asyncio.get_event_loop().time()

    def call_later(self, delay: float, callback: Callable[[], None]) -> Cancellable:
        return asyncio.get_event_loop().call_later(delay, callback)


class _Timer:
    def __init__(self, due: float, callback: Callable[[], None]) -> None:
        self.due = due
        self.callback = callback
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class ManualScheduler:
    """A clock that only moves when told to: deterministic autosave tests without sleeping."""

    def __init__(self) -> None:
        self._now = 0.0
        self._timers: list[_Timer] = []

    def now(self) -> float:
        return self._now

    def call_later(self, delay: float, callback: Callable[[], None]) -> Cancellable:
        timer = _Timer(self._now + delay, callback)
        self._timers.append(timer)
        return timer

    @property
    def pending(self) -> int:
        return sum(1 for t in self._timers if not t.cancelled)

    def advance(self, seconds: float) -> None:
        """Move the clock forward, running every timer that falls due, in order."""
        target = self._now + seconds
        while True:
            due = sorted(
                (t for t in self._timers if not t.cancelled and t.due <= target),
                key=lambda t: t.due,
            )
            if not due:
                break
            timer = due[0]
            self._timers.remove(timer)
            self._now = timer.due
            timer.callback()
        self._now = target
        self._timers = [t for t in self._timers if not t.cancelled]
