"""Alternative: connect without a sender and return early for every other app.

Why it is correct too: the check on app_config.label does what sender= does, one
call later: the receiver still acts for this app's migrations only. It also works
where the AppConfig is not at hand when the module is imported. The cost is a call
per installed app on every migrate, which is nothing.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.dispatch import receiver

DEFAULT_GROUPS = {
    "Editors": ["add_article", "change_article", "publish_article", "view_article"],
    "Reviewers": ["view_article"],
}


@receiver(post_migrate, dispatch_uid="default_groups.create_default_groups")
def create_default_groups(
    sender, app_config=None, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs
):
    if app_config is None or app_config.label != "default_groups":
        return
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in DEFAULT_GROUPS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.using(using).filter(
                content_type__app_label="default_groups", codename__in=codenames
            )
        )
