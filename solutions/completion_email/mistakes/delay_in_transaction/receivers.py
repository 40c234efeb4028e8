"""Mistake: the one-line version, .delay() inside the transaction.

What is wrong: course_completed is sent inside complete_course()'s transaction,
so the message reaches the broker before the Completion row is committed. A
worker that picks it up at once fails with "Completion matching query does not
exist"; after a rollback it emails about a completion that never happened.
Why people write it: it is the usual tutorial version, and on a laptop the worker
is slower than the commit, so it seems to work.

Expected message: enqueued before the transaction committed
"""

from django.dispatch import receiver

from .signals import course_completed
from .tasks import send_course_email


@receiver(course_completed)
def enqueue_completion_email(sender, user, course, **kwargs):
    send_course_email.delay(user.id, course.id)
