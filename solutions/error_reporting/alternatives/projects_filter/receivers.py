"""Alternative: scrub with the project's own filter, as Django's error emails do.

get_exception_reporter_filter(request) returns the filter the project configured
(DEFAULT_EXCEPTION_REPORTER_FILTER, or one a view set on request.exception_reporter_filter),
the very one Django's own error reports use: one place decides what is secret, for the
emails to ADMINS and for the tracker alike. Django 4.2's default filter does not hide
the Authorization header (its pattern gained AUTH in 5.2), so that header is left out.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.dispatch import receiver
from django.views.debug import get_exception_reporter_filter

from . import tracker

logger = logging.getLogger(__name__)


@receiver(got_request_exception, dispatch_uid="error_reporting.report_request_exception")
def report_request_exception(sender, request, **kwargs):
    """Report the view's error (sys.exc_info(): the signal carries none), never raise."""
    exception = sys.exc_info()[1]
    try:
        scrub = get_exception_reporter_filter(request)
        headers = {
            name: value
            for name, value in scrub.get_safe_request_meta(request).items()
            if name.startswith("HTTP_") and name != "HTTP_AUTHORIZATION"
        }
        user = getattr(request, "user", None)
        tracker.capture(
            exception,
            method=request.method,
            path=request.path,
            user=user.get_username() if user is not None and user.is_authenticated else None,
            headers=headers,
            data=scrub.get_post_parameters(request),
        )
    except Exception:  # send(), not send_robust(): an error here would replace the view's
        logger.exception("Could not report %r to the error tracker", exception)
