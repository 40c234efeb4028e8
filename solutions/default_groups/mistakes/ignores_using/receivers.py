"""Mistake: ignore `using` and write to the default database.

What is wrong: migrate --database=other sends post_migrate with using="other". This
receiver writes the groups to "default" whatever database is being migrated: the
migrated one has no groups, and "default" gets rows it may not even route to.
Why people write it: with one database nobody sees a difference.

Expected message: to the 'default' database instead
"""

from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.dispatch import receiver

DEFAULT_GROUPS = {
    "Editors": ["add_article", "change_article", "publish_article", "view_article"],
    "Reviewers": ["view_article"],
}


@receiver(post_migrate, sender=global_apps.get_app_config("default_groups"))
def create_default_groups(sender, apps=global_apps, **kwargs):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in DEFAULT_GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="default_groups", codename__in=codenames
            )
        )
