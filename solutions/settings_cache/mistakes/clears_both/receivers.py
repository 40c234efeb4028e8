"""Mistake: empty both caches when either upload setting changes.

What is wrong: a change of MAX_UPLOAD_MB throws the allowed types away too (and the
other way round), so the next upload computes a value whose setting did not change.
Harmless here, but the habit does not scale: a cache emptied for settings it does not
read is a cache that someone will one day find "strangely slow in tests".
Why people write it: one `if setting in {...}` with one block looks tidier than one
branch per cache.

Expected message: its cache was emptied although its setting did not change
"""

from django.core.signals import setting_changed
from django.dispatch import receiver

from . import uploads


@receiver(setting_changed, dispatch_uid="settings_cache.reset_upload_caches")
def reset_upload_caches(*, setting, **kwargs):
    if setting in {"ALLOWED_UPLOAD_TYPES", "MAX_UPLOAD_MB"}:
        uploads.allowed_upload_types.cache_clear()
        uploads.max_upload_bytes.cache_clear()
