"""Mistake: record a Logout without looking at user.

What is wrong: logout() sends user_logged_out even when nobody was logged in, with
user=None. Logout.objects.create(user=None) fails on the NOT NULL column, and the
sign-out view answers 500 to a visitor whose session had expired.
Why people write it: a logout "obviously" has a user; the None case only shows up
with an expired session or a double click on "Sign out".

Expected message: sends user=None when nobody was logged in
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
def count_failed_login(sender, credentials, **kwargs):
    username = credentials.get("username")
    if not username:
        return
    FailedLogin.objects.get_or_create(username=username)
    FailedLogin.objects.filter(username=username).update(attempts=F("attempts") + 1)


@receiver(user_logged_out)
def record_logout(sender, user, **kwargs):
    Logout.objects.create(user=user, at=timezone.now())
