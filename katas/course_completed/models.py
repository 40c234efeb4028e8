from django.conf import settings
from django.db import models


class Course(models.Model):
    title = models.CharField(max_length=200)

    def __str__(self):
        return self.title


class Certificate(models.Model):
    """Proof that a user completed a course: at most one per user and course."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    course = models.ForeignKey(Course, on_delete=models.CASCADE)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_certificate_per_course")
        ]

    def __str__(self):
        return f"{self.user} completed {self.course}"
