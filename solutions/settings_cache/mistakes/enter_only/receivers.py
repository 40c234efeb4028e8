"""Mistake: empty the cache only when an override starts (enter=True).

What is wrong: when the block ends, override_settings puts the old settings back and
sends setting_changed again, with enter=False. Ignored, the cache keeps the value the
block computed, and every later test sees the override's types: a test passes or fails
depending on which test ran before it.
Why people write it: "the setting changed" reads like the start of the override, and
the first test written (the one inside the block) passes.

Expected message: with enter=False: empty the cache then too
"""

from django.core.signals import setting_changed
from django.dispatch import receiver

from . import uploads


@receiver(setting_changed, dispatch_uid="settings_cache.reset_upload_caches")
def reset_upload_caches(*, setting, enter, **kwargs):
    if not enter:
        return
    if setting == "ALLOWED_UPLOAD_TYPES":
        uploads.allowed_upload_types.cache_clear()
    elif setting == "MAX_UPLOAD_MB":
        uploads.max_upload_bytes.cache_clear()
