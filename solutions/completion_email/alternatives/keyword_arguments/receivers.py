"""Alternative: apply_async with keyword arguments, on commit.

The task receives user_id= and course_id= by name instead of by position: the
same call for the worker, and harder to swap by accident. apply_async() is the
general form of delay(), for when options (a queue, a countdown) are needed.
"""

from django.db import transaction
from django.dispatch import receiver

from .signals import course_completed
from .tasks import send_course_email


@receiver(course_completed, dispatch_uid="completion_email.enqueue_completion_email")
def enqueue_completion_email(sender, user, course, **kwargs):
    arguments = {"user_id": user.id, "course_id": course.id}
    transaction.on_commit(lambda: send_course_email.apply_async(kwargs=arguments))
