"""Keep a copy of every deleted project, its tasks included, and say why it went.

Deleting a project deletes its tasks too (CASCADE). Django's Collector sends pre_delete
for every project it deletes before it deletes any row, inside the transaction of the
delete: the tasks are still there to be read, and the archive commits, or rolls back,
with the delete.
"""

from django.db.models import QuerySet
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from .models import Client, Project, ProjectArchive


def deleted_with_its_client(origin):
    """True when the delete started from a client: one, or a queryset of them."""
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return issubclass(model, Client)


@receiver(
    pre_delete, sender=Project, dispatch_uid="archive_before_delete.archive_project_pre_delete"
)
def archive_project_pre_delete(sender, instance, using, origin=None, **kwargs):
    # `origin` (Django 4.1+) is what delete() was called on: the project itself, a
    # queryset of projects, or the client (or clients) whose deletion cascades here.
    if deleted_with_its_client(origin):
        reason = ProjectArchive.Reason.CLIENT_DELETED
    else:
        reason = ProjectArchive.Reason.DELETED
    ProjectArchive.objects.using(using).create(
        project_id=instance.pk,
        name=instance.name,
        client_name=instance.client.name,
        tasks=list(instance.tasks.order_by("pk").values("title", "done")),
        reason=reason,
    )
