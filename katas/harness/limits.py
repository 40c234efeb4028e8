"""Bound how long learner code may run, so an endless loop fails its kata instead of hanging.

:func:`time_limit` raises :class:`TimeLimitExceeded` inside the code that overran,
so its traceback ends at the learner's line that was running. On POSIX it uses a
real-time timer signal (it also interrupts a blocking ``time.sleep``); elsewhere, or
off the main thread, a timer thread interrupts the main thread.
"""

from __future__ import annotations

import _thread
import os
import signal
import threading
from contextlib import contextmanager


def seconds_from(variable: str, default: float) -> float:
    """Return the limit in seconds that environment ``variable`` sets, or ``default``.

    Anything but a number of seconds above 0 and under a day gives ``default``.
    """
    try:
        value = float(os.environ.get(variable, default))
    except ValueError:
        return default
    return value if 0 < value < 86400 else default


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
def time_limit(seconds: float):
    """Raise :class:`TimeLimitExceeded` in the block if it runs longer than ``seconds``."""
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
