"""A turn's countdown: pausable and extendable, on whatever clock it is given.

The clock is a function returning seconds (``time.monotonic`` in a session, a
list cell in tests), so nothing here ever sleeps.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

Clock = Callable[[], float]


class Timer:
    """Count ``seconds`` down while running; time spent paused does not count."""

    def __init__(self, seconds: float, clock: Clock = time.monotonic):
        self.length = float(seconds)
        self.clock = clock
        self._spent = 0.0  # seconds counted before the current run
        self._since: float | None = None  # when the current run began; None while stopped

    @property
    def running(self) -> bool:
        return self._since is not None

    def start(self, seconds: float | None = None) -> None:
        """Start a fresh countdown (of ``seconds``, or the same length as before)."""
        if seconds is not None:
            self.length = float(seconds)
        self._spent = 0.0
        self._since = self.clock()

    def pause(self) -> None:
        if self._since is not None:
            self._spent += self.clock() - self._since
            self._since = None

    def resume(self) -> None:
        if self._since is None:
            self._since = self.clock()

    def extend(self, seconds: float) -> None:
        """Give the turn ``seconds`` more (a turn that was up runs again)."""
        self.length += seconds

    def spent(self) -> float:
        running = self.clock() - self._since if self._since is not None else 0.0
        return self._spent + running

    def left(self) -> float:
        return max(0.0, self.length - self.spent())

    def is_up(self) -> bool:
        return self.spent() >= self.length


def minutes_seconds(seconds: float) -> str:
    """Format what is left as ``M:SS``, rounding up: a turn shows 5:00, never 4:59, at its start."""
    whole = max(0, math.ceil(seconds - 1e-9))
    minutes, rest = divmod(whole, 60)
    return f"{minutes}:{rest:02d}"


def elapsed(seconds: float) -> str:
    """Format a time spent as ``M:SS``, to the nearest second: a 1:00 turn that ended on a
    tick a few hundredths late still shows 1:00."""
    return minutes_seconds(round(max(0.0, seconds)))
