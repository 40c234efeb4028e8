"""Mistake: a project deleted with its client is one whose `origin` is a Client.

What is wrong: Client.objects.filter(...).delete() passes the QuerySet of clients as
`origin`, which is not a Client: the projects of clients deleted in bulk are archived as
"deleted on its own".
Why people write it: client.delete() passes the client, and isinstance() reads exactly
like the rule.

Expected message: Here `origin` is a QuerySet of clients
"""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from .models import Client, Project, ProjectArchive


def deleted_with_its_client(origin):
    return isinstance(origin, Client)


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
