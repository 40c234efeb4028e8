"""Every unhandled view error reaches the tracker once, without a secret, and stays the error."""

import logging
from collections.abc import Mapping

import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth import get_user_model
from django.core.signals import got_request_exception
from django.test import AsyncClient, Client
from django.utils.datastructures import MultiValueDict

from katas.error_reporting import tracker
from katas.error_reporting.views import PaymentError
from tests.signal_tools import connected, learner_code

pytestmark = pytest.mark.django_db

CHECKOUT = "/error-reporting/checkout/"
SIGN_UP = "/error-reporting/sign-up/"
FEED = "/error-reporting/feed/"
PARCEL = "/error-reporting/parcel/"
RECEIVERS = "katas/error_reporting/receivers.py"

# The secrets a request carries; none of them may ever reach the tracker.
TOKEN = "tok-3f9a1c-never-report-me"
PASSWORD = "pw-correct-horse-never-report-me"
CSRF = "csrf7Qz2kEyNeverReportMe0123456789abcdefghijklmnopqrstuv"
USER_AGENT = "KataBrowser/1.0 (helps to reproduce)"
PLAN = "spring-plan-helps-to-reproduce"


def browser(**kwargs):
    """A test client that answers a view's error with the 500 page, as a server would.

    Django's test client re-raises a view's exception into the test by default
    (raise_request_exception=True): the test would stop at the view's error.
    """
    return Client(raise_request_exception=False, **kwargs)


NO_USER = {
    AttributeError: "If it is request.user: a request has a `user` only where "
    "AuthenticationMiddleware (or a view decorator made from it) ran. Read it with "
    "getattr(request, 'user', None) (task 4)."
}


def visit(client, method, path, data=None, **extra):
    """Make a request; an exception escaping Django's handler fails the test, saying whose."""
    send = getattr(client, method.lower())
    with learner_code(f"{method} {path}", NO_USER):
        return send(path, data or {}, **extra)


def fetch_async(method, path):
    """Make a request through Django's ASGI request path (AsyncClient)."""

    async def fetch():
        client = AsyncClient(raise_request_exception=False)
        return await getattr(client, method.lower())(path)

    with learner_code(f"{method} {path} through AsyncClient", NO_USER):
        return async_to_sync(fetch)()


def reports():
    return list(tracker.reports)


def describe(found):
    shown = [
        f"{r.get('method')} {r.get('path')} {type(r.get('exception')).__name__} "
        f"user={r.get('user')!r}"
        for r in found
    ]
    return "; ".join(shown) or "no report"


def expect_one_report(found, what):
    assert len(found) == 1, (
        f"{what} should send exactly 1 report to the tracker (tracker.capture()); it sent "
        f"{len(found)}{': ' + describe(found) if found else ''}. Write a receiver of "
        f"got_request_exception in {RECEIVERS} that calls tracker.capture() once per error."
    )
    return found[0]


def needs_task_1():
    """Fail with a pointer to task 1 unless an unhandled error is reported once."""
    visit(browser(), "POST", CHECKOUT)
    found = reports()
    tracker.reports.clear()
    assert len(found) == 1, (
        "This test needs task 1 done first: an unhandled error (POST "
        f"{CHECKOUT}, a 500) should send exactly 1 report to the tracker; it sent "
        f"{len(found)}."
    )


def texts(value, seen=None):
    """Every piece of text in a report: keys, values, nested containers, reprs."""
    seen = seen if seen is not None else set()
    if id(value) in seen:
        return []
    seen.add(id(value))
    found = [repr(value)]
    if isinstance(value, MultiValueDict):
        value = dict(value.lists())
    if isinstance(value, Mapping):
        for key, item in value.items():
            found += texts(key, seen) + texts(item, seen)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            found += texts(item, seen)
    elif not isinstance(value, (str, bytes)):
        found.append(str(value))
    return found


def leaked(secret, report):
    return any(secret in text for text in texts(report))


# Task 1: report every unhandled error, with method, path, user and exception.


@pytest.mark.task(1)
def test_an_unhandled_error_is_reported_with_method_path_and_exception():
    response = visit(browser(), "POST", CHECKOUT, {"quantity": "2"})

    assert response.status_code == 500
    report = expect_one_report(reports(), f"A view that raises (POST {CHECKOUT}, a 500)")
    exception = report["exception"]
    assert isinstance(exception, PaymentError), (
        f"The report's exception should be the PaymentError the view raised; it is "
        f"{exception!r}. got_request_exception passes no exception: Django sends it from "
        "inside its own `except` block, so sys.exc_info()[1] in the receiver is the view's "
        "exception (pass the exception itself, not its text)."
    )
    assert (report["method"], report["path"]) == ("POST", CHECKOUT), (
        f"The report should say POST {CHECKOUT} (request.method, request.path); it says "
        f"{report['method']!r} {report['path']!r}."
    )
    assert report["user"] is None, (
        f"Nobody was logged in, so the report's user should be None; it is {report['user']!r}. "
        "An anonymous visitor's request.user is an AnonymousUser: check "
        "request.user.is_authenticated."
    )


@pytest.mark.task(1)
def test_each_error_is_reported_once():
    client = browser()
    visit(client, "POST", CHECKOUT)
    visit(client, "GET", CHECKOUT)

    found = reports()
    assert [(r["method"], r["path"]) for r in found] == [("POST", CHECKOUT), ("GET", CHECKOUT)], (
        f"Two failing requests (POST then GET {CHECKOUT}) should send 2 reports, one each, in "
        f"that order; the tracker got: {describe(found)}."
    )


@pytest.mark.task(1)
def test_the_report_names_the_logged_in_user():
    client = browser()
    client.force_login(get_user_model().objects.create_user(username="ana"))

    visit(client, "POST", CHECKOUT)

    report = expect_one_report(reports(), f"A failing POST {CHECKOUT} by ana")
    assert report["user"] == "ana", (
        f"ana was logged in, so the report's user should be 'ana' (her username); it is "
        f"{report['user']!r}. request.user is the logged-in user on this page: report "
        "request.user.get_username()."
    )


@pytest.mark.task(1)
def test_an_error_served_the_asgi_way_is_reported_too():
    # Through Django's async request path: the receiver runs in a worker thread there,
    # and sys.exc_info() still holds the view's exception.
    response = fetch_async("POST", CHECKOUT)

    assert response.status_code == 500
    report = expect_one_report(reports(), f"A failing POST {CHECKOUT} served the ASGI way")
    assert isinstance(report["exception"], PaymentError), (
        f"The report's exception should be the PaymentError the view raised; it is "
        f"{report['exception']!r}. Read it from sys.exc_info() in the receiver."
    )
    assert (report["method"], report["path"], report["user"]) == ("POST", CHECKOUT, None)


@pytest.mark.task(1)
def test_the_default_test_client_re_raises_the_error_after_it_is_reported():
    # Django's test client listens to got_request_exception itself, and re-raises the
    # view's exception into the test once the response is made (raise_request_exception).
    raised, other = False, None
    try:
        Client().post(CHECKOUT)
    except PaymentError:
        raised = True
    except Exception as error:  # the learner's receiver raised instead
        other = error
    assert other is None, (
        f"POST {CHECKOUT} with the default test client raised {type(other).__name__}: {other}, "
        "instead of the view's PaymentError: your receiver raised it, and replaced the view's "
        "error."
    )
    assert raised, "The default test client should re-raise the view's PaymentError."
    expect_one_report(reports(), f"A failing POST {CHECKOUT} (default test client)")


@pytest.mark.task(1)
def test_the_receiver_is_connected_at_startup():
    # This module never imports katas.error_reporting.receivers.
    modules = {getattr(r, "__module__", "") for r in connected(got_request_exception)}
    assert any(m.startswith("katas.error_reporting") for m in modules), (
        "No receiver of kata error_reporting listens to got_request_exception (its receivers "
        f"come from {sorted(modules) or 'nowhere'}). Use @receiver(got_request_exception) at "
        f"the top of {RECEIVERS}, which apps.py imports in ready()."
    )


# Task 2: nothing for what Django handles itself.


@pytest.mark.task(2)
@pytest.mark.parametrize(
    ("path", "extra", "status", "what"),
    [
        ("/error-reporting/orders/99/", {}, 404, "Http404 from the view"),
        ("/error-reporting/no-such-page/", {}, 404, "a URL that matches no page"),
        ("/error-reporting/staff/", {}, 403, "PermissionDenied"),
        ("/error-reporting/search/", {}, 400, "BadRequest"),
        ("/error-reporting/invoices/?name=../../etc/passwd", {}, 400, "SuspiciousFileOperation"),
        ("/error-reporting/orders/1/", {"HTTP_HOST": "evil.example"}, 400, "DisallowedHost"),
        ("/error-reporting/orders/1/", {}, 200, "a page that works"),
    ],
    ids=["http404", "no_such_url", "permission_denied", "bad_request", "suspicious", "host", "ok"],
)
def test_what_django_answers_itself_is_not_reported(path, extra, status, what):
    needs_task_1()

    response = visit(browser(), "GET", path, **extra)

    assert response.status_code == status
    found = reports()
    assert found == [], (
        f"GET {path} ({what}) got its {status} from Django, and sent {len(found)} report(s) to "
        f"the tracker: {describe(found)}. Django handles this itself: it is the client's "
        "mistake, not a bug, and got_request_exception is not sent for it. Report from a "
        "receiver of got_request_exception only: a logging handler on the 'django' logger "
        "also gets the ERROR records of django.security (SuspiciousOperation, DisallowedHost)."
    )


# Task 3: never report a secret.


def sign_up_as_ana(**extra):
    """POST the sign-up form, logged in, with a token, cookies and a password: it fails."""
    client = browser(HTTP_USER_AGENT=USER_AGENT, HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    client.force_login(get_user_model().objects.create_user(username="ana"))
    client.cookies["csrftoken"] = CSRF
    session_key = client.cookies["sessionid"].value
    visit(
        client,
        "POST",
        SIGN_UP,
        {"username": "ana", "password": PASSWORD, "plan": PLAN},
        **extra,
    )
    found = reports()
    assert len(found) == 1, (
        f"This test needs task 1 done first: a failing POST {SIGN_UP} should send exactly 1 "
        f"report; it sent {len(found)}."
    )
    return found[0], session_key


@pytest.mark.task(3)
def test_the_report_keeps_the_headers_and_the_post_data_that_help():
    report, _ = sign_up_as_ana()

    headers, data = report.get("headers"), report.get("data")
    assert any(USER_AGENT in text for text in texts(headers)), (
        f"The report's headers should hold the request's User-Agent ({USER_AGENT!r}): it helps "
        f"to reproduce the error. They are: {headers!r}. Pass headers= to tracker.capture(): "
        "the request's HTTP headers (request.META's HTTP_* keys, or request.headers), scrubbed."
    )
    assert any(PLAN in text for text in texts(data)), (
        f"The report's data should hold the POST fields that are not secret (plan={PLAN!r}); "
        f"it is: {data!r}. Pass data= to tracker.capture(): the POST data, scrubbed."
    )


@pytest.mark.task(3)
def test_the_authorization_header_is_never_reported():
    report, _ = sign_up_as_ana()

    assert not leaked(TOKEN, report), (
        "The report holds the request's Authorization header (the bearer token) in clear: "
        "anyone who reads the tracker can now call the API as this user. "
        "SafeExceptionReporterFilter().get_safe_request_meta(request) hides the headers whose "
        "name matches its hidden_settings pattern; that pattern gained AUTH only in Django "
        "5.2, so on 4.2 HTTP_AUTHORIZATION goes through: subclass the filter and add AUTH."
    )


@pytest.mark.task(3)
def test_cookies_are_never_reported():
    report, session_key = sign_up_as_ana()

    for name, secret in (("sessionid", session_key), ("csrftoken", CSRF)):
        assert not leaked(secret, report), (
            f"The report holds the {name} cookie's value in clear: the session cookie logs "
            "anyone who has it in as this user. request.headers names the header 'Cookie', "
            "which SafeExceptionReporterFilter's pattern does not match (it hides "
            "'HTTP_COOKIE'): scrub request.META with get_safe_request_meta(request), or leave "
            "the Cookie header out."
        )


@pytest.mark.task(3)
def test_a_password_is_never_reported():
    report, _ = sign_up_as_ana()

    assert not leaked(PASSWORD, report), (
        "The report holds the password from the sign-up form in clear. The view marks it "
        "with @sensitive_post_parameters('password'), like Django's own login views: "
        "SafeExceptionReporterFilter().get_post_parameters(request) returns the POST data "
        "with the marked fields starred."
    )


# Task 4: never hide the error you report.


class Recorder(logging.Handler):
    """Collect the records of one logger."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.mark.task(4)
def test_a_tracker_that_is_down_does_not_hide_the_error():
    needs_task_1()
    django_request = logging.getLogger("django.request")
    recorder = Recorder()
    django_request.addHandler(recorder)

    escaped = None
    try:
        with tracker.outage():
            response = browser().post(CHECKOUT)
    except Exception as error:  # the receiver let the tracker's error out
        escaped = error
    finally:
        django_request.removeHandler(recorder)
    if escaped is not None:
        pytest.fail(
            f"The tracker was down, and POST {CHECKOUT} raised {type(escaped).__name__}: "
            f"{escaped}, out of Django, instead of the view's PaymentError becoming a 500 page. "
            "Django sends got_request_exception with send(), not send_robust(): a receiver's "
            "exception replaced the view's error, so Django never logged it, never rendered "
            "its 500 page, and the server answers with its own error. Catch what the report "
            "raises in the receiver (and log it).",
            pytrace=False,
        )
    assert response.status_code == 500
    errors = [type(r.exc_info[1]).__name__ for r in recorder.records if r.exc_info]
    assert "PaymentError" in errors, (
        "With the tracker down, Django should still log the view's PaymentError on "
        f"django.request; it logged {errors or 'nothing'}."
    )


@pytest.mark.task(4)
@pytest.mark.parametrize(
    ("path", "asgi", "raised"),
    [(FEED, False, ValueError), (PARCEL, True, TimeoutError)],
    ids=["sync_view", "async_view_served_asgi"],
)
def test_a_page_without_a_user_is_reported_with_user_none(path, asgi, raised):
    needs_task_1()

    escaped = None
    try:
        if asgi:

            async def fetch():
                return await AsyncClient(raise_request_exception=False).get(path)

            response = async_to_sync(fetch)()
        else:
            response = browser().get(path)
    except Exception as error:  # the receiver raised on a request without `user`
        escaped = error
    if escaped is not None:
        pytest.fail(
            f"GET {path} raised {type(escaped).__name__}: {escaped}, out of Django. That page "
            "has no session and no authentication middleware (nor would a request that failed "
            "before AuthenticationMiddleware ran), so request has no `user` attribute: read it "
            "with getattr(request, 'user', None). got_request_exception is sent with send(): "
            f"the receiver's error replaced the view's {raised.__name__}.",
            pytrace=False,
        )
    assert response.status_code == 500
    report = expect_one_report(reports(), f"A failing GET {path}")
    said = (report["user"], type(report["exception"]))
    assert said == (None, raised), (
        f"GET {path} has no user: the report should say user=None and hold the view's "
        f"{raised.__name__}; it says user={report['user']!r}, exception={report['exception']!r}."
    )
