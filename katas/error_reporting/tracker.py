"""Given: the shop's error tracker, in memory. Read it, do not change it.

It stands in for Sentry, Rollbar or Bugsnag: a real one sends each report over the
network to a service your whole team reads. This one keeps them in ``reports``, where
the tests read them. Like a real one, it stores what it is given, secrets included:
scrubbing them is the caller's job.
"""

from contextlib import contextmanager

# Every report received, oldest first: one dict per capture() call.
reports: list[dict] = []

_down = False


class TrackerUnavailable(ConnectionError):
    """The tracker cannot be reached: the network is down, or the service is."""


def capture(exception, *, method, path, user, headers=None, data=None):
    """Send one report of an error to the tracker.

    exception: the exception the view raised (the exception itself, not its text).
    method, path: the request's, e.g. "POST" and "/error-reporting/checkout/".
    user: the username of the logged-in user, or None for a visitor who is not logged in.
    headers: the request's HTTP headers, a dict: they help to reproduce the error.
    data: the request's POST data, a dict (or a QueryDict).

    Raises TrackerUnavailable when the tracker cannot be reached.
    """
    if _down:
        raise TrackerUnavailable("the error tracker cannot be reached")
    reports.append(
        {
            "exception": exception,
            "method": method,
            "path": path,
            "user": user,
            "headers": headers if headers is not None else {},
            "data": data if data is not None else {},
        }
    )


@contextmanager
def outage():
    """Within the block, every capture() raises TrackerUnavailable (the tests use it)."""
    global _down
    _down = True
    try:
        yield
    finally:
        _down = False
