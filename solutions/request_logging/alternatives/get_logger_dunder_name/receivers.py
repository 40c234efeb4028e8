"""Alternative: `logging.getLogger(__name__)`, the idiom most code uses.

__name__ is "katas.request_logging.receivers", a child of the kata's logger:
its records propagate to "katas.request_logging", so whatever LOGGING sets up
for the kata's logger applies to them too.
"""

import logging

from django.core.signals import request_finished
from django.dispatch import receiver

logger = logging.getLogger(__name__)


@receiver(request_finished, dispatch_uid="request_logging.log_request_finished")
def log_request_finished(sender, **kwargs):
    logger.info("Request completed")
