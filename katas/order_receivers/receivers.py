"""Receivers: two actions when an order is placed.

Read README.md beside this file for the story and the tasks.
"""

# TODO (task 1): write two receivers of `post_save` for Order, one job each:
#   - one that takes the order's quantity off its product's stock (name it for that,
#     e.g. `update_stock`);
#   - one that emails the customer a confirmation (e.g. `send_order_email`), with
#     django.core.mail.send_mail.
#
# TODO (task 2): only a new order counts; saving an existing order again does nothing.
#
# TODO (task 3): two orders placed at once, from stale Product objects, must both
#   count: let the database do the subtraction (an F() expression).
#
# TODO (task 4): a test calls each receiver alone: one job each, none relying on another.
#
# TODO (task 5): send the email only once the order's transaction commits.
#
# TODO (task 6): work on the database the order was saved to (post_save's `using`).
