"""Receivers: give every new user a Profile.

Read README.md beside this file for the story and the tasks.
"""

# TODO (task 1): write a receiver for the `post_save` signal of the user model that
#   creates the user's Profile. Name it for what it does, e.g. `create_profile`.
#   Useful imports:
#     from django.conf import settings            # settings.AUTH_USER_MODEL
#     from django.db.models.signals import post_save
#     from django.dispatch import receiver
#     from .models import Profile
#
# TODO (task 2): saving an existing user again must not create a second Profile.
#
# TODO (task 3): `loaddata` saves users with raw=True. Leave those saves alone: the
#   fixture brings its own profiles.
