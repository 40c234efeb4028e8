"""Fixtures of the connection_setup kata."""

import pytest
from django.db.backends.signals import connection_created

from katas.harness.isolation import owner


@pytest.fixture(scope="session", autouse=True)
def _no_kata_receiver_when_the_test_databases_go(django_db_setup):
    """Take this kata's connection_created receivers off before the test databases are dropped.

    On PostgreSQL, Django drops the test database through a new connection to the
    'postgres' database, which sends connection_created. A receiver still failing on
    PostgreSQL (the kata's task 3) would stop the drop and leave the database behind.
    This fixture needs django_db_setup, so its teardown runs before that one.
    """
    yield
    with connection_created.lock:
        connection_created.receivers = [
            entry for entry in connection_created.receivers if owner(entry) != "connection_setup"
        ]
        connection_created.sender_receivers_cache.clear()
