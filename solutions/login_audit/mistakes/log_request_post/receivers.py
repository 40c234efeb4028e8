"""Mistake: log what was posted with a failed login.

What is wrong: request.POST holds the password in clear, and a failed login is very
often the right password for another site, or a typo of the real one. Logs are kept
for months and read by many. Django masked it in `credentials`; this brings it back.
Why people write it: "log everything about the failure" feels thorough when debugging.

Expected message: was written to the log
"""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone

from .models import FailedLogin, Login, Logout

logger = logging.getLogger("katas.login_audit")


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    Login.objects.create(user=user, at=timezone.now(), ip=request.META.get("REMOTE_ADDR"))


@receiver(user_login_failed)
def count_failed_login(sender, credentials, request=None, **kwargs):
    username = credentials.get("username")
    if not username:
        return
    if request is not None:
        logger.warning("Failed login for %s: %s", username, request.POST)
    FailedLogin.objects.get_or_create(username=username)
    FailedLogin.objects.filter(username=username).update(attempts=F("attempts") + 1)


@receiver(user_logged_out)
def record_logout(sender, user, **kwargs):
    if user is not None:
        Logout.objects.create(user=user, at=timezone.now())
