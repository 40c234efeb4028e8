"""Mistake: update_or_create() with F("attempts") + 1 in its defaults.

What is wrong: the defaults are used for the INSERT too: the first failed login of
a username has no row, and an INSERT cannot read "attempts" from a row that does
not exist, so Django raises ValueError and the login view fails with a 500.
(Since Django 5.0, create_defaults={"attempts": 1} gives the INSERT its own values.)
Why people write it: one call that updates or creates, with the F() that avoids
lost updates, looks like the best of both.

Expected message: an INSERT has no row to read 'attempts' from
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone

from .models import FailedLogin, Login, Logout


def client_ip(request):
    """The address the connection came from, or None for a request built in code.

    REMOTE_ADDR, not X-Forwarded-For: any client can send that header. Behind a
    proxy you run, read the entry your proxy appended, and only that one.
    """
    return request.META.get("REMOTE_ADDR") if request is not None else None


@receiver(user_logged_in, dispatch_uid="login_audit.record_login")
def record_login(sender, request, user, **kwargs):
    """One Login row per successful login."""
    Login.objects.create(user=user, at=timezone.now(), ip=client_ip(request))


@receiver(user_login_failed, dispatch_uid="login_audit.count_failed_login")
def count_failed_login(sender, credentials, request=None, **kwargs):
    username = credentials.get("username")
    if not username:
        return
    FailedLogin.objects.update_or_create(
        username=username,
        defaults={"attempts": F("attempts") + 1, "last_attempt_at": timezone.now()},
    )


@receiver(user_logged_out, dispatch_uid="login_audit.record_logout")
def record_logout(sender, request, user, **kwargs):
    """One Logout row per logout of a logged-in user; ``user`` is None for nobody."""
    if user is None:
        return
    Logout.objects.create(user=user, at=timezone.now())
