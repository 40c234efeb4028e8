"""Mistake: expect the signal to pass the exception, as an `exception` argument.

What is wrong: got_request_exception passes `request` (and `signal`), nothing else: the
`exception` argument is always None, and every report says None. Django sends the signal
from inside its own `except` block, so sys.exc_info()[1] is the view's exception
(Django's test client reads it the same way).
Why people write it: the signal's name promises an exception, and log records and
process_exception() middleware do get one.

Expected message: got_request_exception passes no exception
"""

import logging
import re

from django.core.signals import got_request_exception
from django.dispatch import receiver
from django.views.debug import SafeExceptionReporterFilter

from . import tracker

logger = logging.getLogger(__name__)


class ReportFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile("API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE", re.I)


@receiver(got_request_exception, dispatch_uid="error_reporting.report_request_exception")
def report_request_exception(sender, request, exception=None, **kwargs):
    try:
        scrub = ReportFilter()
        user = getattr(request, "user", None)
        meta = scrub.get_safe_request_meta(request)
        tracker.capture(
            exception,
            method=request.method,
            path=request.path,
            user=user.get_username() if user is not None and user.is_authenticated else None,
            headers={name: value for name, value in meta.items() if name.startswith("HTTP_")},
            data=scrub.get_post_parameters(request),
        )
    except Exception:
        logger.exception("Could not report %r to the error tracker", exception)
