"""Logins, failed logins and logouts leave an audit trail, and never the password."""

import logging
from contextlib import contextmanager
from unittest import mock

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.db import connection
from django.db.models import F
from django.db.models.query import QuerySet
from django.test import Client
from django.utils import timezone

from katas.login_audit.models import FailedLogin, Login, Logout

pytestmark = pytest.mark.django_db
User = get_user_model()

SIGN_IN = "/login-audit/sign-in/"
SIGN_OUT = "/login-audit/sign-out/"
PASSWORD = "correct horse battery staple"
SECRET = "Tr0ub4dor&3-not-my-password"  # the wrong password people type: never stored or logged


@pytest.fixture
def ada():
    return User.objects.create_user(username="ada", password=PASSWORD)


NOBODY = (
    " user_logged_out sends user=None when nobody was logged in: record nothing then, and "
    "return early."
)


UPDATE_OR_CREATE_F = (
    " update_or_create(defaults={'attempts': F('attempts') + 1}) uses the F() for the INSERT "
    "too, when the username has no row yet, and an INSERT has no row to read 'attempts' from. "
    "Make sure the row exists, then let the database add one: "
    "FailedLogin.objects.get_or_create(username=username), then "
    "FailedLogin.objects.filter(username=username).update(attempts=F('attempts') + 1). "
    "(Since Django 5.0, update_or_create() also takes create_defaults={'attempts': 1}, the "
    "values for the INSERT.)"
)


NO_USERNAME = (
    " `credentials` holds what the caller passed to authenticate(), password masked: a "
    "backend that signs in by email (or by token) passes no 'username'. Read it with "
    "credentials.get('username') and count nothing without one."
)


def attempt(action, what, hint=""):
    """Run ``action``; turn an error from the learner's receivers into a teaching failure.

    The test client logs a view's exception on django.request, with its traceback,
    before raising it: that record is held back, as the failure says what matters.
    """
    request_logger = logging.getLogger("django.request")
    disabled, request_logger.disabled = request_logger.disabled, True
    try:
        return action()
    except ValueError as error:
        if "can only be used to update" in str(error):  # F() in update_or_create's defaults
            problem = f"{what} raised ValueError: {str(error).split('. ')[-1]}{UPDATE_OR_CREATE_F}"
        else:
            problem = f"{what} raised ValueError: {error}."
    except KeyError as error:
        problem = f"{what} raised KeyError: {error}." + (
            NO_USERNAME
            if "username" in str(error)
            else " A request built in code (the test client's login(), a management command) "
            "has no REMOTE_ADDR in request.META: use request.META.get('REMOTE_ADDR')."
        )
    except AttributeError as error:
        problem = f"{what} raised AttributeError: {error}." + (
            hint
            or " user_login_failed sends request=None when authenticate() was called without "
            "a request: check for None."
        )
        hint = ""
    except Exception as error:  # the learner's receiver may raise anything
        problem = f"{what} raised {type(error).__name__}: {error}." + (
            NO_USERNAME if "username" in str(error) else ""
        )
    finally:
        request_logger.disabled = disabled
    pytest.fail(problem + (hint if hint not in problem else ""), pytrace=False)


def sign_in(client, username, password, ip="203.0.113.7", **headers):
    return attempt(
        lambda: client.post(
            SIGN_IN, {"username": username, "password": password}, REMOTE_ADDR=ip, **headers
        ),
        f"Signing in as {username!r} through {SIGN_IN}",
    )


def sign_out(client):
    return attempt(lambda: client.post(SIGN_OUT), f"Signing out through {SIGN_OUT}", NOBODY)


def logins_of(user):
    return list(Login.objects.filter(user=user).order_by("pk").values_list("ip", "at"))


# Task 1: record the time and address of each login.


@pytest.mark.task(1)
def test_a_login_records_the_time_and_the_client_address(ada, client):
    before = timezone.now()
    response = sign_in(client, "ada", PASSWORD, ip="203.0.113.7")
    after = timezone.now()

    assert response.status_code == 200, f"The sign-in view refused ada: {response.content!r}"
    found = logins_of(ada)
    assert len(found) == 1, (
        f"One login should record exactly 1 Login for the user; found {len(found)}. Write a "
        "receiver of user_logged_in in receivers.py."
    )
    ip, at = found[0]
    assert ip == "203.0.113.7", (
        f"The Login should hold the client's address, request.META['REMOTE_ADDR'] "
        f"('203.0.113.7'); it holds {ip!r}."
    )
    assert before <= at <= after, (
        f"The Login's time should be the moment of the login (between {before} and {after}); "
        f"it is {at}. Use django.utils.timezone.now()."
    )


@pytest.mark.task(1)
def test_every_login_is_a_new_record(ada):
    sign_in(Client(), "ada", PASSWORD, ip="203.0.113.7")
    sign_in(Client(), "ada", PASSWORD, ip="2001:db8::42")

    ips = [ip for ip, _ in logins_of(ada)]
    assert ips == ["203.0.113.7", "2001:db8::42"], (
        f"Two logins (from 203.0.113.7, then from 2001:db8::42) should leave two Login rows "
        f"in that order; found addresses {ips}. An audit trail adds a row per login; it "
        "never updates the last one."
    )


@pytest.mark.task(1)
def test_a_login_without_a_client_address_is_recorded_without_one(ada, client):
    # The test client's login() and force_login() build an HttpRequest in code: its META
    # has no REMOTE_ADDR, as in a management command or a shell session.
    logged_in = attempt(lambda: client.login(username="ada", password=PASSWORD), "client.login()")
    attempt(lambda: Client().force_login(ada), "client.force_login()")

    assert logged_in, "client.login() with ada's password should succeed."
    ips = [ip for ip, _ in logins_of(ada)]
    assert ips == [None, None], (
        f"Two logins from requests built in code (no REMOTE_ADDR) should record 2 Logins with "
        f"no address (None); found addresses {ips or 'no Login at all'}."
    )


@pytest.mark.task(1)
def test_a_forwarded_for_header_from_the_client_is_not_trusted(ada, client):
    sign_in(client, "ada", PASSWORD, ip="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.66")

    ips = [ip for ip, _ in logins_of(ada)]
    assert ips == ["203.0.113.7"], (
        f"The connection came from 203.0.113.7 with a header X-Forwarded-For: 198.51.100.66, "
        f"and the Login recorded {ips}. Any client can send that header (this project has no "
        "proxy that sets it): record REMOTE_ADDR."
    )


# Task 2: count failed logins per username, never the password.


def fail_as(username, how="site"):
    if how == "site":
        response = sign_in(Client(), username, SECRET)
        assert response.status_code == 401, f"Signing in as {username!r} should fail."
    else:  # authenticate() without a request: user_login_failed sends request=None
        attempt(
            lambda: Client().login(username=username, password=SECRET),
            f"client.login() with a wrong password for {username!r}",
        )


def attempts():
    return dict(FailedLogin.objects.values_list("username", "attempts"))


@pytest.mark.task(2)
def test_failed_logins_are_counted_per_username(ada):
    for _ in range(3):
        fail_as("ada")
    fail_as("mallory")
    fail_as("mallory", how="client.login")

    found = attempts()
    assert found == {"ada": 3, "mallory": 2}, (
        "Three failed sign-ins as 'ada' and two as 'mallory' (a username with no user, once "
        f"through client.login(), where request is None) should count {{'ada': 3, "
        f"'mallory': 2}} in FailedLogin; found {found}. Write a receiver of user_login_failed "
        "that counts per credentials['username']."
    )


@pytest.mark.task(2)
def test_a_successful_login_counts_no_failure(ada):
    fail_as("ada")
    sign_in(Client(), "ada", PASSWORD)

    found = attempts()
    assert found == {"ada": 1}, (
        f"One failed and one successful sign-in as 'ada' should count 1 failure; found {found}."
    )


@contextmanager
def another_failure_arrives_first(username):
    """Let another failed login for ``username`` count itself just before its row is next UPDATEd.

    That is what a second request does between one receiver's read and its write: a
    count computed in Python from the read then overwrites it (a lost update), where
    UPDATE ... SET attempts = attempts + 1 adds to whatever the row holds. A receiver
    that locked the row (select_for_update()) makes the other request wait: it then
    counts after the block, as it would after the commit.
    """
    table = FailedLogin._meta.db_table.upper()
    arrived, locked = [], []
    select_for_update = QuerySet.select_for_update

    def recording_lock(queryset, *args, **kwargs):
        if queryset.model is FailedLogin:
            locked.append(True)
        return select_for_update(queryset, *args, **kwargs)

    def count_one():
        arrived.append(username)
        FailedLogin.objects.filter(username=username).update(attempts=F("attempts") + 1)

    def writer(execute, sql, params, many, context):
        statement = sql.lstrip().upper()
        if not (arrived or locked) and statement.startswith("UPDATE") and table in statement:
            count_one()
        return execute(sql, params, many, context)

    with (
        mock.patch.object(QuerySet, "select_for_update", recording_lock),
        connection.execute_wrapper(writer),
    ):
        yield arrived
    if locked and not arrived:
        count_one()


@pytest.mark.task(2)
def test_a_failure_counted_between_your_read_and_your_write_still_counts(ada):
    fail_as("ada")
    assert attempts() == {"ada": 1}, (
        f"This test needs failed logins counted first (task 2); found {attempts()}."
    )

    with another_failure_arrives_first("ada") as arrived:
        fail_as("ada")

    found = attempts().get("ada")
    assert arrived, (
        f"A second failed sign-in as 'ada' should update her FailedLogin row; the count is "
        f"still {found}."
    )
    assert found == 3, (
        "Another failed login for 'ada' was counted (1 to 2) after your receiver read her "
        f"FailedLogin row and before it wrote; then your count left {found}, not 3. A count "
        "computed in Python and saved (failed.attempts += 1; failed.save(), on a row from "
        "get_or_create) overwrites the other: a lost update. Count in the database: "
        "FailedLogin.objects.filter(username=username).update(attempts=F('attempts') + 1)."
    )


@pytest.mark.task(2)
def test_a_failed_login_without_a_username_counts_nothing_and_fails_nowhere(ada):
    # An API that signs people in by email: ModelBackend refuses those credentials, and
    # authenticate() sends user_login_failed with {'email': ..., 'password': '****'}.
    fail_as("ada")
    assert attempts() == {"ada": 1}, (
        f"This test needs failed logins counted first (task 2); found {attempts()}."
    )
    attempt(
        lambda: authenticate(None, email="ada@example.com", password=SECRET),
        "authenticate(email=..., password=...), which fails",
    )

    found = attempts()
    blank = {name: n for name, n in found.items() if name != "ada"}
    assert not blank, (
        f"A failed login with no username in its credentials counted {blank} in FailedLogin "
        "(next to ada's own count). "
        "There is no username to count: credentials.get('username') is None; return early."
    )


def every_value_of_the_kata():
    """Every field of every row of every table of this kata, as text."""
    for model in apps.get_app_config("login_audit").get_models():
        for row in model.objects.values_list():
            for value in row:
                yield model.__name__, str(value)


@pytest.mark.task(2)
def test_the_password_is_never_stored_or_logged(ada, caplog):
    caplog.set_level(logging.DEBUG)
    fail_as("ada")
    fail_as("ada", how="client.login")
    fail_as("mallory")

    assert attempts() == {"ada": 2, "mallory": 1}, (
        f"This test needs failed logins counted first (task 2); found {attempts()}."
    )
    stored = sorted({model for model, value in every_value_of_the_kata() if SECRET in value})
    assert not stored, (
        f"The password typed in a failed login is stored in the database, in {stored}. "
        "Store the username and the count only; never anything from request.POST."
    )
    logged = [r.name for r in caplog.records if SECRET in r.getMessage() or SECRET in str(r.args)]
    if SECRET in caplog.text and not logged:
        logged = ["(in a formatted record)"]
    assert not logged, (
        f"The password typed in a failed login was written to the log (loggers: {logged}). "
        "request.POST holds it in clear: never log it. Django already masks it in "
        "`credentials`."
    )


# Task 3: record each logout, and survive a logout of nobody.


@pytest.mark.task(3)
def test_a_logout_records_the_user_and_the_time(ada, client):
    sign_in(client, "ada", PASSWORD)
    before = timezone.now()
    sign_out(client)
    after = timezone.now()

    found = list(Logout.objects.filter(user=ada).values_list("at", flat=True))
    assert len(found) == 1, (
        f"Signing out should record exactly 1 Logout for ada; found {len(found)}. Write a "
        "receiver of user_logged_out."
    )
    assert before <= found[0] <= after, (
        f"The Logout's time should be the moment of the logout; it is {found[0]}."
    )


@pytest.mark.task(3)
def test_a_logout_of_nobody_records_nothing_and_fails_nowhere(ada):
    response = sign_out(Client())
    attempt(lambda: Client().logout(), "client.logout() with nobody logged in", NOBODY)

    assert response.status_code == 200
    assert not Logout.objects.exists(), (
        f"Two logouts with nobody logged in recorded {Logout.objects.count()} Logout(s). "
        "user_logged_out sends user=None then: record nothing."
    )
    client = Client()
    sign_in(client, "ada", PASSWORD)
    sign_out(client)
    assert Logout.objects.filter(user=ada).count() == 1, (
        "This test also needs a logout of a logged-in user recorded (task 3): ada signed "
        "in and out, and no Logout was recorded for her."
    )
