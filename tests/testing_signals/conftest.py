"""Fixtures of the testing_signals kata: the learner's own tests, run in checker children."""

import os
from contextlib import contextmanager

import pytest

from katas.harness import limits

# Loaded into every run of the learner's tests (see nested_plugin.py).
PLUGINS = "katas.harness.plugin,tests.testing_signals.nested_plugin"
# How long one test of the learner's may run: well within this kata's own test's limit.
LEARNER_TEST_LIMIT = 5.0


@contextmanager
def environment(**values):
    """Set environment variables for the block (read by the runs it starts), then restore them."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class LearnerRuns:
    """The learner's tests, each run (against the shop or a broken version) made once."""

    def __init__(self, learner_tests):
        self.learner_tests = learner_tests
        self.runs = {}

    def run(self, broken=None):
        if broken not in self.runs:
            self.runs[broken] = self.learner_tests.run(broken)
        return self.runs[broken]


@pytest.fixture(scope="session")
def learner_runs():
    """Run the learner's test module (the current target's), once per version of the shop."""
    from katas.harness.nested import LearnerTests

    own = limits.Limits.from_environment().test
    test_limit = min(LEARNER_TEST_LIMIT, own / 4)
    with (
        environment(PYTEST_PLUGINS=PLUGINS, KATAS_TEST_LIMIT=f"{test_limit:g}"),
        LearnerTests("testing_signals") as learner_tests,
    ):
        yield LearnerRuns(learner_tests)
