from django.db import models


class Customer(models.Model):
    """A customer of the shop: the domain report counts them by the domain of their email."""

    name = models.CharField(max_length=100)
    email = models.EmailField()

    def __str__(self):
        return self.name
