"""Mistake: request_started instead of request_finished.

What is wrong: request_started is sent before the view runs: the line says
"completed" for a request that has not even started its work, and a request
that crashes is logged as completed before it crashes.
Why people write it: both signals sit side by side in the docs, and counting
requests works with either.

Expected message: Listen to request_finished, not request_started
"""

import logging

from django.core.signals import request_started
from django.dispatch import receiver

logger = logging.getLogger("katas.request_logging")


@receiver(request_started)
def log_request(sender, **kwargs):
    logger.info("Request completed")
