"""Mistake: send_robust() so that no receiver can break the service, with a plain create().

What is wrong: the second completion of a course makes the receiver's create() hit
the unique constraint. send_robust() catches the IntegrityError and returns it, so
complete_course() seems fine; but inside a transaction the database error has
marked it for rollback. Every later query in the same atomic block raises
TransactionManagementError, far from its cause; and if nothing queries again, the
block ends without an error and rolls back silently, undoing every write in it (with
ATOMIC_REQUESTS, the whole request's, behind a 200). The second certificate was
never the right call anyway.
Why people write it: send_robust() reads like the safe choice, and the plain
create() works for every first completion.

Expected message: hid a database error
"""

from .signals import course_completed


def complete_course(user, course):
    return course_completed.send_robust(sender=type(course), user=user, course=course)
