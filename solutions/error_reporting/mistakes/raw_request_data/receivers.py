"""Mistake: send the request's headers and POST data to the tracker as they are.

What is wrong: the Authorization header, the session and CSRF cookies and the password
from the sign-up form all land in the tracker, in clear, for everyone who can read it
(and for the tracker's own vendor). A session cookie is as good as the user's password.
Why people write it: more context makes errors easier to reproduce, and the tracker
"is internal". The usual tutorial version sends request.META whole.

Expected message: holds the request's Authorization header
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.dispatch import receiver

from . import tracker

logger = logging.getLogger(__name__)


@receiver(got_request_exception, dispatch_uid="error_reporting.report_request_exception")
def report_request_exception(sender, request, **kwargs):
    exception = sys.exc_info()[1]
    try:
        user = getattr(request, "user", None)
        tracker.capture(
            exception,
            method=request.method,
            path=request.path,
            user=user.get_username() if user is not None and user.is_authenticated else None,
            headers={k: v for k, v in request.META.items() if k.startswith("HTTP_")},
            data=request.POST.dict(),
        )
    except Exception:
        logger.exception("Could not report %r to the error tracker", exception)
