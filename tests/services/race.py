"""Two transactions on two real database connections, interleaved the unlucky way on purpose."""

import threading
import time

from django.db import connection, transaction

TIMEOUT = 10  # seconds; far more than any step here needs


def someone_waits_for_a_lock() -> bool:
    """Whether a session of this test database waits for a lock another one holds (PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def race(first, second):
    """Run ``first()`` and ``second()``, each in its own thread, connection and transaction.

    ``second`` starts once ``first`` has done its work while first's transaction is
    still open (its writes uncommitted, its row locks held); ``first`` commits once
    ``second`` has finished or waits for one of those locks. A busy site interleaves
    two requests like this now and then; here it happens every time.
    Returns the exceptions that ``first`` and ``second`` raised (None when none).
    """
    first_worked, commit_first, second_finished = (threading.Event() for _ in range(3))
    errors = {}

    def run(name, work, after):
        try:
            with transaction.atomic():
                work()
                after()
        except Exception as error:  # reported to the test, which says what it means
            errors[name] = error
        finally:
            first_worked.set()  # never leave the main thread waiting on a crashed first
            connection.close()  # this thread's own connection

    def hold_open():
        first_worked.set()
        commit_first.wait(TIMEOUT)

    one = threading.Thread(target=run, args=("first", first, hold_open))
    two = threading.Thread(target=run, args=("second", second, second_finished.set))
    one.start()
    first_worked.wait(TIMEOUT)
    two.start()
    deadline = time.monotonic() + TIMEOUT
    while not second_finished.is_set() and time.monotonic() < deadline:
        if not two.is_alive() or someone_waits_for_a_lock():
            break
        time.sleep(0.02)
    commit_first.set()
    one.join(TIMEOUT)
    two.join(TIMEOUT)
    return errors.get("first"), errors.get("second")
