"""Email the learner through Celery when a course is completed."""

from django.db import transaction
from django.dispatch import receiver

from .signals import course_completed
from .tasks import send_course_email


@receiver(course_completed, dispatch_uid="completion_email.enqueue_completion_email")
def enqueue_completion_email(sender, user, course, **kwargs):
    """Enqueue the completion email once the completion is committed.

    The signal is synchronous and runs inside complete_course()'s transaction. A
    worker may pick the task up at once, before that transaction commits, and
    find no Completion row (or never see it, after a rollback): on_commit waits,
    and a rollback drops the task. Ids, not instances, cross the queue: they
    serialise to JSON, and the worker reads fresh rows.
    """
    user_id, course_id = user.id, course.id
    # A function for on_commit to call later: the lambda, not .delay(...)'s result.
    transaction.on_commit(lambda: send_course_email.delay(user_id, course_id))
