"""Mistake: one certificate per user, whatever the course.

What is wrong: get_or_create(user=user, defaults={"course": course}) finds the
user's first certificate and stops: a second course earns nothing.
Why people write it: it is idempotent and passes the "complete twice" check, which
only ever uses one course.

Expected message: each completion should award its own user a Certificate for its own course
"""

from django.dispatch import receiver

from .models import Certificate
from .signals import course_completed


@receiver(course_completed)
def award_certificate(sender, user, course, **kwargs):
    Certificate.objects.get_or_create(user=user, defaults={"course": course})
