from django.dispatch import receiver

from .models import Certificate
from .signals import course_completed


@receiver(course_completed)
def award_certificate(sender, user, course, **kwargs):
    Certificate.objects.create(user=user, course=course)
