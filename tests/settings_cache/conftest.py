"""Fixtures of the settings_cache kata: cold caches, and a count of their computations."""

import logging

import pytest

from katas.settings_cache import uploads


def forget_both():
    for cached in (uploads.allowed_upload_types, uploads.max_upload_bytes):
        getattr(cached, "cache_clear", lambda: None)()  # the learner's code may unwrap it


@pytest.fixture(autouse=True)
def _cold_caches():
    """Each test starts with both cached values forgotten, and leaves them so."""
    forget_both()
    yield
    forget_both()


class Computations:
    """How many times uploads.py computed each value so far (it logs each computation)."""

    def __init__(self, caplog):
        self.caplog = caplog

    def _count(self, start):
        return sum(
            1
            for record in self.caplog.records
            if record.name == uploads.logger.name and record.getMessage().startswith(start)
        )

    @property
    def types(self):
        return self._count("Computed the allowed upload types")

    @property
    def size_limit(self):
        return self._count("Computed the upload size limit")


@pytest.fixture
def computed(caplog):
    caplog.set_level(logging.INFO, logger=uploads.logger.name)
    return Computations(caplog)
