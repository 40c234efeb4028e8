"""Project URLs: each kata that serves pages adds its own under its slug."""

from django.urls import include, path

urlpatterns: list = [
    path("request-logging/", include("katas.request_logging.urls")),
    path("login-audit/", include("katas.login_audit.urls")),
]
