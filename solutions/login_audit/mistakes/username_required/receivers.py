"""Mistake: read credentials["username"] as if every login had one.

What is wrong: ``credentials`` holds what the caller passed to authenticate(),
password masked. A backend that signs in by email, or an API token, passes no
"username": the receiver raises KeyError, and the failed login becomes an error
page instead of a refusal.
Why people write it: the site's own sign-in form always posts a username.

Expected message: passes no 'username'
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
    username = credentials["username"]
    FailedLogin.objects.get_or_create(username=username)
    FailedLogin.objects.filter(username=username).update(
        attempts=F("attempts") + 1, last_attempt_at=timezone.now()
    )


@receiver(user_logged_out, dispatch_uid="login_audit.record_logout")
def record_logout(sender, request, user, **kwargs):
    """One Logout row per logout of a logged-in user; ``user`` is None for nobody."""
    if user is None:
        return
    Logout.objects.create(user=user, at=timezone.now())
