"""Mistake: the service awards the certificate itself, and sends the signal too.

What is wrong: the point of the signal is that the courses app announces the
event and knows nothing of certificates. Here the service creates the
Certificate directly (the receiver's get_or_create then finds it), so the
certificate app's job has moved into the sender, and the signal decouples
nothing.
Why people write it: it is the first thing that makes the certificate tests pass.

Expected message: the service does the receiver's job itself
"""

from .models import Certificate
from .signals import course_completed


def complete_course(user, course):
    Certificate.objects.get_or_create(user=user, course=course)
    return course_completed.send(sender=type(course), user=user, course=course)
