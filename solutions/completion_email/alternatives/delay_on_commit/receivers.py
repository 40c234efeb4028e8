"""Alternative: task.delay_on_commit(), Celery's own shortcut (Celery 5.4+).

Celery's Django task class wraps .delay() in transaction.on_commit() for you,
so it is the reference solution in one call. The app has that task class only
when DJANGO_SETTINGS_MODULE is set before it is created (katas/celery.py sets it).
"""

from django.dispatch import receiver

from .signals import course_completed
from .tasks import send_course_email


@receiver(course_completed, dispatch_uid="completion_email.enqueue_completion_email")
def enqueue_completion_email(sender, user, course, **kwargs):
    send_course_email.delay_on_commit(user.id, course.id)
