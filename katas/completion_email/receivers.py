"""Receivers: email the learner through Celery when a course is completed.

Read README.md beside this file for the story and the tasks.
"""

# TODO (task 1): receive `course_completed` (from .signals) and enqueue the given task
#   `send_course_email` (from .tasks) with `.delay(...)`.
#
# TODO (task 2): the worker reads the rows from the database: enqueue only once the
#   transaction has committed.
#
# TODO (task 3): the email itself is the worker's job, never the receiver's.
