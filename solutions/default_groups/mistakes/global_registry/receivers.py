"""Mistake: apps.get_model() on the global registry, django.apps.apps.

What is wrong: the call looks like the one the README asks for, but ``apps`` here
is the module-level import, the global registry, not the argument post_migrate
passes: it returns the same global Group and Permission as an import would, models
that can be ahead of the database during a migration.
Why people write it: "use apps.get_model()" is the advice, and ``from django.apps
import apps`` is the usual way to get an ``apps``; the receiver never looks at its
own arguments, which hide in **kwargs.

Expected message: the global registry
"""

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.dispatch import receiver

DEFAULT_GROUPS = {
    "Editors": ["add_article", "change_article", "publish_article", "view_article"],
    "Reviewers": ["view_article"],
}


@receiver(post_migrate, sender=apps.get_app_config("default_groups"))
def create_default_groups(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in DEFAULT_GROUPS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.using(using).filter(
                content_type__app_label="default_groups", codename__in=codenames
            )
        )
