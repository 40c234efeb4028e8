"""Every request through Django logs exactly one "Request completed"."""

import logging

import pytest
from django.contrib.auth.models import Group
from django.core.signals import request_finished
from django.test import Client

from tests.signal_tools import call_learner, connected, modules_of

LOGGER = "katas.request_logging"


@pytest.fixture
def records(caplog):
    """The kata logger's records, captured from INFO up."""
    caplog.set_level(logging.INFO, logger=LOGGER)
    return lambda: [r for r in caplog.records if r.name == LOGGER]


def completed(records):
    return [r for r in records() if r.getMessage() == "Request completed"]


def describe(found):
    return [f"{r.levelname} {r.name}: {r.getMessage()}" for r in found] or "nothing"


def get(client, url):
    """GET ``url``; a receiver that cannot take the signal's arguments fails the test."""
    # request_finished is sent when the response is closed, inside client.get().
    return call_learner(f"GET {url}", client.get, url)


@pytest.mark.task(1)
@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/request-logging/hello/", 200),
        ("/request-logging/missing/", 404),
        ("/request-logging/boom/", 500),
    ],
)
def test_each_request_logs_request_completed_once(records, url, status):
    client = Client(raise_request_exception=False)

    response = get(client, url)

    assert response.status_code == status
    found = completed(records)
    assert len(found) == 1, (
        f"A request to {url} ({status}) should log 'Request completed' exactly once on the "
        f"logger {LOGGER!r}; the kata logger got: {describe(records())}. Log with "
        "logging.getLogger('katas.request_logging').info(...), not print()."
    )
    assert found[0].levelno == logging.INFO, f"It should log at INFO, not {found[0].levelname}."


@pytest.mark.task(1)
def test_the_record_comes_after_the_view_ran(records, client):
    get(client, "/request-logging/hello/")

    messages = [r.getMessage() for r in records()]
    assert "Request completed" in messages, f"No 'Request completed' was logged: {messages}."
    assert messages.index("Request completed") > messages.index("View ran"), (
        f"The kata logger saw {messages}: 'Request completed' came before the view ran. "
        "Listen to request_finished, not request_started."
    )


@pytest.mark.task(2)
def test_the_receiver_is_connected_at_startup():
    # This module never imports katas.request_logging.receivers.
    modules = modules_of(connected(request_finished))
    assert any(m.startswith("katas.request_logging") for m in modules), (
        "No receiver of kata request_logging listens to request_finished "
        f"(its receivers come from {sorted(set(modules))}). Use @receiver(request_finished) "
        "in katas/request_logging/receivers.py, which apps.py imports in ready()."
    )


@pytest.mark.task(2)
@pytest.mark.django_db
def test_nothing_is_logged_outside_requests(records, client):
    Group.objects.create(name="no request here")
    outside = completed(records)

    get(client, "/request-logging/hello/")

    assert completed(records), "A request should log 'Request completed'; nothing was logged."
    assert outside == [], (
        f"Saving a model (no request at all) logged {describe(outside)}. Connect the "
        "receiver to request_finished only."
    )
