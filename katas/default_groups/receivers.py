"""Receivers: the newsroom's default groups exist after every migrate.

Read README.md beside this file for the story and the tasks.
"""

# Given: each default group and the codenames of its permissions, all on this app's
# Article model (Django creates them: add_, change_, delete_, view_article and the
# Meta.permissions publish_article).
DEFAULT_GROUPS = {
    "Editors": ["add_article", "change_article", "publish_article", "view_article"],
    "Reviewers": ["view_article"],
}

# TODO (task 1): write a receiver for `post_migrate` that creates each group of
#   DEFAULT_GROUPS and adds its permissions. Name it for what it does, e.g.
#   `create_default_groups`. Useful imports:
#     from django.db.models.signals import post_migrate
#     from django.dispatch import receiver
#
# TODO (task 2): migrate runs on every deploy: a second run must leave one group of
#   each, and give an existing group the permissions it lacks.
#
# TODO (task 3): post_migrate is sent once per installed app that has a models module,
#   with its AppConfig as the sender. React to this app's only:
#     from django.apps import apps as global_apps
#     global_apps.get_app_config("default_groups")   # this app's AppConfig
#
# TODO (task 4): use the models of the `apps` registry the signal passes
#   (apps.get_model("auth", "Group")), never `from django.contrib.auth.models import
#   Group`, and write to the database alias `using`. `flush` sends no `apps`:
#   default it to the global registry.
