"""Mistake: keep one Login row per user, updated at each login.

What is wrong: that is "last login", not an audit trail: the earlier logins, and the
addresses they came from, are overwritten. (Django already keeps user.last_login.)
Why people write it: update_or_create() looks tidy and keeps the table small.

Expected message: it never updates the last one
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone

from .models import FailedLogin, Login, Logout


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    Login.objects.update_or_create(
        user=user, defaults={"at": timezone.now(), "ip": request.META.get("REMOTE_ADDR")}
    )


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
