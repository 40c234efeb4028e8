"""Mistake: Group.objects.create() on every post_migrate.

What is wrong: migrate runs on every deploy, and sends post_migrate even when there
is nothing to migrate. The second run tries to insert "Editors" again and fails on
the unique name: the deploy stops.
Why people write it: the receiver is written and tried once, on a fresh database.

Expected message: get_or_create them
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.dispatch import receiver

DEFAULT_GROUPS = {
    "Editors": ["add_article", "change_article", "publish_article", "view_article"],
    "Reviewers": ["view_article"],
}


@receiver(post_migrate, sender=global_apps.get_app_config("default_groups"))
def create_default_groups(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in DEFAULT_GROUPS.items():
        group = Group.objects.using(using).create(name=name)
        group.permissions.add(
            *Permission.objects.using(using).filter(
                content_type__app_label="default_groups", codename__in=codenames
            )
        )
