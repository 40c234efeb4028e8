from django.db import models


class Article(models.Model):
    """An article of the magazine; only published ones appear on the home page."""

    title = models.CharField(max_length=200)
    published = models.BooleanField(default=False)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title
