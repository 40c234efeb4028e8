"""Mistake: scrub request.headers with the filter's cleanse_setting(), header by header.

What is wrong: SafeExceptionReporterFilter's pattern is written for request.META's names:
it hides HTTP_COOKIE, and request.headers calls that header "Cookie", which it does not
match. The session and CSRF cookies go to the tracker in clear. (On Django 4.2 the
Authorization header does too: the pattern gained AUTH in 5.2.)
Why people write it: request.headers is the nicer API, and cleanse_setting() looks like a
function that hides secrets whatever their name.

Expected message: get_safe_request_meta(request)
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.dispatch import receiver
from django.views.debug import SafeExceptionReporterFilter

from . import tracker

logger = logging.getLogger(__name__)


@receiver(got_request_exception, dispatch_uid="error_reporting.report_request_exception")
def report_request_exception(sender, request, **kwargs):
    exception = sys.exc_info()[1]
    try:
        scrub = SafeExceptionReporterFilter()
        user = getattr(request, "user", None)
        tracker.capture(
            exception,
            method=request.method,
            path=request.path,
            user=user.get_username() if user is not None and user.is_authenticated else None,
            headers={name: scrub.cleanse_setting(name, v) for name, v in request.headers.items()},
            data=scrub.get_post_parameters(request),
        )
    except Exception:
        logger.exception("Could not report %r to the error tracker", exception)
