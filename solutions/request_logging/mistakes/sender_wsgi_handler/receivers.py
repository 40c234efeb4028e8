"""Mistake: request_finished connected for one sender, WSGIHandler.

What is wrong: request_finished's sender is the class of the handler that served
the request: WSGIHandler under a WSGI server, but ASGIHandler under an ASGI one,
and None under the test client (Client and AsyncClient send it themselves).
Filtering on one of them silently drops every other request.
Why people write it: model signals are connected with sender=, so it looks like
good practice here too, and under gunicorn it works.

Expected message: connect it with no sender=
"""

import logging

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished
from django.dispatch import receiver

logger = logging.getLogger("katas.request_logging")


@receiver(request_finished, sender=WSGIHandler)
def log_request_finished(sender, **kwargs):
    logger.info("Request completed")
