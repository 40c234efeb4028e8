"""Mistake: a project deleted on its own is one whose `origin` is the project itself.

What is wrong: for QuerySet.delete() (the admin's bulk delete, a cleanup job), `origin`
is the QuerySet, not any one project: every project deleted that way is archived as
"deleted with its client".
Why people write it: it is right for project.delete(), the only delete most people try.

Expected message: For QuerySet.delete(), `origin` is the QuerySet itself
"""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from .models import Project, ProjectArchive


@receiver(
    pre_delete, sender=Project, dispatch_uid="archive_before_delete.archive_project_pre_delete"
)
def archive_project_pre_delete(sender, instance, using, origin=None, **kwargs):
    # `origin` (Django 4.1+) is what delete() was called on: the project itself, a
    # queryset of projects, or the client (or clients) whose deletion cascades here.
    if origin is instance:
        reason = ProjectArchive.Reason.DELETED
    else:
        reason = ProjectArchive.Reason.CLIENT_DELETED
    ProjectArchive.objects.using(using).create(
        project_id=instance.pk,
        name=instance.name,
        client_name=instance.client.name,
        tasks=list(instance.tasks.order_by("pk").values("title", "done")),
        reason=reason,
    )
