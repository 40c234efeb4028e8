"""Alternative: one receiver per cache, as django/test/signals.py writes them.

Each receiver owns one cache and checks one setting: adding a third cached value is
adding a third receiver, without touching the others.
"""

from django.core.signals import setting_changed
from django.dispatch import receiver

from . import uploads


@receiver(setting_changed, dispatch_uid="settings_cache.reset_allowed_upload_types")
def reset_allowed_upload_types(*, setting, **kwargs):
    if setting == "ALLOWED_UPLOAD_TYPES":
        uploads.allowed_upload_types.cache_clear()


@receiver(setting_changed, dispatch_uid="settings_cache.reset_max_upload_bytes")
def reset_max_upload_bytes(*, setting, **kwargs):
    if setting == "MAX_UPLOAD_MB":
        uploads.max_upload_bytes.cache_clear()
