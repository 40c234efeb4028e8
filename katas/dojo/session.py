"""One dojo session: the model, the kata's live test state, and a lock the views share.

The main loop (``katas.cli.dojo``) checks the kata after each save and ticks the
clock; the terminal view and the web page's threads read ``view()`` and call
``act()``. Both go through the lock, so every view sees one consistent moment.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from katas.dojo.model import OVER, Dojo
from katas.harness import catalogue
from katas.harness.report import SOLVED

GREEN, FAILING, NOT_STARTED = "green", "failing", "not started"


def next_kata(kata: catalogue.Kata) -> catalogue.Kata | None:
    """The kata after ``kata`` in the course, if any."""
    later = [k for k in catalogue.load() if k.number > kata.number]
    return later[0] if later else None


def tasks_of(kata: catalogue.Kata, state) -> list[dict]:
    """Each task with its state: green, failing (the one to do now) or not started."""
    if state is None:
        return [{"number": t.number, "title": t.title, "state": NOT_STARTED} for t in kata.tasks]
    passed = set(state.passed_tasks)
    solved = state.state == SOLVED
    now = None if solved or state.broken else state.next_task.number
    found = []
    for task in kata.tasks:
        if task.number in passed:
            label = GREEN
        elif task.number == now or state.broken:
            label = FAILING
        else:
            label = NOT_STARTED
        found.append({"number": task.number, "title": task.title, "state": label})
    return found


def kata_status(kata: catalogue.Kata, state) -> dict:
    """The kata's state for the views: solved or not, and what to look at next."""
    if state is None:
        return {"state": "checking", "message": "", "test": "", "next_task": 1}
    status = {"state": state.state, "message": "", "test": "", "next_task": None}
    if state.broken:
        status["message"] = f"Your code does not import: {state.broken.describe()}"
    elif state.state != SOLVED:
        failure = state.first_failure
        status["message"] = failure.message if failure else ""
        status["test"] = failure.name if failure else ""
        status["next_task"] = state.next_task.number
    return status


class Session:
    """The dojo model and the kata's latest state, shared by the main loop and the views."""

    def __init__(self, kata: catalogue.Kata, dojo: Dojo, checker=None):
        self.kata = kata
        self.dojo = dojo
        # Judges the kata now and returns its KataState (katas.harness.report): the command
        # passes the checker's; tests pass a fake.
        self._check = checker
        self.state = None
        self.lock = threading.RLock()
        self.greened: list[int] = []  # the tasks that turned green at the last check
        self.checks = 0
        self.last_check = {"seconds": None, "finished": None}  # how long, and when (epoch)
        self.retro = {"path": None, "error": None}  # the retrospective's file, once saved
        self.closed = threading.Event()  # the page asked to stop the dojo, after the session

    def refresh(self) -> list[int]:
        """Run the kata's tests (outside the lock) and record the result."""
        began = time.monotonic()
        state = self._check(self.kata)
        took = time.monotonic() - began
        with self.lock:
            self.state = state
            self.checks += 1
            self.last_check = {"seconds": took, "finished": time.time()}
            self.greened = self.dojo.record(state.passed_tasks, solved=state.state == SOLVED)
            return self.greened

    def tick(self) -> bool:
        with self.lock:
            return self.dojo.tick()

    def act(self, action: str) -> bool:
        """Run one of the model's actions by name (a key press or a button).

        ``finish`` ends the session (as ``q`` in the terminal); ``close``, once it is
        over, stops the dojo and its page.
        """
        actions = {
            "start": self.dojo.start,
            "pause": self.dojo.toggle_pause,
            "extend": self.dojo.extend,
            "skip": self.dojo.skip,
            "rotate": self.dojo.rotate_now,
            "finish": lambda: self.dojo.finish() or True,
            "close": self._close,
        }
        if action not in actions:
            return False
        with self.lock:
            return actions[action]()

    def _close(self) -> bool:
        if self.dojo.phase != OVER:
            return False
        self.closed.set()
        return True

    def retro_saved(self, path, error: str | None = None) -> None:
        """Note where the retrospective went (the page names the file)."""
        with self.lock:
            where = str(Path(path).resolve()) if path is not None else None
            self.retro = {"path": where, "error": error}

    @property
    def solved(self) -> bool:
        return self.state is not None and self.state.state == SOLVED

    def view(self) -> dict:
        """Everything the views show, as plain data."""
        with self.lock:
            following = next_kata(self.kata) if self.solved else None
            return {
                **self.dojo.snapshot(),
                "kata": {
                    "slug": self.kata.slug,
                    "number": self.kata.number,
                    "title": self.kata.title,
                    "files": [f"katas/{self.kata.slug}/{name}" for name in self.kata.files],
                },
                "tasks": tasks_of(self.kata, self.state),
                "status": kata_status(self.kata, self.state),
                "next_kata": (
                    {"slug": following.slug, "number": following.number, "title": following.title}
                    if following
                    else None
                ),
                "checks": self.checks,
                "last_check": dict(self.last_check),
                "retro": dict(self.retro),
            }
