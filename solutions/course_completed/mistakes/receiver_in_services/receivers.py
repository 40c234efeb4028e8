"""Receivers: none here; see services.py."""
