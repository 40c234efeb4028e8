"""Mistake: print() instead of a logger.

What is wrong: print() writes to stdout, whatever the settings say: it cannot
be routed to a file or a log service, filtered by level, or captured by tests,
and under some servers stdout goes nowhere.
Why people write it: it shows up in runserver's console at once.

Expected message: It was printed to stdout
"""

from django.core.signals import request_finished
from django.dispatch import receiver


@receiver(request_finished)
def log_request_finished(sender, **kwargs):
    print("Request completed")
