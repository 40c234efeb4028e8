"""Receivers: archive every deleted project, its tasks included, and say why it went.

Read README.md beside this file for the story and the tasks.
"""

# TODO (task 1): when a Project is deleted, create one ProjectArchive of it: its id,
#   name, client's name, and its tasks as a list of {"title": ..., "done": ...}. Deleting
#   a project deletes its tasks (CASCADE): pick the signal that is sent while they are
#   still there, and write the archive inside the delete's transaction (with the
#   `using` the signal passes).
#   from django.db.models.signals import pre_delete
#   from django.dispatch import receiver
#   from .models import Project, ProjectArchive
#
# TODO (task 2): every project deleted gets its archive: one project.delete(), a
#   QuerySet.delete() of several, a client's delete that cascades to its projects. A
#   task deleted on its own is not a project deleted.
#
# TODO (task 3): set `reason`: ProjectArchive.Reason.DELETED for a project deleted on
#   its own (or in a queryset of projects), CLIENT_DELETED for one deleted because its
#   client was. The signal's `origin` says what delete() was called on.
