"""Alternative: connected with signal.connect(), idempotent with an exists() check.

Why it is correct too: course_completed.connect(award_certificate, ...) at module
level of receivers.py is what @receiver does; looking before creating is
idempotent for one process (the unique constraint still guards concurrent
completions, where get_or_create is the better choice).
"""

from .models import Certificate
from .signals import course_completed


def award_certificate(sender, user, course, **kwargs):
    if not Certificate.objects.filter(user=user, course=course).exists():
        Certificate.objects.create(user=user, course=course)


course_completed.connect(award_certificate, dispatch_uid="course_completed.award_certificate")
