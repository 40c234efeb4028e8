"""Receivers: keep Course.student_count equal to the number of enrolled students.

Read README.md beside this file for the story and the tasks.
"""

# TODO (task 1): write a receiver of `m2m_changed` for the enrolment relation
#   (sender=Course.students.through) that updates student_count when students are
#   added to a course: course.students.add(ada, grace). Let the database count (a
#   recount, or an F() expression): the Course instance you get may be stale.
#   Useful imports:
#     from django.db.models.signals import m2m_changed
#     from django.dispatch import receiver
#     from .models import Course
#
# TODO (task 2): removals too: course.students.remove(ada), and course.students.set([...])
#   (which removes and adds). Careful: pk_set of a remove holds every pk passed to
#   remove(), enrolled or not.
#
# TODO (task 3): the same relation changes from the student's side too:
#   ada.courses.add(signals, celery). Then `reverse` is True, `instance` is the
#   Student and `pk_set` holds Course pks.
#
# TODO (task 4): clear(), from either side. pk_set is None for pre_clear and post_clear,
#   and when post_clear is sent the rows are already gone: remember what you need in
#   pre_clear, or recount.
#
# TODO (task 5): only this relation counts: changes of course.tags (or of any other
#   many-to-many relation) leave student_count alone.
