"""The dojo page's URLs (its own URLconf: the kata tests' katas.urls is not touched)."""

from django.urls import path, re_path

from katas.dojo.web import views

urlpatterns = [
    path("", views.page, name="dojo"),
    path("state", views.state, name="dojo-state"),
    path("act/<str:action>", views.act, name="dojo-act"),
    path("readme/<slug:slug>", views.readme, name="dojo-readme"),
    re_path(r"^static/(?P<path>.+)$", views.static, name="dojo-static"),
]
