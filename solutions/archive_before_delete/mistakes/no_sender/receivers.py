"""Mistake: connect the archive receiver to pre_delete without a sender.

What is wrong: pre_delete is sent for every model Django deletes, in every app: the
receiver runs for the client of a cascade and for tasks too, and fails there (a Client
has no tasks), which fails the delete itself.
Why people write it: the first test deletes a project alone, and Project is the only
model the receiver was written for.

Expected message: also runs for a Task or a Client
"""

from django.db.models import QuerySet
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from .models import Client, ProjectArchive


def deleted_with_its_client(origin):
    """True when the delete started from a client: one, or a queryset of them."""
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return issubclass(model, Client)


@receiver(pre_delete, dispatch_uid="archive_before_delete.archive_project_pre_delete")
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
