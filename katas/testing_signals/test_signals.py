"""Your tests of the shop's signals. In this kata you write tests, not code.

Read README.md beside this file for the story and the tasks. The kata runs these tests
against the shop as given (every test must pass) and against broken versions of it
(each must make at least one of your tests fail). Mark each test with its task,
@pytest.mark.task(N): a test without one counts for no task.

`python -m katas run testing_signals` judges them; `pytest katas/testing_signals/test_signals.py`
runs them alone, against the shop as given. Never import receivers.py here.
"""

import pytest

pytestmark = pytest.mark.django_db

# TODO (task 1): test that place_order() sends order_placed exactly once, with
#   sender=Order and the order it saved. Connect a receiver of your own for the test
#   (and disconnect it when the test ends, even when it fails), or patch the signal's
#   send with mock.patch.object (wraps= keeps the real receivers running).
#   from katas.testing_signals.models import Order
#   from katas.testing_signals.services import place_order
#   from katas.testing_signals.signals import order_placed
#
# TODO (task 2): test that the customer's confirmation is connected at startup: send
#   order_placed yourself, with sender=Order, as any code may, and expect the email.
#   Never import receivers.py: an import of yours must not be what connects it.
#   from katas.testing_signals.factories import OrderFactory
#
# TODO (task 3): test that no email leaves before the order's transaction commits, and
#   that the confirmation leaves once it does. pytest-django's fixture
#   django_capture_on_commit_callbacks collects the on_commit callbacks: look at the
#   outbox (the mailoutbox fixture) before you run them, and after.
#
# TODO (task 4): test that orders built with OrderFactory email nobody, even once their
#   transaction commits, and that an order placed after them still reaches the
#   warehouse (katas.testing_signals.emails.WAREHOUSE).
