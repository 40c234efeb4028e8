"""Mistake: connected to m2m_changed with no sender.

What is wrong: m2m_changed is sent for every many-to-many relation of every model. Adding
tags to a course then counts the tags as students; a user added to a group updates
whichever course shares the user's pk.
Why people write it: "the course changed, update its count" reads right, and every test
of the enrolment relation passes.

Expected message: connect with sender=Course.students.through
"""

from django.db.models import F
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import Course

Enrolment = Course.students.through


@receiver(m2m_changed)
def update_student_count(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:
        instance._cleared = list(
            Course.objects.filter(students=instance).values_list("pk", flat=True)
        )
        return
    if action == "pre_remove":
        # Narrow pk_set to the enrolled ones before they go.
        if reverse:
            enrolled = Enrolment.objects.filter(student_id=instance.pk, course_id__in=pk_set)
            pk_set &= set(enrolled.values_list("course_id", flat=True))
        else:
            enrolled = Enrolment.objects.filter(course_id=instance.pk, student_id__in=pk_set)
            pk_set &= set(enrolled.values_list("student_id", flat=True))
        return
    if action == "post_clear":
        if reverse:
            ids = instance.__dict__.pop("_cleared", [])
            Course.objects.filter(pk__in=ids).update(student_count=F("student_count") - 1)
        else:
            Course.objects.filter(pk=instance.pk).update(student_count=0)
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
