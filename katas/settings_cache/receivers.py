"""Receivers: keep the cached upload settings (uploads.py) in step with override_settings.

Read README.md beside this file for the story and the tasks.
"""

# TODO (task 1): write a receiver of django.core.signals.setting_changed that empties
#   the cache of uploads.allowed_upload_types (its cache_clear()) when ALLOWED_UPLOAD_TYPES
#   changes, and that of uploads.max_upload_bytes when MAX_UPLOAD_MB changes. Connect it
#   here, at the top of the module: apps.py imports this module in ready().
#
# TODO (task 2): override_settings sends the signal twice: when the block starts
#   (enter=True) and when it ends (enter=False). The old value must come back too.
#
# TODO (task 3): empty one cache for its own setting only: any other setting that changes
#   (DEBUG, LANGUAGE_CODE, ...) leaves both caches as they are. django/test/signals.py in
#   Django's source has a receiver per cache written this way: read one.
