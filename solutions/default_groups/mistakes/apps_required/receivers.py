"""Mistake: take `apps` as a required argument.

What is wrong: `migrate` passes apps, but `flush` sends post_migrate without it (a
TransactionTestCase flushes the database after every test; with available_apps
set, the test case itself sends post_migrate before every test, also without
apps). The receiver then fails with a TypeError about a missing 'apps' argument.
Why people write it: the signal's documentation lists apps, and migrate always
passes it.

Expected message: what `flush` sends
"""

from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.dispatch import receiver

DEFAULT_GROUPS = {
    "Editors": ["add_article", "change_article", "publish_article", "view_article"],
    "Reviewers": ["view_article"],
}


@receiver(post_migrate, sender=global_apps.get_app_config("default_groups"))
def create_default_groups(sender, apps, using, **kwargs):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in DEFAULT_GROUPS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.using(using).filter(
                content_type__app_label="default_groups", codename__in=codenames
            )
        )
