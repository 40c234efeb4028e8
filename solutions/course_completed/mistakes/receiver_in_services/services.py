"""Mistake: the receiver is defined in services.py, beside the code that sends.

What is wrong: the certificate is awarded, but the receiver lives in the sending
app's services module, so the app that "announces" the event also knows who
listens, which is what the signal was meant to avoid; and it is connected only
if something happens to import services.py.
Why people write it: it is the file already open, and the tests of task 2 pass.

Expected message: No receiver from katas/course_completed/receivers.py
"""

from django.dispatch import receiver

from .models import Certificate
from .signals import course_completed


@receiver(course_completed)
def award_certificate(sender, user, course, **kwargs):
    Certificate.objects.get_or_create(user=user, course=course)


def complete_course(user, course):
    return course_completed.send(sender=type(course), user=user, course=course)
