"""Fixtures of the error_reporting kata: an empty tracker, and Django's error logs kept quiet."""

import logging

import pytest

from katas.error_reporting import tracker


@pytest.fixture(autouse=True)
def _empty_tracker():
    """Each test starts with no report and a tracker that is up."""
    tracker.reports.clear()
    yield
    tracker.reports.clear()


class _DjangoErrorLogs(logging.Filter):
    """Drop the records Django logs for each failing request (the views fail on purpose)."""

    def filter(self, record):
        return not record.name.startswith(("django.request", "django.security"))


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_call(item):
    """Keep Django's traceback of each failing view out of the test report.

    trylast: this runs inside pytest's own log capture, whose handlers sit on the root
    logger by then. Django's records still reach every handler of the "django" logger
    and its children; only the root logger's handlers (pytest's) ignore them.
    """
    quiet = _DjangoErrorLogs()
    handlers = list(logging.getLogger().handlers)
    for handler in handlers:
        handler.addFilter(quiet)
    try:
        return (yield)
    finally:
        for handler in handlers:
            handler.removeFilter(quiet)
