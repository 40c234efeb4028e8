"""No receivers for Order, on purpose.

Validation lives in validation.py (called by Order.clean(), so forms and the admin
show errors on the right field) and the total in services.py (called explicitly,
correct for bulk paths too). Signals are for decoupled side effects:
notifications, cache invalidation, other apps reacting. Not for the rules that
make an order an order.
"""
