"""Every request through Django logs exactly one "Request completed"."""

import logging

import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth.models import Group
from django.core.signals import request_finished
from django.test import AsyncClient, Client

from tests.signal_tools import call_learner, connected, modules_of

LOGGER = "katas.request_logging"


def ours(record):
    """True for the kata's logger and its children (getLogger(__name__) in receivers.py)."""
    return record.name == LOGGER or record.name.startswith(f"{LOGGER}.")


@pytest.fixture
def records(caplog, monkeypatch):
    """The records of the kata's logger and its children, captured from INFO up."""
    caplog.set_level(logging.INFO)  # every logger: to say where else a record went
    caplog.set_level(logging.INFO, logger=LOGGER)
    # The boom view fails on purpose: its traceback in django.request would only distract.
    monkeypatch.setattr(logging.getLogger("django.request"), "disabled", True)
    return lambda: [r for r in caplog.records if ours(r)]


def went_astray(caplog, capsys):
    """Say where a 'Request completed' went instead of the kata's logger, if anywhere."""
    said = []
    others = sorted(
        {r.name for r in caplog.records if not ours(r) and "Request completed" in r.getMessage()}
    )
    if others:
        said.append(
            f"It went to the logger(s) {others}, which are not {LOGGER!r} or one of its "
            "children: the LOGGING setting that routes the kata's records never sees it."
        )
    if "Request completed" in capsys.readouterr().out:
        said.append(
            "It was printed to stdout: print() cannot be routed, filtered by level or "
            "captured; use logger.info('Request completed')."
        )
    kata_receivers = {
        r for r in connected(request_finished) if r.__module__.startswith("katas.request_logging")
    }
    for_a_sender = kata_receivers - set(connected(request_finished, sender=None))
    if for_a_sender:
        said.append(
            f"{sorted(r.__name__ for r in for_a_sender)} listen(s) to request_finished from one "
            "sender only. Django sends it with the handler class as sender (WSGIHandler, "
            "ASGIHandler, the test client's own): connect it with no sender=."
        )
    return " ".join(said)


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
def test_each_request_logs_request_completed_once(records, url, status, caplog, capsys):
    client = Client(raise_request_exception=False)

    response = get(client, url)

    assert response.status_code == status
    found = completed(records)
    assert len(found) == 1, (
        f"A request to {url} ({status}) should log 'Request completed' exactly once on the "
        f"logger {LOGGER!r} (or a child, such as getLogger(__name__) in receivers.py); those "
        f"loggers got: {describe(records())}. {went_astray(caplog, capsys)} Log with "
        "logging.getLogger('katas.request_logging').info(...), not print()."
    )
    assert found[0].levelno == logging.INFO, f"It should log at INFO, not {found[0].levelname}."


@pytest.mark.task(1)
def test_an_asgi_request_logs_request_completed_once_too(records, caplog, capsys):
    # Through Django's ASGI request path: the handler, not a WSGI server, closes the
    # response, and request_finished comes with another sender class.
    async def fetch():
        return await AsyncClient().get("/request-logging/hello/")

    response = async_to_sync(fetch)()

    assert response.status_code == 200
    found = completed(records)
    assert len(found) == 1, (
        "A request served the ASGI way should log 'Request completed' exactly once on the "
        f"logger {LOGGER!r} too; those loggers got: {describe(records())}. "
        f"{went_astray(caplog, capsys)}"
    )


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
