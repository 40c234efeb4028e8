"""Mistake: connect to post_migrate without a sender.

What is wrong: post_migrate is sent once per installed app that has a models module.
Without a sender the receiver runs for every such app, several times per migrate,
and on a fresh database it runs for apps migrated before this one, when this app's
permissions do not exist yet.
Why people write it: @receiver(post_migrate) reads like "after migrate", and the
result looks right at the end of the run.

Expected message: react to the default_groups app only
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.dispatch import receiver

DEFAULT_GROUPS = {
    "Editors": ["add_article", "change_article", "publish_article", "view_article"],
    "Reviewers": ["view_article"],
}


@receiver(post_migrate)
def create_default_groups(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in DEFAULT_GROUPS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.using(using).filter(
                content_type__app_label="default_groups", codename__in=codenames
            )
        )
