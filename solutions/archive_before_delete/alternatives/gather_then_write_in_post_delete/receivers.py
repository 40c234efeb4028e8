"""Alternative: read the project and its tasks in pre_delete, write the archive in post_delete.

Why it is correct too: pre_delete is the last moment the tasks are there, so it gathers
them onto the instance; post_delete, still inside the delete's transaction, writes the
archive once the project's row is really gone. A delete that fails between the two
(a protected row, a database error) leaves no archive at all, and a delete that fails
later rolls the archive back with everything else.
"""

from django.db.models import QuerySet
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver

from .models import Client, Project, ProjectArchive


@receiver(pre_delete, sender=Project, dispatch_uid="archive_before_delete.gather_pre_delete")
def gather_project_pre_delete(sender, instance, origin=None, **kwargs):
    origin_model = origin.model if isinstance(origin, QuerySet) else type(origin)
    instance._archive = {
        "project_id": instance.pk,  # Django sets instance.pk to None after the delete
        "name": instance.name,
        "client_name": instance.client.name,
        "tasks": list(instance.tasks.order_by("pk").values("title", "done")),
        "reason": (
            ProjectArchive.Reason.CLIENT_DELETED
            if issubclass(origin_model, Client)
            else ProjectArchive.Reason.DELETED
        ),
    }


@receiver(post_delete, sender=Project, dispatch_uid="archive_before_delete.write_post_delete")
def write_archive_post_delete(sender, instance, using, **kwargs):
    ProjectArchive.objects.using(using).create(**instance._archive)
