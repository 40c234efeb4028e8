"""Mistake: the one-line version, .delay() inside the transaction.

What is wrong: course_completed is sent inside complete_course()'s transaction, so
the task is on the broker before the commit. A worker can run it at once: it has its
own connection, sees only committed rows, and fails to find a row written in the
same transaction, or emails a completion that a rollback then undoes.
Why people write it: the usual tutorial version is one line, and it seems to work
in eager mode (the task runs in the caller, inside the transaction) and with a busy
worker that picks the message up after the commit. An idle worker, one that takes
the message at once, is what exposes the race: tests/services/test_real_worker.py
shows it with a real worker on Redis and PostgreSQL.

Expected message: The task was enqueued before the transaction committed
"""

from django.dispatch import receiver

from .signals import course_completed
from .tasks import send_course_email


@receiver(course_completed)
def enqueue_completion_email(sender, user, course, **kwargs):
    send_course_email.delay(user.id, course.id)
