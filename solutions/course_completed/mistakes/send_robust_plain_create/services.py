"""Mistake: send_robust() so that no receiver can break the service, with a plain create().

What is wrong: the second completion of a course makes the receiver's create() hit
the unique constraint. send_robust() catches the IntegrityError and returns it, so
complete_course() seems fine; but the database error has broken the transaction,
and the next query anywhere in the request fails with TransactionManagementError,
far from its cause. The second certificate was never the right call anyway.
Why people write it: send_robust() reads like the safe choice, and the plain
create() works for every first completion.

Expected message: hid a database error
"""

from .signals import course_completed


def complete_course(user, course):
    return course_completed.send_robust(sender=type(course), user=user, course=course)
