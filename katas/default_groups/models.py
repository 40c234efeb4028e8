from django.db import models


class Article(models.Model):
    """An article of the newsroom. Editors write and publish them; reviewers read them."""

    title = models.CharField(max_length=200)
    published = models.BooleanField(default=False)

    class Meta:
        # Django creates the four default permissions (add, change, delete, view)
        # plus this one, on post_migrate, for every model.
        permissions = [("publish_article", "Can publish articles")]

    def __str__(self):
        return self.title
