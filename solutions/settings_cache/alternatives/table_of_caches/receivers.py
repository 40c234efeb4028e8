"""Alternative: a table from each setting to the cached function that reads it.

The table says in one place which cache depends on which setting; the receiver, connected
with Signal.connect() rather than @receiver, looks the setting up and empties that cache
only. A setting that is not in the table costs one dictionary lookup.
"""

from django.core.signals import setting_changed

from . import uploads

CACHED_BY_SETTING = {
    "ALLOWED_UPLOAD_TYPES": uploads.allowed_upload_types,
    "MAX_UPLOAD_MB": uploads.max_upload_bytes,
}


def forget_cached_setting(sender, setting, **kwargs):
    cached = CACHED_BY_SETTING.get(setting)
    if cached is not None:
        cached.cache_clear()


setting_changed.connect(forget_cached_setting, dispatch_uid="settings_cache.forget_cached_setting")
