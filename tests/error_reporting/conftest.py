"""Fixtures of the error_reporting kata: an empty tracker for every test."""

import pytest

from katas.error_reporting import tracker


@pytest.fixture(autouse=True)
def _empty_tracker():
    """Each test starts with no report and a tracker that is up."""
    tracker.reports.clear()
    yield
    tracker.reports.clear()
