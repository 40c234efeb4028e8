"""Alternative: Signal.connect() instead of the @receiver decorator.

@receiver is a shortcut for this call; connecting explicitly at module level,
in the module ready() imports, is the same thing, and some teams prefer to see
the connection spelled out.
"""

import logging

from django.core.signals import request_finished

logger = logging.getLogger("katas.request_logging")


def log_request_finished(sender, **kwargs):
    """Log one INFO record once Django has closed the response."""
    logger.info("Request completed")


request_finished.connect(log_request_finished, dispatch_uid="request_logging.log_request_finished")
