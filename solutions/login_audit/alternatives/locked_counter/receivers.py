"""Alternative: count under a row lock, with select_for_update().

Why it is correct too: inside atomic(), select_for_update() makes a second failed
login for the same username wait until the first has written its count, so the
read-increment-write in Python loses nothing (SQLite ignores the lock, and serialises
writes anyway). The F() update in the reference gets there without a lock.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from .models import FailedLogin, Login, Logout


@receiver(user_logged_in, dispatch_uid="login_audit.record_login")
def record_login(sender, user, request=None, **kwargs):
    meta = getattr(request, "META", {})
    Login.objects.create(user=user, at=timezone.now(), ip=meta.get("REMOTE_ADDR"))


@receiver(user_login_failed, dispatch_uid="login_audit.count_failed_login")
def count_failed_login(sender, credentials, **kwargs):
    username = credentials.get("username")
    if not username:
        return
    with transaction.atomic():
        counter, _ = FailedLogin.objects.select_for_update().get_or_create(username=username)
        counter.attempts += 1
        counter.last_attempt_at = timezone.now()
        counter.save()


@receiver(user_logged_out, dispatch_uid="login_audit.record_logout")
def record_logout(sender, user=None, **kwargs):
    if user is None:
        return
    Logout.objects.create(user=user, at=timezone.now())
