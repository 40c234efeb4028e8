from django.urls import path

from . import views

urlpatterns = [
    path("orders/<int:number>/", views.order, name="error_reporting_order"),
    path("checkout/", views.checkout, name="error_reporting_checkout"),
    path("sign-up/", views.sign_up, name="error_reporting_sign_up"),
    path("feed/", views.feed, name="error_reporting_feed"),
    path("staff/", views.staff, name="error_reporting_staff"),
    path("search/", views.search, name="error_reporting_search"),
    path("invoices/", views.invoice, name="error_reporting_invoice"),
    path("parcel/", views.parcel, name="error_reporting_parcel"),
]
