"""Project URLs: each kata that serves pages adds its own under its slug."""

urlpatterns: list = []
