from django.db import models


class Blog(models.Model):
    title = models.CharField(max_length=200)
    # Shorter than the title on purpose: a real database refuses a longer value.
    slug = models.SlugField(max_length=50, blank=True)

    def __str__(self):
        return self.title
