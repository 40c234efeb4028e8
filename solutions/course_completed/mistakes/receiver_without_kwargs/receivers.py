"""Mistake: a receiver without ``**kwargs``.

What is wrong: send() calls every receiver with ``signal=`` as well as the
arguments the sender passes, and a signal may gain arguments later. A receiver
that names only (sender, user, course) raises TypeError on the first send.
Why people write it: the function looks complete with the three arguments it uses.

Expected message: write the receiver as (sender, user, course, **kwargs)
"""

from django.dispatch import receiver

from .models import Certificate
from .signals import course_completed


@receiver(course_completed)
def award_certificate(sender, user, course):
    Certificate.objects.get_or_create(user=user, course=course)
