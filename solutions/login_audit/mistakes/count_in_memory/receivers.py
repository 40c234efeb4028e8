"""Mistake: count in Python, on the row get_or_create() returned.

What is wrong: ``failed.attempts += 1; failed.save()`` writes the number this
request read, plus one. Two failed logins for one username at once both read the
same count, and the second save overwrites the first: an attack on an account,
many attempts at once, is exactly when attempts go missing.
Why people write it: it reads naturally, and one attempt after another always
counts right.

Expected message: a lost update
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
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
    failed, _ = FailedLogin.objects.get_or_create(username=username)
    failed.attempts += 1
    failed.last_attempt_at = timezone.now()
    failed.save()


@receiver(user_logged_out, dispatch_uid="login_audit.record_logout")
def record_logout(sender, request, user, **kwargs):
    """One Logout row per logout of a logged-in user; ``user`` is None for nobody."""
    if user is None:
        return
    Logout.objects.create(user=user, at=timezone.now())
