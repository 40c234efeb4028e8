"""Mistake: on_commit(task.delay(...)), without a lambda.

What is wrong: the argument is evaluated first, so .delay() runs at once, inside
the transaction, and on_commit() receives its AsyncResult instead of a function
(Django raises "on_commit()'s callback must be a callable").
Why people write it: it reads like "on commit, delay the task"; the fix is one
word, lambda (or functools.partial).

Expected message: runs .delay() at once, inside the transaction
"""

from django.db import transaction
from django.dispatch import receiver

from .signals import course_completed
from .tasks import send_course_email


@receiver(course_completed)
def enqueue_completion_email(sender, user, course, **kwargs):
    transaction.on_commit(send_course_email.delay(user.id, course.id))
