"""TODO (new kata): the reference solution of katas/settings_cache/receivers.py: it passes every test."""
