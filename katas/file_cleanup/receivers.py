"""Receivers: remove a course's thumbnail from storage when the course goes.

Read README.md beside this file for the story and the tasks.
"""

# TODO (task 1): write a receiver for `post_delete` of Course that deletes the course's
#   thumbnail file from its storage (a course without a thumbnail has nothing to delete).
#   Useful imports:
#     from django.db.models.signals import post_delete
#     from django.dispatch import receiver
#     from .models import Course
#
# TODO (task 2): a delete can still be rolled back. Delete the file only once the
#   transaction commits.
#
# TODO (task 3): never delete a file that another course still references.
