"""Mistake: the receiver assumes `instance` is always a Course.

What is wrong: ada.courses.add(signals) sends the same m2m_changed with reverse=True,
instance=ada (a Student) and pk_set holding Course pks. Recounting "the course whose pk
is instance.pk" updates whichever course happens to share the student's pk.
Why people write it: every example adds from the course's side; the other side of the
relation is easy to forget.

Expected message: From the student's side `reverse` is True
"""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import Course

Enrolment = Course.students.through


@receiver(m2m_changed, sender=Enrolment)
def update_student_count(sender, instance, action, using, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        total = Enrolment.objects.using(using).filter(course_id=instance.pk).count()
        Course.objects.using(using).filter(pk=instance.pk).update(student_count=total)
