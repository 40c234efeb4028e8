"""The business signals of this kata.

A custom signal names an event of *this* app, so that other apps can react to it
without this app importing them. Its documentation is its contract: say when it
is sent and which keyword arguments come with it.
"""

from django.dispatch import Signal

# Sent by services.complete_course() once a user has completed a course.
# sender: the Course class. Keyword arguments: user, course.
course_completed = Signal()
