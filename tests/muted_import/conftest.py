"""Fixtures of the muted_import kata: each test starts with post_save as Django set it up."""

import pytest
from django.db.models.signals import post_save


@pytest.fixture(autouse=True)
def _post_save_as_it_was():
    """Put post_save's receivers back after each test, whatever the learner's code left.

    A context manager that forgets to reconnect would otherwise leave the welcome
    email off for every later test, and their failures would blame the wrong task.
    """
    before = list(post_save.receivers)
    yield
    with post_save.lock:
        post_save.receivers = before
        post_save.sender_receivers_cache.clear()


class Spy:
    """A receiver of our own: records the members it heard about."""

    def __init__(self):
        self.heard = []

    def __call__(self, sender, instance, created, **kwargs):
        if created:
            self.heard.append(instance.email)


@pytest.fixture
def spy():
    """A receiver connected by the test to post_save of Member, disconnected afterwards."""
    from katas.muted_import.models import Member

    listener = Spy()
    post_save.connect(listener, sender=Member, weak=False, dispatch_uid="tests.muted_import.spy")
    yield listener
    post_save.disconnect(sender=Member, dispatch_uid="tests.muted_import.spy")
