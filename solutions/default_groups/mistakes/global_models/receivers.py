"""Mistake: import Group and Permission from django.contrib.auth.models.

What is wrong: post_migrate passes `apps`, the state of the project after the
migration run. During a partial migrate, or a migration that changes auth, the global
models can describe columns the database does not have yet; the models of `apps`
match it. The receiver works today and breaks on the day the two differ.
Why people write it: it is how every other module imports models, and with a fully
migrated database nothing seems wrong.

Expected message: global Group model
"""

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.dispatch import receiver

DEFAULT_GROUPS = {
    "Editors": ["add_article", "change_article", "publish_article", "view_article"],
    "Reviewers": ["view_article"],
}


@receiver(post_migrate, sender=global_apps.get_app_config("default_groups"))
def create_default_groups(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    for name, codenames in DEFAULT_GROUPS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.using(using).filter(
                content_type__app_label="default_groups", codename__in=codenames
            )
        )
