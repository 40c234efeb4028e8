"""Receivers: the newsroom's default groups exist after every migrate."""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.dispatch import receiver

# Given: each default group and the codenames of its permissions, all on this app's
# Article model (Django creates them: add_, change_, delete_, view_article and the
# Meta.permissions publish_article).
DEFAULT_GROUPS = {
    "Editors": ["add_article", "change_article", "publish_article", "view_article"],
    "Reviewers": ["view_article"],
}

APP_LABEL = "default_groups"


# post_migrate is sent once per installed app that has a models module, with its
# AppConfig as the sender: this
# one reacts to this app's migrations only. (Module level is fine here: ready() imports
# this module, and by then the app registry knows every AppConfig.)
@receiver(
    post_migrate,
    sender=global_apps.get_app_config(APP_LABEL),
    dispatch_uid="default_groups.create_default_groups",
)
def create_default_groups(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """Create the default groups with their permissions, on the database being migrated.

    Idempotent: migrate runs on every deploy, so existing groups are reused and only
    get the permissions they lack. The models come from ``apps``, the project state
    the signal passes (``flush`` passes none: then the global registry).
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in DEFAULT_GROUPS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        permissions = Permission.objects.using(using).filter(
            content_type__app_label=APP_LABEL, codename__in=codenames
        )
        # add() inserts only the missing links: harmless on the second run.
        group.permissions.add(*permissions)
