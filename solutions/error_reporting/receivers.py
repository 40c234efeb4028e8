"""Report every unhandled view error to the tracker: who, where, what, and no secret.

Django sends got_request_exception only for the errors it turns into a 500: Http404,
PermissionDenied, BadRequest and SuspiciousOperation get their 4xx page and no signal.
The signal carries the request and no exception: Django sends it inside its own
``except`` block, so ``sys.exc_info()`` holds the view's error (Django's test client
reads it the same way).
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
    """Django's own filter, hiding the Authorization header on every supported Django.

    Its pattern of secret names gained AUTH in Django 5.2; on 4.2 it lets HTTP_AUTHORIZATION
    through in the clear.
    """

    hidden_settings = re.compile("API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE", re.I)


def username(request):
    """The logged-in user's name, or None: also when no AuthenticationMiddleware ran."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return user.get_username()


# Sent with send(), not send_robust(): whatever this receiver raises replaces the
# view's error, and Django neither logs that error nor renders its 500 page. So
# everything here runs inside a try, and a failure is logged, never raised.
@receiver(got_request_exception, dispatch_uid="error_reporting.report_request_exception")
def report_request_exception(sender, request, **kwargs):
    """Send the view's error to the tracker, with the request's headers and POST data scrubbed."""
    exception = sys.exc_info()[1]
    try:
        scrub = ReportFilter()
        meta = scrub.get_safe_request_meta(request)
        tracker.capture(
            exception,
            method=request.method,
            path=request.path,
            user=username(request),
            headers={name: value for name, value in meta.items() if name.startswith("HTTP_")},
            # Hides the fields the view marked with @sensitive_post_parameters.
            data=scrub.get_post_parameters(request),
        )
    except Exception:
        logger.exception("Could not report %r to the error tracker", exception)
