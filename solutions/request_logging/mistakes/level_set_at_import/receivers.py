"""Mistake: the logger's level set in code, at import.

What is wrong: receivers.py is imported from ready(), after Django has applied the
LOGGING setting, so logger.setLevel(logging.WARNING) silently overrides whatever
the project configured: the INFO record is dropped before any handler sees it, on
every request, and no setting can bring it back.
Why people write it: to keep request lines out of production logs "by default",
and because the level looks like part of the logger's definition.

Expected message: has its level set to WARNING by the kata's code
"""

import logging

from django.core.signals import request_finished
from django.dispatch import receiver

logger = logging.getLogger("katas.request_logging")
logger.setLevel(logging.WARNING)


@receiver(request_finished, dispatch_uid="request_logging.log_request_finished")
def log_request_finished(sender, **kwargs):
    logger.info("Request completed")
