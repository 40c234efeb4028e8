"""Mistake: read request.META["REMOTE_ADDR"] as if every request had one.

What is wrong: a request built in code has no REMOTE_ADDR in its META: the test
client's login() and force_login(), a login from a management command or a shell.
The receiver raises KeyError and the login itself fails.
Why people write it: every request that comes through a web server has REMOTE_ADDR.

Expected message: has no REMOTE_ADDR in request.META
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone

from .models import FailedLogin, Login, Logout


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    Login.objects.create(user=user, at=timezone.now(), ip=request.META["REMOTE_ADDR"])


@receiver(user_login_failed)
def count_failed_login(sender, credentials, **kwargs):
    username = credentials.get("username")
    if not username:
        return
    FailedLogin.objects.get_or_create(username=username)
    FailedLogin.objects.filter(username=username).update(attempts=F("attempts") + 1)


@receiver(user_logged_out)
def record_logout(sender, user, **kwargs):
    if user is not None:
        Logout.objects.create(user=user, at=timezone.now())
