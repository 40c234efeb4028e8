"""Given: completing a course records it and tells whoever listens."""

from django.db import transaction

from .models import Completion
from .signals import course_completed


@transaction.atomic
def complete_course(user, course):
    """Record that ``user`` completed ``course``, send course_completed; return the Completion."""
    completion = Completion.objects.create(user=user, course=course)
    course_completed.send(sender=type(course), user=user, course=course)
    return completion
