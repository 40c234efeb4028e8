"""A dojo session as a state machine: turns on a timer, the rotation, what turned green.

No terminal, no web, no tests run here: the views call the actions (``start``,
``toggle_pause``, ``extend``, ``skip``, ``rotate_now``, ``finish``), the main loop
calls ``tick`` and ``record``, and everything reads ``snapshot``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from katas.dojo.clock import Clock, Timer
from katas.dojo.rotation import Rotation

# The phases of a session.
WAITING = "waiting"  # before turn 1: the problem is presented, nobody types yet
RUNNING = "running"
PAUSED = "paused"
TIME_UP = "time up"  # the turn is over; the next one starts on a key press
OVER = "over"

EXTRA = 60.0  # seconds that "extend" adds


@dataclass
class Turn:
    """One turn at the keyboard; times are seconds since the session started."""

    number: int
    driver: str
    navigator: str | None
    started: float
    ended: float | None = None
    greened: list[int] = field(default_factory=list)  # tasks that turned green in this turn


class Dojo:
    """The session: ``turn_seconds`` per turn, ``limit`` turns (None: until it is ended)."""

    def __init__(
        self,
        rotation: Rotation,
        turn_seconds: float,
        clock: Clock = time.monotonic,
        limit: int | None = None,
    ):
        self.rotation = rotation
        self.turn_seconds = float(turn_seconds)
        self.clock = clock
        self.limit = limit
        self.timer = Timer(turn_seconds, clock)
        self.phase = WAITING
        self.turns: list[Turn] = []
        self.began = clock()
        self.passed: set[int] = set()
        self.first_green: float | None = None  # seconds from the start of turn 1
        self.solved_at: float | None = None

    # -- reading ---------------------------------------------------------------

    def now(self) -> float:
        """Seconds since the session began."""
        return self.clock() - self.began

    @property
    def turn(self) -> Turn | None:
        return self.turns[-1] if self.turns else None

    def upcoming(self) -> tuple[str, str | None]:
        """The driver and navigator of the turn that starts next."""
        if not self.turns:
            return self.rotation.driver, self.rotation.navigator
        return self.rotation.next_driver, self.rotation.next_navigator

    def last_turn(self) -> bool:
        return self.limit is not None and len(self.turns) >= self.limit

    def snapshot(self) -> dict:
        """Everything a view shows, as plain data (the web page gets it as JSON)."""
        driver, navigator = self.upcoming()
        turn = self.turn
        return {
            "phase": self.phase,
            "turn": turn.number if turn else 0,
            "limit": self.limit,
            "left": self.timer.left() if turn else self.turn_seconds,
            "length": self.timer.length,
            "driver": turn.driver if turn else None,
            "navigator": turn.navigator if turn else None,
            "next_driver": driver,
            "next_navigator": navigator,
            "pairs": self.rotation.pairs,
            "people": list(self.rotation.people),
            "first_green": self.first_green,
            "elapsed": self.now(),
        }

    # -- actions ---------------------------------------------------------------

    def start(self) -> bool:
        """Start the next turn (after the problem was presented, or after time up)."""
        if self.phase not in (WAITING, TIME_UP) or self.last_turn():
            return False
        if self.turns:
            self.rotation.advance()
        number = len(self.turns) + 1
        self.turns.append(
            Turn(number, self.rotation.driver, self.rotation.navigator, started=self.now())
        )
        self.timer.start(self.turn_seconds)
        self.phase = RUNNING
        return True

    def toggle_pause(self) -> bool:
        if self.phase == RUNNING:
            self.timer.pause()
            self.phase = PAUSED
        elif self.phase == PAUSED:
            self.timer.resume()
            self.phase = RUNNING
        else:
            return False
        return True

    def extend(self, seconds: float = EXTRA) -> bool:
        """Give the current turn more time; right after time up, the same turn goes on."""
        if self.phase in (RUNNING, PAUSED):
            self.timer.extend(seconds)
            return True
        if self.phase == TIME_UP and self.turn:
            self.timer.extend(max(0.0, self.timer.spent() - self.timer.length) + seconds)
            self.timer.resume()
            self.turn.ended = None
            self.phase = RUNNING
            return True
        return False

    def skip(self) -> bool:
        """Pass over the next driver (absent, or does not want to drive)."""
        if self.phase == OVER:
            return False
        if not self.turns:
            return self.rotation.begin_with_next()  # before turn 1, "next" is the first driver
        return self.rotation.skip()

    def rotate_now(self) -> bool:
        """End the current turn now (the pair is done, or stuck)."""
        if self.phase not in (RUNNING, PAUSED):
            return False
        self._time_up()
        return True

    def finish(self) -> None:
        if self.turn and self.turn.ended is None:
            self.turn.ended = self.now()
        self.timer.pause()
        self.phase = OVER

    # -- the main loop ---------------------------------------------------------

    def tick(self) -> bool:
        """Notice the end of a turn; True exactly once, when the turn's time is up."""
        if self.phase == RUNNING and self.timer.is_up():
            self._time_up()
            return True
        return False

    def _time_up(self) -> None:
        self.timer.pause()
        self.turn.ended = self.now()
        self.phase = OVER if self.last_turn() else TIME_UP

    def record(self, passed: list[int] | set[int], solved: bool = False) -> list[int]:
        """Take the kata's latest test state; return the tasks that just turned green.

        Green tasks are credited to the current turn (the last one, between turns).
        """
        now = set(passed)
        greened = sorted(now - self.passed)
        self.passed = now
        if greened and self.turn:
            self.turn.greened.extend(t for t in greened if t not in self.turn.greened)
            if self.first_green is None:
                self.first_green = self.now() - self.turns[0].started
        if solved and self.solved_at is None and self.turns:
            self.solved_at = self.now() - self.turns[0].started
        return greened
