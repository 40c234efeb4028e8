"""Mistake: take the caches away, so that nothing can go stale.

What is wrong: every upload now reads and normalises the settings again, for every file:
the cost the cache was there to save, on every request in production, to fix something
that only happens in tests. (And it patches a module it does not own.)
Why people write it: "no cache, no stale cache" is true, and the tests inside the
override pass at once.

Expected message: No receiver of kata settings_cache listens to setting_changed
"""

from . import uploads

# lru_cache keeps the undecorated function as __wrapped__.
uploads.allowed_upload_types = uploads.allowed_upload_types.__wrapped__
uploads.max_upload_bytes = uploads.max_upload_bytes.__wrapped__
