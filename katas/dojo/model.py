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
TIME_UP = "time up"  # the turn is over; the next one starts on Enter (or the page's button)
OVER = "over"

# Why a turn ended (``Dojo.ended_by``): its time ran out, or the group rotated early.
TIME, ROTATE = "time", "rotate"

EXTRA = 60.0  # seconds that "extend" adds


@dataclass
class Turn:
    """One turn at the keyboard.

    ``started`` is seconds since the session began; ``spent`` is the time the turn
    ran (pauses not counted), set when it ends.
    """

    number: int
    driver: str
    navigator: str | None
    started: float
    ended: float | None = None
    spent: float = 0.0
    greened: list[int] = field(default_factory=list)  # tasks green for the first time
    # Tasks that were green and went red in this turn: the turn that made each green
    # again (None: still red).
    broke: dict[int, int | None] = field(default_factory=dict)


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
        self.ended_by: str | None = None  # TIME or ROTATE, for the last turn that ended
        self.passed: set[int] = set()
        self.ever_green: set[int] = set()
        self.first_green: float | None = None  # turn time worked before the first green
        self.solved_at: float | None = None

    # -- reading ---------------------------------------------------------------

    def now(self) -> float:
        """Seconds since the session began."""
        return self.clock() - self.began

    @property
    def turn(self) -> Turn | None:
        return self.turns[-1] if self.turns else None

    def spent(self, turn: Turn) -> float:
        """How long ``turn`` has run: pauses and the time between turns not counted."""
        if turn is self.turn and turn.ended is None:
            return self.timer.spent()
        return turn.spent

    def worked(self) -> float:
        """The turns' time so far, added up: what the group spent at the keyboard."""
        return sum(self.spent(turn) for turn in self.turns)

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
            "ended_by": self.ended_by if self.phase == TIME_UP else None,
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
        self.ended_by = None
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
            self.ended_by = None
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
        self._end_turn(ROTATE)
        return True

    def finish(self) -> None:
        self.timer.pause()
        if self.turn and self.turn.ended is None:
            self.turn.ended = self.now()
            self.turn.spent = self.timer.spent()
        self.phase = OVER

    # -- the main loop ---------------------------------------------------------

    def tick(self) -> bool:
        """Notice the end of a turn; True exactly once, when the turn's time is up."""
        if self.phase == RUNNING and self.timer.is_up():
            self._end_turn(TIME)
            return True
        return False

    def _end_turn(self, why: str) -> None:
        self.timer.pause()
        self.turn.ended = self.now()
        self.turn.spent = self.timer.spent()
        self.ended_by = why
        self.phase = OVER if self.last_turn() else TIME_UP

    def record(self, passed: list[int] | set[int], solved: bool = False) -> list[int]:
        """Take the kata's latest test state; return the tasks that just turned green.

        A task is credited once, to the turn that first made it green (the last turn,
        between turns). A green task that goes red again is noted in the turn that
        broke it, with the turn that made it green again. Times are turn time worked
        (``worked``): pauses and pair switches are not counted.
        """
        now = set(passed)
        greened = sorted(now - self.passed)
        reddened = sorted(self.passed - now)
        self.passed = now
        turn = self.turn
        if turn is None:  # before turn 1: the kata as the group found it
            self.ever_green |= now
            return greened
        for task in reddened:
            turn.broke[task] = None
        for task in greened:
            if task in self.ever_green:
                self._mended(task, turn.number)
            else:
                turn.greened.append(task)
        self.ever_green |= now
        if greened and self.first_green is None:
            self.first_green = self.worked()
        if solved and self.solved_at is None:
            self.solved_at = self.worked()
        return greened

    def _mended(self, task: int, number: int) -> None:
        for turn in reversed(self.turns):
            if turn.broke.get(task, 0) is None:
                turn.broke[task] = number
                return
