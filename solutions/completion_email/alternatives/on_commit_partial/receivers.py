"""Alternative: on_commit(functools.partial(task.delay, ...)).

partial() binds the ids now and calls .delay() later, exactly like the
reference's lambda; some teams prefer it because the ids are read at once, not
when the commit happens.
"""

from functools import partial

from django.db import transaction
from django.dispatch import receiver

from .signals import course_completed
from .tasks import send_course_email


@receiver(course_completed, dispatch_uid="completion_email.enqueue_completion_email")
def enqueue_completion_email(sender, user, course, **kwargs):
    transaction.on_commit(partial(send_course_email.delay, user.id, course.id))
