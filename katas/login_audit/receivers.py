"""Receivers: an audit trail of logins, failed logins and logouts.

Read README.md beside this file for the story and the tasks. The views that log
people in and out are given (views.py, under /login-audit/).
"""

# TODO (task 1): on `user_logged_in`, record a Login: the user, the time
#   (django.utils.timezone.now()) and the client's address, request.META["REMOTE_ADDR"]
#   when the request has one (a request built in code may not).
#   Useful imports:
#     from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
#     from django.dispatch import receiver
#     from django.utils import timezone
#     from .models import FailedLogin, Login, Logout
#
# TODO (task 2): on `user_login_failed`, count the attempt for the username tried
#   (credentials["username"]), in FailedLogin. Never store or log the password.
#
# TODO (task 3): on `user_logged_out`, record a Logout for the user. A logout with
#   nobody logged in sends user=None: record nothing then, and raise nothing.
