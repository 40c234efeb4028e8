"""Given views: one that answers, one that fails. Both log on the kata's logger."""

import logging

from django.http import HttpResponse

logger = logging.getLogger("katas.request_logging")


def hello(request):
    logger.info("View ran")
    return HttpResponse("Hello, signals!")


def boom(request):
    logger.info("View ran")
    raise RuntimeError("this view always fails")
