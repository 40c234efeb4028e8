"""Keep Course.student_count right on every change of the enrolment relation.

One receiver, connected for the relation's join table only. Rather than add or subtract
(pk_set can name students that were not enrolled), it recounts the courses that changed,
in one UPDATE with a subquery: the database counts, so a stale Course in memory cannot
write an old number back.
"""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import Course

Enrolment = Course.students.through

# The courses a student is about to leave in a clear() from the student's side, by
# student: after the clear the join rows, and so the courses, are gone.
CLEARED_ATTRIBUTE = "_enrolment_count_cleared_course_ids"


@receiver(m2m_changed, sender=Enrolment, dispatch_uid="enrolment_count.update_student_count")
def update_student_count(sender, instance, action, reverse, pk_set, using, **kwargs):
    """Recount the courses whose enrolments changed.

    From the course's side (``course.students.add(...)``) ``instance`` is the course;
    from the student's side (``student.courses.add(...)``, ``reverse`` true) it is the
    student, and ``pk_set`` holds the courses' pks.
    """
    if action == "pre_clear" and reverse:
        course_ids = Enrolment.objects.using(using).filter(student_id=instance.pk)
        setattr(instance, CLEARED_ATTRIBUTE, set(course_ids.values_list("course_id", flat=True)))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        course_ids = {instance.pk}
    elif action == "post_clear":
        course_ids = instance.__dict__.pop(CLEARED_ATTRIBUTE, set())
    else:
        course_ids = pk_set
    recount(course_ids, using)


def recount(course_ids, using):
    """Set student_count of each course in ``course_ids`` from its join rows, in one query."""
    enrolled = (
        Enrolment.objects.using(using)
        .filter(course_id=OuterRef("pk"))
        .values("course_id")
        .annotate(total=Count("pk"))
        .values("total")
    )
    Course.objects.using(using).filter(pk__in=course_ids).update(
        student_count=Coalesce(Subquery(enrolled), 0)
    )
