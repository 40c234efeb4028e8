"""Alternative: plain functions, connected with Signal.connect() at the bottom.

Why it is correct too: connect() is what @receiver calls; listing the connections in
one place shows the module's wiring at a glance, and dispatch_uid keeps each one
single however often the module is imported.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import F
from django.utils import timezone

from .models import FailedLogin, Login, Logout


def record_login(sender, request, user, **kwargs):
    Login.objects.create(user=user, at=timezone.now(), ip=request.META.get("REMOTE_ADDR"))


def count_failed_login(sender, credentials, **kwargs):
    username = credentials.get("username")
    if username:
        counter, _ = FailedLogin.objects.get_or_create(username=username)
        counter.attempts = F("attempts") + 1
        counter.last_attempt_at = timezone.now()
        counter.save(update_fields=["attempts", "last_attempt_at"])


def record_logout(sender, user, **kwargs):
    if user is not None:
        Logout.objects.create(user=user, at=timezone.now())


user_logged_in.connect(record_login, dispatch_uid="login_audit.record_login")
user_login_failed.connect(count_failed_login, dispatch_uid="login_audit.count_failed_login")
user_logged_out.connect(record_logout, dispatch_uid="login_audit.record_logout")
