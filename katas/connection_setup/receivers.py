"""Receivers: set up every new database connection, the way its vendor needs.

Read README.md beside this file for the story and the tasks.
"""

# TODO (task 1): write a receiver of connection_created (django.db.backends.signals)
#   that gives a new SQLite connection PostgreSQL's split_part(text, delimiter, n):
#   write it in Python (the n-th part of text, counted from 1; '' past the last part;
#   None when an argument is None) and register it on the connection the signal
#   passes: connection.connection.create_function("split_part", 3, your_function).
#
# TODO (task 2): every database (default and other), and a backend that subclasses
#   Django's SQLite backend: which sender does connection_created name, and which
#   attribute of the connection says it is SQLite?
#
# TODO (task 3): a new PostgreSQL connection gets SET statement_timeout = '30s';
#   nothing SQLite-only runs on PostgreSQL, and nothing PostgreSQL-only on SQLite.
