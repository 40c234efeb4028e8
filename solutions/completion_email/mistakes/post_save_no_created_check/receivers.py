"""Mistake: post_save of Completion with no look at ``created``.

What is wrong: post_save is sent on every save of a Completion, not only when it
is created: an admin who fixes a completion, or a data migration that re-saves
them, emails every learner again.
Why people write it: the model signal is at hand and needs no custom signal; the
first save, the only one people try, sends exactly one email.

Expected message: enqueued the email again
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Completion
from .tasks import send_course_email


@receiver(post_save, sender=Completion)
def enqueue_completion_email(sender, instance, **kwargs):
    user_id, course_id = instance.user_id, instance.course_id
    transaction.on_commit(lambda: send_course_email.delay(user_id, course_id))
