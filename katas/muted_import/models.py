from django.db import models


class Member(models.Model):
    """A member of the club: signs up on the website, or arrives by the hundred in an import."""

    name = models.CharField(max_length=100)
    email = models.EmailField(unique=True)

    def __str__(self):
        return self.name


class MembershipCard(models.Model):
    """Every member needs a card, however they joined: a receiver issues it."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="card")

    def __str__(self):
        return f"Card of {self.member}"
