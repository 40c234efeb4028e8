"""Mistake: call the tracker and let whatever it raises escape the receiver.

What is wrong: Django sends got_request_exception with send(), not send_robust(). When
the tracker is down, its TrackerUnavailable leaves the receiver, replaces the view's
PaymentError, and escapes Django's handler: Django never logs the view's error, never
renders its 500 page, and the server answers with its own. The outage of the tracker
hides the very errors it was meant to report.
Why people write it: the tracker "never fails", and a receiver of most signals may raise.

Expected message: not send_robust()
"""

import re
import sys

from django.core.signals import got_request_exception
from django.dispatch import receiver
from django.views.debug import SafeExceptionReporterFilter

from . import tracker


class ReportFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile("API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE", re.I)


@receiver(got_request_exception, dispatch_uid="error_reporting.report_request_exception")
def report_request_exception(sender, request, **kwargs):
    scrub = ReportFilter()
    user = getattr(request, "user", None)
    meta = scrub.get_safe_request_meta(request)
    tracker.capture(
        sys.exc_info()[1],
        method=request.method,
        path=request.path,
        user=user.get_username() if user is not None and user.is_authenticated else None,
        headers={name: value for name, value in meta.items() if name.startswith("HTTP_")},
        data=scrub.get_post_parameters(request),
    )
