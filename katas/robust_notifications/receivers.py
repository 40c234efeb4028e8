"""Receivers: what happens when an order is paid, and the ledger's record of the payment.

Read README.md beside this file for the story and the tasks. The signals are given
in signals.py, the SMS gateway in gateways.py.
"""

# TODO (task 1): write three receivers of `order_paid`, one job each:
#   - email the receipt to order.email (django.core.mail.send_mail), naming order.number,
#   - create the order's Shipment,
#   - text order.phone through `sms_gateway.send(to, text)`, naming order.number.
#   Useful imports:
#     from django.core.mail import send_mail
#     from django.dispatch import receiver
#     from .gateways import sms_gateway
#     from .models import Order, Payment, Shipment
#     from .signals import order_paid, payment_received
#
# TODO (task 4): write the ledger's receiver of `payment_received`: it records the
#   Payment (order, amount, reference). If it cannot, its error must reach the caller.
