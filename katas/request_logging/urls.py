from django.urls import path

from . import views

urlpatterns = [
    path("hello/", views.hello, name="request_logging_hello"),
    path("boom/", views.boom, name="request_logging_boom"),
]
