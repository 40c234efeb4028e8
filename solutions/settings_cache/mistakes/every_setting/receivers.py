"""Mistake: empty both caches whenever any setting changes.

What is wrong: setting_changed is sent for every setting every override touches: DEBUG,
LANGUAGE_CODE, MEDIA_ROOT, in a big test suite thousands of times. Each one throws both
values away and the next upload computes them again; the cache no longer caches.
Why people write it: it is the shortest receiver that makes the stale value go away,
and nothing looks wrong until someone counts.

Expected message: check `setting` and empty a cache only for its own
"""

from django.core.signals import setting_changed
from django.dispatch import receiver

from . import uploads


@receiver(setting_changed, dispatch_uid="settings_cache.reset_upload_caches")
def reset_upload_caches(**kwargs):
    uploads.allowed_upload_types.cache_clear()
    uploads.max_upload_bytes.cache_clear()
