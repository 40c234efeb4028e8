"""Alternative: F() increments and decrements, with each pk_set checked against the join table.

Why it is correct too: the database does the arithmetic (UPDATE ... SET student_count =
student_count + n), so stale objects cannot lose an enrolment, and no COUNT runs. It
needs care the recount does not: post_add's pk_set holds only the students really added,
but a remove's pk_set holds every pk passed to remove(), so pre_remove keeps only the
enrolled ones; and a clear from the student's side remembers her courses in pre_clear.
"""

from django.db.models import F
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import Course

Enrolment = Course.students.through
PENDING = "_enrolment_count_pending"  # on the instance: what pre_* found, for post_*


def enrolments(instance, reverse, using):
    mine = {"student_id" if reverse else "course_id": instance.pk}
    return Enrolment.objects.using(using).filter(**mine)


@receiver(m2m_changed, sender=Enrolment, dispatch_uid="enrolment_count.f_expressions")
def update_student_count(sender, instance, action, reverse, pk_set, using, **kwargs):
    other = "course_id" if reverse else "student_id"
    if action == "pre_remove":
        enrolled = enrolments(instance, reverse, using).filter(**{f"{other}__in": pk_set})
        setattr(instance, PENDING, set(enrolled.values_list(other, flat=True)))
        return
    if action == "pre_clear":
        setattr(
            instance,
            PENDING,
            set(enrolments(instance, reverse, using).values_list(other, flat=True)),
        )
        return
    if action == "post_add":
        changed, sign = pk_set, 1
    elif action in ("post_remove", "post_clear"):
        changed, sign = instance.__dict__.pop(PENDING, set()), -1
    else:
        return
    courses = Course.objects.using(using)
    if reverse:  # the instance is a student; each changed pk is a course: one each
        courses.filter(pk__in=changed).update(student_count=F("student_count") + sign)
    elif changed:  # the instance is the course; each changed pk is a student
        courses.filter(pk=instance.pk).update(
            student_count=F("student_count") + sign * len(changed)
        )
