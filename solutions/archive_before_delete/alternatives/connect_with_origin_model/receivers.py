"""Alternative: connect() in place of @receiver, and the reason read from the origin's model.

Why it is correct too: `@receiver` is only a shorthand for `connect()`, and the rule is
stated from the other side: a project is archived as deleted on its own when what
delete() was called on holds projects; anything else (a client, or clients) took it
with it. `_meta.model` is the same for an instance and for its class.
"""

from django.db.models import QuerySet
from django.db.models.signals import pre_delete

from .models import Project, ProjectArchive


def origin_model(origin):
    return origin.model if isinstance(origin, QuerySet) else origin._meta.model


def archive_project(sender, instance, using, origin, **kwargs):
    on_its_own = origin_model(origin) is Project
    ProjectArchive.objects.using(using).create(
        project_id=instance.pk,
        name=instance.name,
        client_name=instance.client.name,
        tasks=[{"title": task.title, "done": task.done} for task in instance.tasks.all()],
        reason="deleted" if on_its_own else "client_deleted",
    )


pre_delete.connect(
    archive_project, sender=Project, dispatch_uid="archive_before_delete.archive_project"
)
