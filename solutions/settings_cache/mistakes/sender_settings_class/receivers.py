"""Mistake: connect the receiver for one sender, the Settings class.

What is wrong: override_settings sends setting_changed with the class of the settings
object in place after the change: UserSettingsHolder when a block starts (the override
itself), Settings only when the outermost block ends. Filtered on Settings, the receiver
never hears an override start, and the value inside the block is stale.
Why people write it: model signals are connected with sender=, so it looks like good
practice here too, and Settings is what django.conf.settings wraps.

Expected message: connected for one sender only
"""

from django.conf import Settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from . import uploads


@receiver(setting_changed, sender=Settings, dispatch_uid="settings_cache.reset_upload_caches")
def reset_upload_caches(*, setting, **kwargs):
    if setting == "ALLOWED_UPLOAD_TYPES":
        uploads.allowed_upload_types.cache_clear()
    elif setting == "MAX_UPLOAD_MB":
        uploads.max_upload_bytes.cache_clear()
