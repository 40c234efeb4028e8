"""Mistake: the line logged at WARNING.

What is wrong: a finished request is normal operation, INFO. At WARNING, every
request looks like a problem: alerts fire, and the real warnings drown.
Why people write it: with no LOGGING configured, Python shows WARNING and up
only, so an INFO line seems not to appear and the level is raised until it does.

Expected message: It should log at INFO, not WARNING
"""

import logging

from django.core.signals import request_finished
from django.dispatch import receiver

logger = logging.getLogger("katas.request_logging")


@receiver(request_finished)
def log_request_finished(sender, **kwargs):
    logger.warning("Request completed")
