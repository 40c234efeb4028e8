"""Mistake: subtract len(pk_set) on post_remove.

What is wrong: pk_set of a remove holds every pk passed to remove(), whether that
student was enrolled or not (Django does not filter it). remove(ada, alan) with only
Ada enrolled deletes one join row and subtracts two.
Why people write it: adding works that way (post_add's pk_set holds only the students
really added), so removing looks symmetrical.

Expected message: pk_set of a remove holds every pk you passed to remove(), enrolled or not
"""

from django.db.models import F
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import Course

Enrolment = Course.students.through


@receiver(m2m_changed, sender=Enrolment)
def update_student_count(sender, instance, action, reverse, pk_set, using, **kwargs):
    if action == "pre_clear" and reverse:
        instance._cleared = list(instance.courses.values_list("pk", flat=True))
        return
    if action == "post_clear":
        ids = instance.__dict__.pop("_cleared", []) if reverse else [instance.pk]
        for pk in ids:
            total = Enrolment.objects.filter(course_id=pk).count()
            Course.objects.filter(pk=pk).update(student_count=total)
        return
    if action not in ("post_add", "post_remove"):
        return
    sign = 1 if action == "post_add" else -1
    if reverse:
        Course.objects.filter(pk__in=pk_set).update(student_count=F("student_count") + sign)
    else:
        Course.objects.filter(pk=instance.pk).update(
            student_count=F("student_count") + sign * len(pk_set)
        )
