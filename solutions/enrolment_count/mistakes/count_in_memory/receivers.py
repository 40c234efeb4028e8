"""Mistake: add to the count of the Course object in memory and save() it.

What is wrong: the Course the receiver gets is whatever object the caller loaded,
perhaps long ago. Two requests that each loaded the course before either add write
back "0 + 1" twice: one enrolment is lost. save() also writes every other field back.
Why people write it: `instance.student_count += 1; instance.save()` is the one-line
version, and with one object in one test it is right.

Expected message: The second object's student_count is stale
"""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import Course

Enrolment = Course.students.through


@receiver(m2m_changed, sender=Enrolment)
def update_student_count(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear":
        if reverse:
            instance._cleared = list(instance.courses.all())
        else:
            instance._cleared_count = instance.students.count()
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action == "post_clear":
        if reverse:
            for course in instance.__dict__.pop("_cleared", []):
                course.student_count -= 1
                course.save()
        else:
            instance.student_count = 0
            instance.save()
        return
    sign = 1 if action == "post_add" else -1
    if reverse:
        for course in Course.objects.filter(pk__in=pk_set):
            course.student_count += sign
            course.save()
    else:
        instance.student_count += sign * len(pk_set)
        instance.save()
