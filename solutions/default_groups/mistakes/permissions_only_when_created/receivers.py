"""Mistake: add the permissions only when get_or_create created the group.

What is wrong: a group that already exists (made by hand in the admin, or by an
older release with fewer permissions) never gets the permissions it lacks: a
permission added to DEFAULT_GROUPS later never reaches existing databases.
Why people write it: "if created:" looks like the careful, idempotent version.

Expected message: Add the permissions every time
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
        group, created = Group.objects.using(using).get_or_create(name=name)
        if created:
            group.permissions.add(
                *Permission.objects.using(using).filter(
                    content_type__app_label="default_groups", codename__in=codenames
                )
            )
