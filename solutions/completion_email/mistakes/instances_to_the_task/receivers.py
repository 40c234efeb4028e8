"""Mistake: model instances passed to the task, on commit.

What is wrong: task arguments are serialised to JSON to cross the queue; a User
or a Course is not JSON, so .delay() raises kombu's EncodeError in the commit
callback (and a pickled instance would be stale by the time a worker ran).
Why people write it: the task is called like a function, and functions take
objects, and calling the task directly works. Eager mode does not hide it:
apply_async() serialises the arguments there too (Celery 5.4 and later), so
.delay(user, course) raises the same EncodeError.

Expected message: Pass ids (user.id, course.id), not model instances
"""

from django.db import transaction
from django.dispatch import receiver

from .signals import course_completed
from .tasks import send_course_email


@receiver(course_completed)
def enqueue_completion_email(sender, user, course, **kwargs):
    transaction.on_commit(lambda: send_course_email.delay(user, course))
