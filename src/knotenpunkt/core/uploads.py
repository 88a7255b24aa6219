"""Uploaded files: where private ones are stored, and checks for uploaded images (size,
declared type and the real content must all agree)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ALLOWED_IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}


def private_storage():
    """Files only served through a view that checks permissions (never under MEDIA_URL).
    A callable, so that migrations refer to it and tests may swap the storage."""
    return storages["private"]


def validate_image_upload(upload) -> None:
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; images may be at most %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValidationError(
            _("The file is not an image we can read. Please upload PNG, JPEG, WebP or GIF."),
            code="not_an_image",
        ) from exc
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(_("Images must be PNG, JPEG, WebP or GIF."), code="wrong_image_type")
