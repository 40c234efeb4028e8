"""The dojo page, its live state (JSON, polled by the page) and its buttons."""

from __future__ import annotations

from pathlib import Path

from django.http import Http404, HttpResponse, HttpResponseForbidden, JsonResponse
from django.template import Context, Engine
from django.views import static as static_views

from katas.dojo.retro import QUESTIONS
from katas.dojo.web import readme as readmes
from katas.harness import catalogue

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
# A template engine of its own: the kata settings configure none, and need none.
ENGINE = Engine(dirs=[str(HERE / "templates")], autoescape=True)

_session = None  # the running katas.dojo.session.Session, bound by the server


def bind(session) -> None:
    global _session
    _session = session


def page(request):
    """The page; it fetches everything else from ``state`` and ``readme``."""
    template = ENGINE.get_template("dojo.html")
    kata = _session.kata
    html = template.render(Context({"kata": kata, "poll_ms": 250, "questions": QUESTIONS}))
    return HttpResponse(html)


def state(request):
    """Everything the page shows, as JSON."""
    response = JsonResponse(_session.view().as_json())
    response["Cache-Control"] = "no-store"
    return response


def act(request, action: str):
    """A button or key on the page: start, pause, extend, skip, rotate, finish.

    POST only, with the page's own header: a custom header needs a CORS preflight,
    which this server never grants, so another site open in the browser cannot
    drive the timer.
    """
    if request.method != "POST" or request.headers.get("X-Dojo") != "1":
        return HttpResponseForbidden("POST with the page's X-Dojo header only")
    done = _session.act(action)
    return JsonResponse({"done": done, **_session.view().as_json()})


def readme(request, slug: str):
    """A kata's README as HTML (the page asks for the current kata's, then the next one's)."""
    kata = catalogue.by_slug().get(slug)
    if kata is None:
        raise Http404(f"no kata {slug!r}")
    response = HttpResponse(readmes.html_of(kata))
    response["Cache-Control"] = "no-store"
    return response


def static(request, path: str):
    """The page's own assets (CSS, JS, mermaid.js): shipped in the package, no CDN."""
    return static_views.serve(request, path, document_root=str(STATIC))
