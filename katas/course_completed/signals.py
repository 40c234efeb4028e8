"""The business signals of this kata. Read README.md beside this file first."""

# TODO (task 1): define the signal `course_completed`, sent when a user completes a
#   course with `user` and `course` keyword arguments.
#     from django.dispatch import Signal
