"""Receivers: log each finished request.

Read README.md beside this file for the story and the tasks.
"""

import logging

logger = logging.getLogger("katas.request_logging")

# TODO (task 1): write a receiver for django.core.signals.request_finished that logs
#   "Request completed" at INFO level on `logger`, once per request.
#
# TODO (task 2): connect it at module level here (apps.py imports this module in
#   ready()); nothing is logged outside requests.
