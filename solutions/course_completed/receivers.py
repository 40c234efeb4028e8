"""Receivers: react to course_completed."""

from django.dispatch import receiver

from .models import Certificate
from .signals import course_completed


@receiver(course_completed, dispatch_uid="course_completed.award_certificate")
def award_certificate(sender, user, course, **kwargs):
    """Award ``user`` a certificate for ``course``, once however often it is completed.

    get_or_create keeps the receiver idempotent; the unique constraint on the model
    guards against two concurrent completions.
    """
    Certificate.objects.get_or_create(user=user, course=course)
