"""Empty each cached upload setting when override_settings changes its setting.

override_settings (and pytest-django's `settings` fixture, and TestCase.settings())
sends setting_changed when its block starts, with enter=True, and again when it ends,
with enter=False, once the old settings are back. Emptying the cache both times makes
the next read compute from whatever the settings are then. Django's own caches do the
same: see reset_hashers() in django/contrib/auth/hashers.py, or django/test/signals.py.
"""

from django.core.signals import setting_changed
from django.dispatch import receiver

from . import uploads


# No sender: it is the class of the settings object in place (UserSettingsHolder under
# an override), nothing to filter on. Every setting change of every test comes here,
# so the check is cheap and empties only the cache of the setting that changed.
@receiver(setting_changed, dispatch_uid="settings_cache.reset_upload_caches")
def reset_upload_caches(*, setting, **kwargs):
    """Forget the cached value computed from ``setting``, if any: the next read recomputes it."""
    if setting == "ALLOWED_UPLOAD_TYPES":
        uploads.allowed_upload_types.cache_clear()
    elif setting == "MAX_UPLOAD_MB":
        uploads.max_upload_bytes.cache_clear()
