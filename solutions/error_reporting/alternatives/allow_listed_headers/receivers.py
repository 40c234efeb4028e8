"""Alternative: report only the headers known to be harmless, and the filter's POST data.

An allow-list cannot leak a header nobody thought of (X-Api-Key, a proxy's own token):
what is not on the list never leaves the server. The price: a header that would have
helped is missing until someone adds it. POST data still goes through Django's
SafeExceptionReporterFilter, which hides the fields a view marks with
@sensitive_post_parameters.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.views.debug import SafeExceptionReporterFilter

from . import tracker

logger = logging.getLogger(__name__)

SAFE_HEADERS = {"Accept", "Accept-Language", "Content-Type", "Host", "Referer", "User-Agent"}


def reported_user(request):
    user = getattr(request, "user", None)  # no AuthenticationMiddleware, no user
    return user.get_username() if user is not None and user.is_authenticated else None


def report_request_exception(sender, request, **kwargs):
    """Report the view's error (sys.exc_info(): the signal carries none), never raise."""
    exception = sys.exc_info()[1]
    try:
        tracker.capture(
            exception,
            method=request.method,
            path=request.path,
            user=reported_user(request),
            headers={k: v for k, v in request.headers.items() if k in SAFE_HEADERS},
            data=SafeExceptionReporterFilter().get_post_parameters(request),
        )
    except Exception:  # send(), not send_robust(): an error here would replace the view's
        logger.exception("Could not report %r to the error tracker", exception)


got_request_exception.connect(
    report_request_exception, dispatch_uid="error_reporting.report_request_exception"
)
