"""Mistake: take the client address from the X-Forwarded-For header.

What is wrong: any client can send that header with any address it likes, so the
audit trail records whatever an attacker wants. Only a proxy you run may set it, and
then only the entry your proxy appended is trustworthy.
Why people write it: behind a load balancer REMOTE_ADDR is the balancer, and the
first answer found for "real client IP in Django" reads X-Forwarded-For.

Expected message: Any client can send that header
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone

from .models import FailedLogin, Login, Logout


def client_ip(request):
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if forwarded:
        return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    Login.objects.create(user=user, at=timezone.now(), ip=client_ip(request))


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
