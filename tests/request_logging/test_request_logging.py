"""Every request through Django logs exactly one "Request completed"."""

import asyncio
import logging
from wsgiref.util import setup_testing_defaults

import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth.models import Group
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import AsyncClient, Client

from tests.signal_tools import call_learner, connected, modules_of

LOGGER = "katas.request_logging"


def ours(record):
    """True for the kata's logger and its children (getLogger(__name__) in receivers.py)."""
    return record.name == LOGGER or record.name.startswith(f"{LOGGER}.")


@pytest.fixture
def records(monkeypatch):
    """The kata's records (its logger and children) that reach the root logger's handlers.

    As a project's LOGGING would, the test lets INFO through at the root, and only there:
    a level, ``propagate`` or ``disabled`` that the learner's code set on the kata's
    loggers stays in force, and keeps its records from the handlers as it would in
    production.
    """
    reached, root = _Reached(), logging.getLogger()
    level = root.level
    root.setLevel(logging.INFO)  # setLevel, not an assignment: it clears the loggers' cache
    root.addHandler(reached)
    # The boom view fails on purpose: its traceback in django.request would only distract.
    monkeypatch.setattr(logging.getLogger("django.request"), "disabled", True)
    try:
        yield lambda: [r for r in reached.records if ours(r)]
    finally:
        root.removeHandler(reached)
        root.setLevel(level)


class _Reached(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.NOTSET)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def held_back():
    """Say which of the kata's loggers the learner's code set up to drop or keep records."""
    said = []
    names = [LOGGER] + sorted(
        n for n in logging.root.manager.loggerDict if n.startswith(f"{LOGGER}.")
    )
    for name in names:
        logger = logging.getLogger(name)
        if logger.level > logging.INFO:
            said.append(
                f"The logger {name!r} has its level set to "
                f"{logging.getLevelName(logger.level)} by the kata's code: its INFO records "
                "are dropped before any handler sees them."
            )
        if not logger.propagate:
            said.append(
                f"The logger {name!r} has propagate = False: its records never reach the "
                "handlers the project's LOGGING sets up."
            )
        if logger.disabled:
            said.append(f"The logger {name!r} is disabled: it logs nothing.")
    if said:
        said.append(
            "Leave levels and routing to the LOGGING setting: code run at import overrides it."
        )
    return " ".join(said)


def went_astray(caplog, capsys):
    """Say where a 'Request completed' went instead of the kata's logger, if anywhere."""
    said = [held_back()] if held_back() else []
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
            "sender only. Its sender is the handler class under a server (WSGIHandler, "
            "ASGIHandler) and None under the test client: connect it with no sender=."
        )
    if not said:
        said.append(
            "In katas/request_logging/receivers.py, receive request_finished and log with "
            "logging.getLogger('katas.request_logging').info('Request completed')."
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
        f"loggers got: {describe(records())}. {went_astray(caplog, capsys)}"
    )
    assert found[0].levelno == logging.INFO, f"It should log at INFO, not {found[0].levelname}."


@pytest.mark.task(1)
def test_an_asgi_request_logs_request_completed_once_too(records, caplog, capsys):
    # Through Django's async request path: the view runs under an event loop, and the
    # AsyncClient closes the response itself.
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


def through_django_handler(kind):
    """GET /request-logging/hello/ the way a server does: Django's WSGIHandler or ASGIHandler.

    Return the response's status, or None when none was sent. Each handler sends
    request_finished with its own class as sender. "ASGIHandler, client gone"
    is a client that disconnects as soon as it has sent the request: Django 4.2 runs
    the view and closes its response as usual; since 5.0 the handler cancels the view,
    and since 5.0.2 it sends request_finished itself. Like the test client, the call
    keeps close_old_connections away, so the test's database connection survives.
    """
    url = "/request-logging/hello/"
    saved = [(s, s.disconnect(close_old_connections)) for s in (request_started, request_finished)]
    statuses = []
    try:
        if kind == "WSGIHandler":
            environ = {"REQUEST_METHOD": "GET", "PATH_INFO": url}
            setup_testing_defaults(environ)
            response = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
            b"".join(response)
            response.close()  # what a WSGI server does once it has sent the body
        else:
            scope = {"type": "http", "method": "GET", "path": url, "query_string": b""}
            scope |= {"server": ("127.0.0.1", 80), "headers": [(b"host", b"127.0.0.1")]}
            messages = [{"type": "http.request", "body": b"", "more_body": False}]

            async def receive():
                if messages:
                    return messages.pop()
                if kind.endswith("client gone"):
                    return {"type": "http.disconnect"}
                await asyncio.get_running_loop().create_future()  # the client stays connected

            async def send(message):
                if message["type"] == "http.response.start":
                    statuses.append(message["status"])

            async_to_sync(ASGIHandler())(scope, receive, send)
    finally:
        for signal, was_connected in saved:
            if was_connected:
                signal.connect(close_old_connections)
    return int(str(statuses[0]).split()[0]) if statuses else None


@pytest.mark.task(1)
@pytest.mark.parametrize("handler", ["WSGIHandler", "ASGIHandler", "ASGIHandler, client gone"])
def test_a_request_through_django_handler_logs_once(records, handler, caplog, capsys):
    status = call_learner(
        f"GET /request-logging/hello/ through Django's {handler}", through_django_handler, handler
    )
    # A client gone before the response: since Django 5.0 the view is cancelled, no response.
    assert status in ((200, None) if "gone" in handler else (200,)), (
        f"Django's {handler} answered {status}, not the hello view's 200."
    )

    found = completed(records)
    assert len(found) == 1, (
        f"A request served by Django's {handler}, as under a real server, should log "
        f"'Request completed' exactly once on the logger {LOGGER!r}; those loggers got: "
        f"{describe(records())}. {went_astray(caplog, capsys)}"
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
