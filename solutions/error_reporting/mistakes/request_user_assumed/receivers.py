"""Mistake: read request.user as if every request had one.

What is wrong: request.user exists only once AuthenticationMiddleware (or a view
decorator made from it) has run. The product feed has none, nor has a request that
failed in a middleware before authentication. There the receiver raises AttributeError,
and since Django sends got_request_exception with send(), that AttributeError replaces
the view's error: the report is lost, and so is Django's own log of the error.
Why people write it: in a view, request.user is always there.

Expected message: request has no `user` attribute
"""

import logging
import re
import sys

from django.core.signals import got_request_exception
from django.dispatch import receiver
from django.views.debug import SafeExceptionReporterFilter

from . import tracker

logger = logging.getLogger(__name__)


class ReportFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile("API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE", re.I)


@receiver(got_request_exception, dispatch_uid="error_reporting.report_request_exception")
def report_request_exception(sender, request, **kwargs):
    exception = sys.exc_info()[1]
    user = request.user.get_username() if request.user.is_authenticated else None
    try:
        scrub = ReportFilter()
        meta = scrub.get_safe_request_meta(request)
        tracker.capture(
            exception,
            method=request.method,
            path=request.path,
            user=user,
            headers={name: value for name, value in meta.items() if name.startswith("HTTP_")},
            data=scrub.get_post_parameters(request),
        )
    except Exception:
        logger.exception("Could not report %r to the error tracker", exception)
