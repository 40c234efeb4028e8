"""A project's own SQLite backend: Django's, subclassed.

Its ENGINE is "tests.connection_setup.wrapped_sqlite".

Projects do this to count or time queries (monitoring libraries ship such wrappers), and
GeoDjango's SpatiaLite backend subclasses Django's SQLite backend the same way. Its
connections send connection_created with this class as the sender; their vendor is
still "sqlite".
"""

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    queries_run = 0

    def create_cursor(self, name=None):
        self.queries_run += 1
        return super().create_cursor(name)
