"""Serve the dojo page from the session's own process, on 127.0.0.1 only.

Django's threaded development server (the machinery behind ``runserver``), in a
background thread: the main thread keeps the clock and runs the tests.
"""

from __future__ import annotations

import logging
import secrets
import threading

from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

URLCONF = "katas.dojo.web.urls"
HOST = "127.0.0.1"  # never another interface: the page can drive the timer


class DojoHandler(WSGIHandler):
    """Django's WSGI handler with the dojo's URLconf for every request."""

    def get_response(self, request):
        request.urlconf = URLCONF  # Django resolves with the request's urlconf when set
        return super().get_response(request)


class QuietRequestHandler(WSGIRequestHandler):
    """No log line per request: the page polls several times a second."""

    def log_message(self, format, *args):  # noqa: A002 - the name of the overridden argument
        pass


def set_up_django() -> None:
    """Django for the page alone, unless this process has set it up already.

    The dojo's process runs no kata (its checker does, in processes of its own): the
    page needs no app, no database and no learner module, only Django's request
    handling, templates and the host check.
    """
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            DEBUG=False,
            SECRET_KEY=secrets.token_urlsafe(32),
            ALLOWED_HOSTS=[HOST, "localhost"],  # another Host (DNS rebinding): 400
            ROOT_URLCONF=URLCONF,
            INSTALLED_APPS=[],
            MIDDLEWARE=[],
            USE_I18N=False,
            USE_TZ=True,
        )
    django.setup()


def serve(session, port: int = 8000) -> tuple[ThreadedWSGIServer, str]:
    """Start serving ``session`` on ``port`` (0: any free port); return the server and its URL.

    Raises OSError when the port is taken.
    """
    set_up_django()
    from katas.dojo.web import views

    # Django logs a closed connection ("Broken pipe", a page closed mid-poll) on this
    # logger, to the terminal that shows the countdown: not news for the room.
    logging.getLogger("django.server").setLevel(logging.WARNING)
    views.bind(session)
    server = ThreadedWSGIServer((HOST, port), QuietRequestHandler, ipv6=False)
    server.set_app(DojoHandler())
    threading.Thread(target=server.serve_forever, name="dojo-web", daemon=True).start()
    return server, f"http://{HOST}:{server.server_port}/"
