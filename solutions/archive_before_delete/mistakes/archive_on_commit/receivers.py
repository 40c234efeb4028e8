"""Mistake: write the archive in transaction.on_commit(), "only once the delete is sure".

What is wrong: the archive is no longer part of the delete. The project and its tasks
are committed away first; if the process stops before the callback runs, or the
callback fails, nothing is archived and nothing can roll the delete back. And a callback
that reads the tasks then finds none.
Why people write it: on_commit is the right tool for emails, files and caches (other
katas teach it), and "no archive for a delete that fails" sounds like the same problem.
Here the database already gives that for free: pre_delete runs inside the delete's
transaction.

Expected message: waiting for the commit
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from .models import Project, ProjectArchive


@receiver(
    pre_delete, sender=Project, dispatch_uid="archive_before_delete.archive_project_pre_delete"
)
def archive_project_pre_delete(sender, instance, using, **kwargs):
    archive = partial(
        ProjectArchive.objects.using(using).create,
        project_id=instance.pk,
        name=instance.name,
        client_name=instance.client.name,
        tasks=list(instance.tasks.values("title", "done")),
        reason=ProjectArchive.Reason.DELETED,
    )
    transaction.on_commit(archive, using=using)
