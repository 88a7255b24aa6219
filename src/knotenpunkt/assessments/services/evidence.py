"""Evidence files of indicators: checked (kind, size, content), stored in the private
storage, and removed from it once the row is gone."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from knotenpunkt.assessments.models import Evidence, Indicator
from knotenpunkt.core.audit import log_action
from knotenpunkt.core.uploads import check_upload_size, upload_limit

ZIP = (b"PK\x03\x04",)  # OOXML and OpenDocument files are zip archives
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # Word, Excel and PowerPoint before 2007
# What each allowed suffix must start with; None: text, which must hold no NUL byte.
SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".docx": ZIP,
    ".xlsx": ZIP,
    ".pptx": ZIP,
    ".odt": ZIP,
    ".ods": ZIP,
    ".odp": ZIP,
    ".doc": OLE,
    ".xls": OLE,
    ".ppt": OLE,
    ".csv": None,
}
ALLOWED_SUFFIXES = tuple(SIGNATURES)
MAX_TITLE = 200


def allowed_kinds_text() -> str:
    return _(
        "PDF, images (PNG, JPEG, GIF, WebP), office documents (Word, Excel, PowerPoint, "
        "OpenDocument) or CSV, at most %(size)s."
    ) % {"size": filesizeformat(upload_limit("document"))}


def check_evidence_file(upload) -> None:
    """Refuse a file of a kind we do not take, too large, or whose content is not what its
    name says (a renamed program, say)."""
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in SIGNATURES:
        raise ValidationError(
            _("Files of this kind cannot be evidence. Please upload %(kinds)s")
            % {"kinds": allowed_kinds_text()},
            code="wrong_type",
        )
    check_upload_size(upload, "document")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    expected = SIGNATURES[suffix]
    if expected is None:
        matches = b"\x00" not in head
    else:
        matches = head.startswith(expected)
        if suffix == ".webp":
            matches = matches and head[8:12] == b"WEBP"
    if not matches:
        raise ValidationError(
            _(
                "The file's content does not match its name (%(suffix)s). Please upload "
                "the original file."
            )
            % {"suffix": suffix},
            code="wrong_content",
        )


@transaction.atomic
def add_evidence(
    actor, indicator: Indicator, *, upload, title: str = "", description: str = ""
) -> Evidence:
    """Store an uploaded file as evidence of the indicator (its title: the file's name
    unless one is given)."""
    try:
        check_evidence_file(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    name = PurePath(upload.name).name
    title = (title or "").strip() or PurePath(name).stem
    if len(title) > MAX_TITLE:
        raise ValidationError(
            {"title": _("The title can be at most %(n)s characters long.") % {"n": MAX_TITLE}}
        )
    evidence = Evidence.objects.create(
        indicator=indicator,
        title=title,
        description=(description or "").strip(),
        file=upload,
        original_name=name[:255],
        size=upload.size,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log_action(
        actor,
        "assessments.evidence.added",
        evidence,
        indicator=indicator.name,
        assessment=str(indicator.assessment),
        file=evidence.original_name,
    )
    return evidence


@transaction.atomic
def delete_evidence(actor, evidence: Evidence) -> None:
    log_action(
        actor,
        "assessments.evidence.deleted",
        evidence,
        indicator=evidence.indicator.name,
        assessment=str(evidence.indicator.assessment),
        file=evidence.original_name,
    )
    name = evidence.file.name
    evidence.delete()
    delete_files_on_commit([name] if name else [])


def delete_files_on_commit(names) -> None:
    """Remove stored files once the rows pointing at them are gone for good."""
    names = list(names)
    if not names:
        return
    storage = Evidence._meta.get_field("file").storage

    def remove():
        for name in names:
            storage.delete(name)

    transaction.on_commit(remove)
