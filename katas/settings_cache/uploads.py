"""Given: what users may upload, computed from the settings once. Read it, do not change it.

Every file of every upload is checked against these two values, so each is computed
the first time it is needed and then kept (functools.cache: an lru_cache with no size
limit, with the same cache_clear()). The project may set ALLOWED_UPLOAD_TYPES (content
types) and MAX_UPLOAD_MB; the defaults below apply otherwise. Each computation logs one
INFO record, so you can count them.
"""

import functools
import logging

from django.conf import settings
from django.core.exceptions import ValidationError

logger = logging.getLogger(__name__)

DEFAULT_UPLOAD_TYPES = ["image/png", "image/jpeg"]
DEFAULT_MAX_UPLOAD_MB = 5


@functools.cache
def allowed_upload_types() -> frozenset[str]:
    """The content types users may upload: settings.ALLOWED_UPLOAD_TYPES, lower-cased."""
    configured = getattr(settings, "ALLOWED_UPLOAD_TYPES", DEFAULT_UPLOAD_TYPES)
    types = frozenset(name.strip().lower() for name in configured)
    logger.info("Computed the allowed upload types: %s", ", ".join(sorted(types)))
    return types


@functools.cache
def max_upload_bytes() -> int:
    """The largest file users may upload, in bytes: settings.MAX_UPLOAD_MB."""
    megabytes = getattr(settings, "MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)
    logger.info("Computed the upload size limit: %s MB", megabytes)
    return int(megabytes * 1024 * 1024)


def validate_upload(upload):
    """Raise ValidationError unless ``upload`` (an UploadedFile) may be stored."""
    if upload.content_type.lower() not in allowed_upload_types():
        raise ValidationError(f"Files of type {upload.content_type} are not allowed.", code="type")
    if upload.size > max_upload_bytes():
        raise ValidationError(f"{upload.name} is larger than the limit.", code="size")
