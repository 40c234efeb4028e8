"""The course services: the business logic that sends the signal."""

from .signals import course_completed


def complete_course(user, course):
    """Mark ``course`` as completed by ``user`` and announce it; return the receivers' replies.

    The service does its own job and announces the event; it knows nothing of
    certificates or emails, and works the same with no receiver connected.
    """
    # sender is the class, as Django's model signals do: receivers can filter on it.
    return course_completed.send(sender=type(course), user=user, course=course)
