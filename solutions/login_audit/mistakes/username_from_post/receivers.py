"""Mistake: read the username from request.POST instead of credentials.

What is wrong: user_login_failed sends request=None when authenticate() was called
without a request (an API client, a management command, the test client's login()),
so the receiver raises AttributeError there; and a login form with another field name
is missed. `credentials` is what authenticate() was given.
Why people write it: the login form is the one place they picture a failed login.

Expected message: sends request=None when authenticate() was called without
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone

from .models import FailedLogin, Login, Logout


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    Login.objects.create(user=user, at=timezone.now(), ip=request.META.get("REMOTE_ADDR"))


@receiver(user_login_failed)
def count_failed_login(sender, credentials, request, **kwargs):
    username = request.POST["username"]
    FailedLogin.objects.get_or_create(username=username)
    FailedLogin.objects.filter(username=username).update(attempts=F("attempts") + 1)


@receiver(user_logged_out)
def record_logout(sender, user, **kwargs):
    if user is not None:
        Logout.objects.create(user=user, at=timezone.now())
