"""Log each finished request: a receiver of Django's request_finished signal."""

import logging

from django.core.signals import request_finished
from django.dispatch import receiver

# A named logger, not print(): the project's LOGGING decides where it goes and at
# which level, and tests can capture it.
logger = logging.getLogger("katas.request_logging")


# dispatch_uid: request_finished is a global signal, so a second import of this
# module under another name would otherwise log every request twice.
@receiver(request_finished, dispatch_uid="request_logging.log_request_finished")
def log_request_finished(sender, **kwargs):
    """Log one INFO record once Django has sent the response, whatever its status.

    request_finished carries no request and no response (only the handler class
    as sender): for per-request details, write a middleware instead.
    """
    logger.info("Request completed")
