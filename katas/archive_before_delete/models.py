from django.db import models


class Client(models.Model):
    """A client of the agency. Deleting a client deletes its projects (and their tasks)."""

    name = models.CharField(max_length=100)

    def __str__(self):
        return self.name


class Project(models.Model):
    """Work done for a client. Deleting a project deletes its tasks."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="projects")
    name = models.CharField(max_length=100)

    def __str__(self):
        return self.name


class Task(models.Model):
    """One piece of a project's work."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(max_length=200)
    done = models.BooleanField(default=False)

    def __str__(self):
        return self.title


class ProjectArchive(models.Model):
    """What is kept of a deleted project: its name, its client, its tasks, and why it went.

    ``tasks`` is a list with one ``{"title": ..., "done": ...}`` per task of the project.
    """

    class Reason(models.TextChoices):
        DELETED = "deleted", "deleted on its own"
        CLIENT_DELETED = "client_deleted", "deleted with its client"

    project_id = models.BigIntegerField()
    name = models.CharField(max_length=100)
    client_name = models.CharField(max_length=100)
    tasks = models.JSONField(default=list)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    archived_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.name} ({self.get_reason_display()})"
