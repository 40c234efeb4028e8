"""Email the learner through Celery when a course is completed."""

from functools import partial

from django.db import transaction
from django.dispatch import receiver

from .signals import course_completed
from .tasks import send_course_email


@receiver(course_completed, dispatch_uid="completion_email.enqueue_completion_email")
def enqueue_completion_email(sender, user, course, **kwargs):
    """Enqueue the completion email once the completion is committed.

    The signal is synchronous and runs inside complete_course()'s transaction. A
    worker may pick the task up at once, before that transaction commits, and
    find no rows (or never see them, after a rollback): on_commit waits, and a
    rollback drops the task. Ids, not instances, cross the queue: they serialise
    to JSON, and the worker reads fresh rows.
    """
    transaction.on_commit(partial(send_course_email.delay, user.id, course.id))
