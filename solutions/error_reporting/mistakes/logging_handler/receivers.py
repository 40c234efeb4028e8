"""Mistake: report from a logging handler on the "django" logger, at ERROR.

What is wrong: Django logs every 500 on django.request at ERROR, so the handler sees
every unhandled error; but it also logs SuspiciousOperation (a file name that climbs out
of its folder, a Host header that is not in ALLOWED_HOSTS) at ERROR on django.security.*.
Those are 400s that Django answered itself: an attacker probing the site fills the tracker.
Why people write it: Django's own email to ADMINS is a logging handler (AdminEmailHandler),
and trackers' logging integrations report ERROR records too.

Expected message: No receiver of kata error_reporting listens to got_request_exception
"""

import logging
import re

from django.views.debug import SafeExceptionReporterFilter

from . import tracker


class ReportFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile("API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE", re.I)


class TrackerHandler(logging.Handler):
    """Send each ERROR record that carries a request to the tracker."""

    def emit(self, record):
        request = getattr(record, "request", None)
        if request is None or not record.exc_info:
            return
        try:
            scrub = ReportFilter()
            user = getattr(request, "user", None)
            meta = scrub.get_safe_request_meta(request)
            tracker.capture(
                record.exc_info[1],
                method=request.method,
                path=request.path,
                user=user.get_username() if user is not None and user.is_authenticated else None,
                headers={name: value for name, value in meta.items() if name.startswith("HTTP_")},
                data=scrub.get_post_parameters(request),
            )
        except Exception:
            self.handleError(record)


_handler = TrackerHandler(level=logging.ERROR)
_django = logging.getLogger("django")
if not any(isinstance(h, TrackerHandler) for h in _django.handlers):
    _django.addHandler(_handler)
