"""Mistake: the logger given its own console handler, and propagate = False.

What is wrong: the records now go to this one handler only: the handlers the
project's LOGGING sets up (a file, a log service) never see them, and the console
shows each line once instead of twice only because nothing else gets it.
Why people write it: with no LOGGING configured, an INFO line does not appear;
a StreamHandler of its own makes it appear, and propagate = False removes the
duplicate that a root handler would print.

Expected message: has propagate = False
"""

import logging

from django.core.signals import request_finished
from django.dispatch import receiver

logger = logging.getLogger("katas.request_logging")
logger.addHandler(logging.StreamHandler())
logger.setLevel(logging.INFO)
logger.propagate = False


@receiver(request_finished, dispatch_uid="request_logging.log_request_finished")
def log_request_finished(sender, **kwargs):
    logger.info("Request completed")
