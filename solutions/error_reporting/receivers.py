"""TODO (new kata): the reference solution of katas/error_reporting/receivers.py: it passes every test."""
