"""Receivers: react to course_completed.

Read README.md beside this file for the story and the tasks.
"""

# TODO (task 2): receive `course_completed` and award the user a Certificate for the
#   course; completing the same course twice leaves one certificate.
#
# TODO (task 3): connect it at module level here (apps.py imports this module in
#   ready()), not inside a function or in services.py.
