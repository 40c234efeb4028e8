"""Given: the Celery task that emails a learner about a completed course."""

from django.core.mail import send_mail

from katas.celery import app

from .models import Completion


@app.task(name="completion_email.send_course_email")
def send_course_email(user_id, course_id):
    """Email the user that they completed the course. Takes ids: they cross the queue as JSON.

    It reads the Completion row, as a worker runs in another process and sees only
    committed rows: run before complete_course() commits, it fails with
    ``Completion matching query does not exist``.
    """
    completion = (
        Completion.objects.select_related("user", "course")
        .filter(user_id=user_id, course_id=course_id)
        .latest("completed_at")
    )
    user, course = completion.user, completion.course
    send_mail(
        subject=f"You completed {course.title}!",
        message=(
            f"Well done, {user.get_username()}: you completed {course.title} "
            f"on {completion.completed_at:%Y-%m-%d}."
        ),
        from_email=None,
        recipient_list=[user.email],
    )
