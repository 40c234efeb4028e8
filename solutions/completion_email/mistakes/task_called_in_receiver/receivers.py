"""Mistake: the task called as a function, on commit.

What is wrong: send_course_email(user_id, course_id) runs the task's body right
here, in the request: the learner waits for the mail server, and a mail server
that fails fails the request. Nothing reaches the queue.
Why people write it: a task is a decorated function, and calling it works, with
no worker running and no error anywhere.

Expected message: Call .delay(), not the task function
"""

from django.db import transaction
from django.dispatch import receiver

from .signals import course_completed
from .tasks import send_course_email


@receiver(course_completed)
def enqueue_completion_email(sender, user, course, **kwargs):
    user_id, course_id = user.id, course.id
    transaction.on_commit(lambda: send_course_email(user_id, course_id))
