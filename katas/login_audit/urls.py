from django.urls import path

from . import views

urlpatterns = [
    path("sign-in/", views.sign_in, name="login_audit_sign_in"),
    path("sign-out/", views.sign_out, name="login_audit_sign_out"),
]
