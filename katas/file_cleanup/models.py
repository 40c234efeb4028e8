from django.db import models


class Course(models.Model):
    """A course with an optional thumbnail image kept in the default storage."""

    title = models.CharField(max_length=200)
    # Two courses may point at the same stored file (a copied course keeps its image).
    thumbnail = models.FileField(upload_to="thumbnails/", blank=True)

    def __str__(self):
        return self.title
