"""Mistake: on post_clear from the student's side, look up the student's courses.

What is wrong: post_clear is sent after the join rows are deleted, with pk_set=None. By
then ada.courses is empty: the courses she left cannot be found, and their counts stay
too high.
Why people write it: post_add and post_remove carry pk_set, so post_clear looks like the
place to act too.

Expected message: remember Ada's courses in 'pre_clear'
"""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import Course

Enrolment = Course.students.through


def recount(course_ids):
    for pk in course_ids:
        total = Enrolment.objects.filter(course_id=pk).count()
        Course.objects.filter(pk=pk).update(student_count=total)


@receiver(m2m_changed, sender=Enrolment)
def update_student_count(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        recount([instance.pk])
    elif action == "post_clear":
        recount(instance.courses.values_list("pk", flat=True))
    else:
        recount(pk_set)
