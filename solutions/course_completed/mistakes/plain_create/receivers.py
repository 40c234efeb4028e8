"""Mistake: a plain create() in the receiver: a second completion crashes.

What is wrong: completing the same course twice (a double click, a replayed event)
inserts a second Certificate for the same user and course, and the unique
constraint raises IntegrityError out of complete_course().
Why people write it: the usual tutorial version of a receiver creates its row and
is only shown with one completion.

Expected message: make the receiver idempotent
"""

from django.dispatch import receiver

from .models import Certificate
from .signals import course_completed


@receiver(course_completed)
def award_certificate(sender, user, course, **kwargs):
    Certificate.objects.create(user=user, course=course)
