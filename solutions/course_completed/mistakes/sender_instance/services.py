"""Mistake: the course itself as the sender, not its class.

What is wrong: Django's model signals send the model class as ``sender``, and
receivers filter on it (``@receiver(course_completed, sender=Course)``). Sent with
``sender=course``, the signal reaches only receivers connected without a sender:
one connected for Course never hears it.
Why people write it: "the course sent it" reads naturally, and a receiver with no
sender still works, so nothing looks wrong at first.

Expected message: it was sent with sender=<Course: Signals>
"""

from .signals import course_completed


def complete_course(user, course):
    return course_completed.send(sender=course, user=user, course=course)
