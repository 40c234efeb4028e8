"""Mistake: archive the project in post_delete, "once it is really gone".

What is wrong: the Collector deletes the tasks before the project (a cascade deletes
what depends on a row first), so when post_delete is sent for the project its tasks are
already gone: every archive has an empty task list. The project's own fields are still
on the instance, which is why the archive looks right at first sight.
Why people write it: "after the delete" sounds safer than "before", and post_delete is
the signal every cleanup example uses.

Expected message: They were already deleted when your receiver read them
"""

from django.db.models import QuerySet
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Client, Project, ProjectArchive


def deleted_with_its_client(origin):
    """True when the delete started from a client: one, or a queryset of them."""
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return issubclass(model, Client)


@receiver(
    post_delete, sender=Project, dispatch_uid="archive_before_delete.archive_project_post_delete"
)
def archive_project_post_delete(sender, instance, using, origin=None, **kwargs):
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
