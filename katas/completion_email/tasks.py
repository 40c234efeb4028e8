"""Given: the Celery task that emails a learner about a completed course."""

from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from katas.celery import app

from .models import Course


@app.task(name="completion_email.send_course_email")
def send_course_email(user_id, course_id):
    """Email the user that they completed the course. Takes ids: they cross the queue as JSON."""
    user = get_user_model().objects.get(pk=user_id)
    course = Course.objects.get(pk=course_id)
    send_mail(
        subject=f"You completed {course.title}!",
        message=f"Well done, {user.get_username()}: you completed {course.title}.",
        from_email=None,
        recipient_list=[user.email],
    )
