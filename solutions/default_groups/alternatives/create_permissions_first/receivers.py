"""Alternative: create the app's permissions first, then look every one of them up.

Why it is correct too: it does not rely on Django's own post_migrate receiver having
run before this one (it is connected earlier today, but that is an order, not a
promise): create_permissions() is idempotent and takes the same apps and using. Then
a missing codename is a bug in DEFAULT_GROUPS, and it says so instead of silently
leaving a group short.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.dispatch import receiver

DEFAULT_GROUPS = {
    "Editors": ["add_article", "change_article", "publish_article", "view_article"],
    "Reviewers": ["view_article"],
}


@receiver(post_migrate, sender=global_apps.get_app_config("default_groups"))
def create_default_groups(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    create_permissions(sender, verbosity=0, using=using, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    by_codename = {
        permission.codename: permission
        for permission in Permission.objects.using(using).filter(
            content_type__app_label="default_groups"
        )
    }
    for name, codenames in DEFAULT_GROUPS.items():
        missing = sorted(set(codenames) - set(by_codename))
        if missing:
            raise LookupError(f"DEFAULT_GROUPS names unknown permissions: {missing}")
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(*(by_codename[codename] for codename in codenames))
