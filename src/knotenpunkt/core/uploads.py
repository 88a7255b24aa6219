"""Uploaded files: where private ones are stored, how large each kind may be, and checks
for uploaded images (size, declared type and the real content must all agree).

The size limits live here and nowhere else. `LimitedUploadHandler`, first in
FILE_UPLOAD_HANDLERS, refuses a request larger than the largest of them before a byte of
it is written to memory or disk; the refused file reaches the form as a `RefusedUpload`,
whose field then shows the limit, so the person keeps everything else they typed.
"""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ALLOWED_IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
MB = 1024 * 1024

# Per kind of upload: the setting that holds its limit, the default, and the message.
UPLOAD_KINDS = {
    "image": (
        "MAX_IMAGE_UPLOAD_BYTES",
        2 * MB,
        _("The file is %(size)s; images may be at most %(limit)s."),
    ),
    "document": (
        "MAX_DOCUMENT_UPLOAD_BYTES",
        20 * MB,
        _("The file is %(size)s; documents may be at most %(limit)s."),
    ),
    "import": (
        "IMPORT_MAX_UPLOAD_BYTES",
        10 * MB,
        _("The file is %(size)s; an import may be at most %(limit)s."),
    ),
    "bank_statement": (
        "MAX_BANK_STATEMENT_UPLOAD_BYTES",
        10 * MB,
        _("The file is %(size)s; a bank statement may be at most %(limit)s."),
    ),
}
# What a request may carry besides its files (form fields, multipart headers).
FORM_ALLOWANCE = 1 * MB


def upload_limit(kind: str) -> int:
    """The largest file of this kind (`image`, `document`, `import`, `bank_statement`)."""
    setting, default, _message = UPLOAD_KINDS[kind]
    return getattr(settings, setting, default)


def largest_upload() -> int:
    return max(upload_limit(kind) for kind in UPLOAD_KINDS)


def check_upload_size(upload, kind: str) -> None:
    """Refuse a file larger than its kind allows, naming both sizes."""
    limit = upload_limit(kind)
    if upload.size > limit:
        raise ValidationError(
            UPLOAD_KINDS[kind][2],
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )


class RefusedUpload(UploadedFile):
    """A file the upload handler did not accept: nothing of it was stored, and its size is
    that of the request. Every form field reads a file's name first; reading this one's
    raises the error that names the limit, so the field shows it whatever its kind."""

    def __init__(self, field_name, file_name, content_type, size):
        super().__init__(io.BytesIO(), file_name, content_type, size)
        self.field_name = field_name

    def _get_name(self):
        raise ValidationError(
            _("The file is larger than %(limit)s and was not accepted."),
            code="too_large",
            params={"limit": filesizeformat(largest_upload())},
        )

    def _set_name(self, name):
        self._refused_name = name

    name = property(_get_name, _set_name)

    def __bool__(self):
        # A widget re-rendering the form asks whether a file was given (it was).
        return True

    def __repr__(self):
        return f"<RefusedUpload: {self._refused_name!r} ({self.size} bytes)>"


class LimitedUploadHandler(FileUploadHandler):
    """Refuses files beyond the largest upload limit before the handlers after it write
    anything: a request declaring more bytes than allowed has all its files refused
    unread, and a file growing beyond the limit while streaming is cut off."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limit = largest_upload()
        self.request_too_large = content_length > self.limit + FORM_ALLOWANCE
        self.request_size = content_length

    def new_file(self, field_name, file_name, content_type, content_length, *args, **kwargs):
        super().new_file(field_name, file_name, content_type, content_length, *args, **kwargs)
        self.refused = self.request_too_large
        self.received = 0
        if self.refused:
            # The handlers after this one (memory, temporary file) never see the file.
            raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data, start):
        self.received = start + len(raw_data)
        if self.refused or self.received > self.limit:
            self.refused = True
            return None
        return raw_data

    def file_complete(self, file_size):
        if self.refused:
            size = max(self.request_size, self.received)
            return RefusedUpload(self.field_name, self.file_name, self.content_type, size)
        return None


def private_storage():
    """Files only served through a view that checks permissions (never under MEDIA_URL).
    A callable, so that migrations refer to it and tests may swap the storage."""
    return storages["private"]


def validate_image_upload(upload) -> None:
    check_upload_size(upload, "image")
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
