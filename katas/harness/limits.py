"""Bound how long learner code may run, so an endless loop fails its kata instead of hanging.

Two layers, both armed by :func:`time_limit`:

- a soft limit: a real-time timer signal raises :class:`TimeLimitExceeded` inside the
  code that overran, so its traceback ends at the learner's line and the kata's other
  tests still run;
- a hard limit, a little later: faulthandler's watchdog, a C thread that learner code
  cannot catch, silence or ignore (a bare ``except:``, ``signal.alarm(0)``,
  ``SIG_IGN``), writes every thread's stack to the job's ``stuck`` file and ends the
  process. The checker then reads where the code was stuck from that file.

The checker's parent enforces one more limit from outside: a child that reports no
progress for too long is killed (:mod:`katas.harness.checker`).
"""

from __future__ import annotations

import _thread
import faulthandler
import os
import signal
import threading
from contextlib import contextmanager
from dataclasses import asdict, dataclass

IMPORT_LIMIT_ENV_VAR = "KATAS_IMPORT_LIMIT"
TEST_LIMIT_ENV_VAR = "KATAS_TEST_LIMIT"


def seconds_from(variable: str, default: float) -> float:
    """Return the limit in seconds that environment ``variable`` sets, or ``default``.

    Anything but a number of seconds above 0 and under a day gives ``default``.
    """
    try:
        value = float(os.environ.get(variable, default))
    except ValueError:
        return default
    return value if 0 < value < 86400 else default


@dataclass(frozen=True)
class Limits:
    """How long learner code may take: each module's import, and each kata test."""

    imports: float = 5.0
    test: float = 20.0
    # The hard watchdog fires this long after the soft limit: time for the soft one's
    # failure to be reported, which is the better message.
    grace: float = 3.0

    @classmethod
    def from_environment(cls) -> Limits:
        """Read ``KATAS_IMPORT_LIMIT`` and ``KATAS_TEST_LIMIT`` once, where a command starts.

        A job carries its limits from then on: learner code that changes the
        environment cannot change them.
        """
        return cls(
            imports=seconds_from(IMPORT_LIMIT_ENV_VAR, cls.imports),
            test=seconds_from(TEST_LIMIT_ENV_VAR, cls.test),
        )

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Limits:
        return cls(**{k: float(v) for k, v in data.items() if k in ("imports", "test", "grace")})

    @property
    def silence(self) -> float:
        """How long the checker's parent waits for any sign of progress before it kills."""
        return max(self.imports, self.test) + self.grace + 10.0


class TimeLimitExceeded(BaseException):
    """Learner code ran past its limit.

    A BaseException, like KeyboardInterrupt, so that a learner's ``except Exception``
    cannot swallow it and loop on.
    """

    def __init__(self, seconds: float):
        super().__init__(f"did not finish in {seconds:g} s")
        self.seconds = seconds


def _can_use_signals() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float, hard_after: float | None = None, stuck_file=None):
    """Raise :class:`TimeLimitExceeded` in the block if it runs longer than ``seconds``.

    With ``hard_after``, faulthandler also ends the whole process that many seconds
    after the soft limit, writing every thread's stack to ``stuck_file`` (an open
    file; stderr when None) first.
    """
    if hard_after is not None:
        faulthandler.dump_traceback_later(
            seconds + hard_after, exit=True, file=stuck_file or _stderr()
        )
    try:
        with _soft_limit(seconds):
            yield
    finally:
        if hard_after is not None:
            faulthandler.cancel_dump_traceback_later()


def _stderr():
    import sys

    return sys.__stderr__


@contextmanager
def _soft_limit(seconds: float):
    if _can_use_signals():

        def expire(signum, frame):
            raise TimeLimitExceeded(seconds)

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return

    expired = threading.Event()

    def interrupt():
        expired.set()
        _thread.interrupt_main()

    timer = threading.Timer(seconds, interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield
    except KeyboardInterrupt:
        if expired.is_set():
            raise TimeLimitExceeded(seconds) from None
        raise
    finally:
        timer.cancel()
