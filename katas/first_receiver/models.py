from django.db import models


class Guest(models.Model):
    """Someone who signs the guestbook."""

    name = models.CharField(max_length=100)

    def __str__(self):
        return self.name


class Speaker(models.Model):
    """Someone who gives a talk."""

    name = models.CharField(max_length=100)

    def __str__(self):
        return self.name


class Greeting(models.Model):
    """A welcome line shown on the event's screen, e.g. "Welcome, guest Ada!"."""

    text = models.CharField(max_length=200)

    def __str__(self):
        return self.text
