"""Given: the kata's business signal, sent once a learner completes a course."""

from django.dispatch import Signal

# Sent by services.complete_course() with sender=Course and user=, course= keywords.
course_completed = Signal()
