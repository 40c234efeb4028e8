"""Maintainers' tests on real services: PostgreSQL (DATABASE_URL) and a real Celery broker
(CELERY_BROKER_URL), both from `.ci/services`. A learner's plain `pytest` never collects
them (see katas.harness.plugin); run them with `pytest tests/services --solutions`.

A test marked `postgres` or `celery_worker` FAILS, with what to do, when its service is
missing: a run that asked for these tests must never pass by skipping them."""

import pytest
from django.db import connection as database

from katas.celery import app as celery_app
from katas.harness.stale_databases import drop_stale

START = (
    'Start them with `eval "$(.ci/services start)"` (Debian packages postgresql and '
    "redis-server), or run the whole command under `.ci/with-services`; README, "
    '"Real services".'
)


@pytest.fixture(scope="session", autouse=True)
def _drop_stale_test_databases():
    """Before this run makes its test database: drop those that killed runs left behind."""
    if database.vendor == "postgresql":
        dropped = drop_stale()
        if dropped:
            print(f"\nDropped the test databases of runs that were killed: {', '.join(dropped)}")


@pytest.fixture(autouse=True)
def _needs_real_services(request):
    if request.node.get_closest_marker("postgres") and database.vendor != "postgresql":
        pytest.fail(
            f"This test needs PostgreSQL; the database is {database.vendor}. Set "
            f"DATABASE_URL=postgres://... {START}",
            pytrace=False,
        )
    if request.node.get_closest_marker("celery_worker"):
        _needs_a_real_broker()


def _needs_a_real_broker():
    broker = celery_app.conf.broker_url or ""
    if broker.startswith("memory"):
        pytest.fail(
            f"This test needs a real Celery broker; CELERY_BROKER_URL is {broker!r}. Set "
            f"CELERY_BROKER_URL=redis://... {START}",
            pytrace=False,
        )
    problem = None
    try:  # once, not Celery's default of retrying for minutes
        with celery_app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1)
    except Exception as error:  # kombu raises the transport's own errors
        problem = f"{type(error).__name__}: {error}"
    if problem:
        pytest.fail(
            f"The Celery broker {broker} does not answer ({problem}). {START}", pytrace=False
        )
