"""Fixtures of the testing_signals kata: the learner's own tests, run in checker children."""

from tests import learner_tests

learner_runs = learner_tests.fixture("testing_signals", story="the shop")
