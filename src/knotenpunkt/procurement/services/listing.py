"""The listing workflow: a provider drafts an offering, cluster staff review and publish it.

Every change a buyer could rely on happens in a new version: the published version is
never edited, so quote requests and orders keep pointing at what was listed when the
buyer decided. The completeness checklist is the shared language of provider and
reviewer: "missing" items block the submission, "check" items are for the reviewer's
plausibility review.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.core.generations import Generation
from knotenpunkt.directory.models import Organisation
from knotenpunkt.directory.services.organisations import contact_addresses, staff_addresses
from knotenpunkt.outbox.services import queue_mail
from knotenpunkt.procurement.models.catalogue import Offering, OfferingDocument, OfferingVersion
from knotenpunkt.procurement.validators import validate_leika_keys

# What the catalogue lists changes when a version is published or an offering withdrawn
# (published versions are never edited); answers that list it are cached under this
# generation (the API's public list, knotenpunkt.api.answer_cache).
CATALOGUE = Generation("procurement:catalogue:generation")

Status = OfferingVersion.Status

# The fields a provider edits; copied into a new version and compared in the review.
VERSION_FIELDS = [
    "name",
    "summary",
    "description",
    "kind",
    "category",
    "procurement_category",
    "deployment",
    "hosting",
    "hosting_details",
    "price_model",
    "price_amount",
    "price_note",
    "reference_customers",
    "leika_keys",
    "open_source_licence",
    "opencode_url",
    "accessibility",
    "accessibility_statement_url",
    "c5",
    "iso27001",
    "avv_available",
    "evb_it",
]
M2M_FIELDS = ["themenfelder", "interfaces"]
REQUIRED_FIELDS = [
    "name",
    "summary",
    "description",
    "kind",
    "category",
    "deployment",
    "hosting",
    "price_model",
]
# Below this a buyer cannot tell what the offering does and for whom.
MIN_DESCRIPTION_LENGTH = 150
CERTIFICATE_KINDS = (
    OfferingDocument.Kind.ISO27001,
    OfferingDocument.Kind.C5,
    OfferingDocument.Kind.CERTIFICATE,
)
EU_HOSTING = (OfferingVersion.Hosting.GERMANY, OfferingVersion.Hosting.EU)


@dataclass(frozen=True)
class Issue:
    """One item of the completeness checklist; `field` names the form field to fix."""

    MISSING = "missing"
    CHECK = "check"

    field: str
    message: str
    severity: str

    @property
    def blocks_submission(self) -> bool:
        return self.severity == self.MISSING


# --- drafting ---


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200].strip("-") or "offering"
    slug, suffix = base, 2
    while Offering.objects.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug


def _apply(version: OfferingVersion, fields: dict) -> dict:
    """Set the scalar fields on `version`, return the m2m values to set after saving."""
    m2m = {}
    for name, value in fields.items():
        if name in M2M_FIELDS:
            m2m[name] = list(value or [])
        elif name in VERSION_FIELDS:
            setattr(version, name, value if value is not None or name == "price_amount" else "")
        else:
            raise TypeError(f"{name!r} is not a field a provider edits")
    return m2m


def _validate(version: OfferingVersion) -> None:
    """Check what is entered (formats, choices, LeiKa keys); empty fields are allowed in
    a draft, the checklist reports them."""
    empty = [
        f.name
        for f in version._meta.concrete_fields
        if f.name not in VERSION_FIELDS or getattr(version, f.attname) in (None, "")
    ]
    version.clean_fields(exclude=empty)
    if version.price_amount is not None and version.price_amount < 0:
        raise ValidationError({"price_amount": _("A price cannot be negative.")})


def start_offering(actor, provider: Organisation, *, via: str = "", **fields) -> OfferingVersion:
    """Create an offering of `provider` with version 1 as a draft (`via`: the API token it
    came through, named in the audit entry)."""
    with transaction.atomic():
        offering = Offering.objects.create(
            provider=provider, slug=_unique_slug(fields.get("name") or "")
        )
        version = OfferingVersion(
            offering=offering,
            number=1,
            status=Status.DRAFT,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        m2m = _apply(version, fields)
        _validate(version)
        version.save()
        for name, values in m2m.items():
            getattr(version, name).set(values)
        log_action(actor, "procurement.offering.drafted", offering, version=1, **_via(via))
    return version


def _via(via: str) -> dict:
    return {"via": via} if via else {}


def update_draft(actor, version: OfferingVersion, *, via: str = "", **fields) -> OfferingVersion:
    """Change a version that is still a draft or was sent back for changes (`via`: the API
    token it came through)."""
    with transaction.atomic():
        # The status is read under the lock: a submission racing this edit wins cleanly.
        current = OfferingVersion.objects.select_for_update().get(pk=version.pk)
        if not current.is_editable:
            raise ValidationError(
                _("This version has the status “%(status)s” and can no longer be changed.")
                % {"status": current.get_status_display()}
            )
        version.status = current.status
        m2m = _apply(version, fields)
        _validate(version)
        version.save(update_fields=[*(n for n in fields if n in VERSION_FIELDS), "updated_at"])
        for name, values in m2m.items():
            getattr(version, name).set(values)
        log_action(
            actor,
            "procurement.offering.draft_changed",
            version.offering,
            version=version.number,
            **_via(via),
        )
    return version


def new_version(actor, offering: Offering) -> OfferingVersion:
    """The working version of `offering`: the existing one, or a draft copy of the
    published version (fields, Themenfelder, interfaces, documents) with the next number."""
    with transaction.atomic():
        Offering.objects.select_for_update(of=("self",)).get(pk=offering.pk)
        working = offering.working_version()
        if working is not None:
            return working
        source = offering.versions.filter(pk=offering.published_id).first()
        if source is None:
            source = offering.versions.order_by("-number").first()
        if source is None:
            raise ValidationError(_("This offering has no version to start from."))
        last = offering.versions.order_by("-number").values_list("number", flat=True).first()
        version = OfferingVersion(
            offering=offering,
            number=last + 1,
            status=Status.DRAFT,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            **{name: getattr(source, name) for name in VERSION_FIELDS},
        )
        version.save()
        version.themenfelder.set(source.themenfelder.all())
        version.interfaces.set(source.interfaces.all())
        # The copies point at the same stored files: nothing is uploaded twice, and the
        # published version keeps its files whatever the draft deletes.
        OfferingDocument.objects.bulk_create(
            OfferingDocument(
                version=version,
                kind=d.kind,
                title=d.title,
                file=d.file.name,
                issuer=d.issuer,
                valid_until=d.valid_until,
            )
            for d in source.documents.all()
        )
    return version


# --- the checklist ---


def completeness(version: OfferingVersion, *, today: datetime.date | None = None) -> list[Issue]:
    """What is missing (blocks the submission) and what the reviewer should check."""
    today = today or timezone.localdate()
    V = OfferingVersion
    issues: list[Issue] = []

    def missing(field, message):
        issues.append(Issue(field, message, Issue.MISSING))

    def check(field, message):
        issues.append(Issue(field, message, Issue.CHECK))

    for name in REQUIRED_FIELDS:
        if getattr(version, name) in (None, ""):
            label = V._meta.get_field(name).verbose_name
            missing(name, _("%(field)s is missing.") % {"field": str(label).capitalize()})
    if version.description and len(version.description.strip()) < MIN_DESCRIPTION_LENGTH:
        missing(
            "description",
            _(
                "The description is too short (%(length)s of at least %(minimum)s characters): "
                "say what the offering does and for whom."
            )
            % {"length": len(version.description.strip()), "minimum": MIN_DESCRIPTION_LENGTH},
        )
    if version.price_model and version.price_amount is None and not version.price_note.strip():
        missing(
            "price_amount",
            _("Give a price or a price note (e.g. what the price depends on)."),
        )

    documents = list(version.documents.all()) if version.pk else []
    if version.iso27001 and OfferingDocument.Kind.ISO27001 not in {d.kind for d in documents}:
        missing("documents", _("ISO 27001 is claimed, but no ISO 27001 certificate is attached."))
    if version.c5 and OfferingDocument.Kind.C5 not in {d.kind for d in documents}:
        missing("documents", _("BSI C5 is claimed, but no C5 attestation is attached."))
    for document in documents:
        if document.kind not in CERTIFICATE_KINDS:
            continue
        if document.valid_until is None:
            missing(
                "documents",
                _("The certificate “%(title)s” has no expiry date.") % {"title": document.title},
            )
        elif document.is_expired(today):
            missing(
                "documents",
                _("The certificate “%(title)s” expired on %(date)s.")
                % {"title": document.title, "date": formats.date_format(document.valid_until)},
            )
    if (
        version.accessibility in (V.Accessibility.FULL, V.Accessibility.PARTIAL)
        and not version.accessibility_statement_url
    ):
        missing(
            "accessibility_statement_url",
            _("Conformance with BITV 2.0 is claimed: link the accessibility statement."),
        )
    if version.open_source_licence and not version.opencode_url:
        missing(
            "opencode_url",
            _("An open-source licence is given: link the project on openCode (opencode.de)."),
        )
    if version.opencode_url and not _on_opencode(version.opencode_url):
        missing("opencode_url", _("The openCode listing must be an address on opencode.de."))
    if version.deployment in (V.Deployment.SAAS, V.Deployment.HYBRID) and version.hosting in (
        "",
        V.Hosting.NOT_APPLICABLE,
        V.Hosting.CUSTOMER,
    ):
        missing("hosting", _("Software as a service needs a hosting location."))
    if version.hosting == V.Hosting.OUTSIDE_EU and version.avv_available:
        check(
            "hosting",
            _(
                "Hosted outside the EU/EEA with a data-processing agreement: check the "
                "basis for the transfer (Art. 44 ff. GDPR)."
            ),
        )
    themenfelder = list(version.themenfelder.all()) if version.pk else []
    if version.category == V.OfferingCategory.ONLINE_SERVICES and not themenfelder:
        missing("themenfelder", _("Online services need at least one OZG Themenfeld."))
    if version.leika_keys.strip():
        try:
            validate_leika_keys(version.leika_keys)
        except ValidationError as error:
            for message in error.messages:
                missing("leika_keys", message)
        if not themenfelder:
            missing("themenfelder", _("LeiKa keys are given: choose their OZG Themenfelder."))
    if not any(d.kind == OfferingDocument.Kind.DATA_SHEET for d in documents):
        check("documents", _("No data sheet is attached."))
    return issues


def missing_items(version: OfferingVersion) -> list[Issue]:
    return [i for i in completeness(version) if i.blocks_submission]


def _on_opencode(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host == "opencode.de" or host.endswith(".opencode.de")


# --- review ---


def _lock_version(version: OfferingVersion) -> OfferingVersion:
    return (
        OfferingVersion.objects.select_for_update(of=("self",))
        .select_related("offering__provider")
        .get(pk=version.pk)
    )


def _refresh(target: OfferingVersion, source: OfferingVersion) -> None:
    for name in ("status", "submitted_at", "reviewed_by_id", "review_note", "published_at"):
        setattr(target, name, getattr(source, name))
    target.search_document = source.search_document


def submit(actor, version: OfferingVersion, *, via: str = "") -> OfferingVersion:
    """Send a draft to the cluster staff for review; refused while items are missing."""
    with transaction.atomic():
        locked = _lock_version(version)
        if not locked.is_editable:
            raise ValidationError(_("Only a draft can be submitted for review."))
        blocking = missing_items(locked)
        if blocking:
            raise ValidationError([issue.message for issue in blocking])
        locked.status = Status.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["status", "submitted_at", "updated_at"])
        log_action(
            actor,
            "procurement.offering.submitted",
            locked.offering,
            version=locked.number,
            **_via(via),
        )
        for address in staff_addresses(locked.offering.provider):
            queue_mail("procurement_offering_submitted", address, {"version": locked})
    _refresh(version, locked)
    return version


def request_changes(actor, version: OfferingVersion, note: str) -> OfferingVersion:
    """Send a submitted version back to the provider with the reviewer's note."""
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Say what the provider should change."))
    with transaction.atomic():
        locked = _lock_version(version)
        if locked.status != Status.SUBMITTED:
            raise ValidationError(_("Only a version waiting for review can be sent back."))
        locked.status = Status.CHANGES_REQUESTED
        locked.review_note = note
        locked.reviewed_by = actor
        locked.save(update_fields=["status", "review_note", "reviewed_by", "updated_at"])
        log_action(
            actor, "procurement.offering.changes_requested", locked.offering, version=locked.number
        )
        for address in contact_addresses(locked.offering.provider):
            queue_mail(
                "procurement_offering_changes_requested", address, {"version": locked, "note": note}
            )
    _refresh(version, locked)
    return version


def publish(actor, version: OfferingVersion) -> OfferingVersion:
    """Make a submitted version the one buyers see; the previous one is kept, superseded."""
    with transaction.atomic():
        # One lock on the offering serialises reviewers: two versions can never both end
        # up published, nor the pointer disagree with the statuses.
        offering = Offering.objects.select_for_update(of=("self",)).get(pk=version.offering_id)
        locked = _lock_version(version)
        if locked.status != Status.SUBMITTED:
            raise ValidationError(_("Only a version waiting for review can be published."))
        blocking = missing_items(locked)
        if blocking:
            raise ValidationError([issue.message for issue in blocking])
        OfferingVersion.objects.filter(offering=offering, status=Status.PUBLISHED).exclude(
            pk=locked.pk
        ).update(status=Status.SUPERSEDED)
        now = timezone.now()
        locked.status = Status.PUBLISHED
        locked.reviewed_by = actor
        locked.published_at = now
        locked.search_document = search_text(locked)
        locked.save(
            update_fields=["status", "reviewed_by", "published_at", "search_document", "updated_at"]
        )
        refresh_search_vectors(OfferingVersion.objects.filter(pk=locked.pk))
        offering.published = locked
        offering.withdrawn_at = None
        offering.save(update_fields=["published", "withdrawn_at"])
        log_action(actor, "procurement.offering.published", offering, version=locked.number)
        CATALOGUE.changed()
        for address in contact_addresses(offering.provider):
            queue_mail("procurement_offering_published", address, {"version": locked})
    _refresh(version, locked)
    version.offering.published = locked
    version.offering.withdrawn_at = None
    return version


def withdraw(actor, offering: Offering, reason: str = "") -> Offering:
    """Take an offering out of the catalogue; its published versions stay stored."""
    with transaction.atomic():
        locked = Offering.objects.select_for_update(of=("self",)).get(pk=offering.pk)
        if locked.withdrawn_at is None:
            locked.withdrawn_at = timezone.now()
            locked.save(update_fields=["withdrawn_at"])
            log_action(
                actor, "procurement.offering.withdrawn", locked, reason=(reason or "").strip()
            )
            CATALOGUE.changed()
    offering.withdrawn_at = locked.withdrawn_at
    return offering


def refresh_search_vectors(versions) -> None:
    """Store the German tsvector of each version's search document (PostgreSQL only;
    SQLite searches the document itself)."""
    if connection.vendor == "postgresql":
        versions.update(search_vector=SearchVector("search_document", config="german"))


def search_text(version: OfferingVersion) -> str:
    """The words the catalogue search matches, in German and English where labels exist.

    Lower-cased here because SQLite's LIKE folds ASCII only: "Ämter" then still finds
    "ämter" there; PostgreSQL's German configuration lower-cases anyway."""
    parts = [version.name, version.summary, version.description]
    for language in ("de", "en"):
        with translation.override(language):
            parts.append(str(version.get_category_display()))
    parts += [i.name for i in version.interfaces.all()]
    for themenfeld in version.themenfelder.all():
        parts += [themenfeld.label_de, themenfeld.label_en]
    parts += version.leika_key_list()
    parts.append(version.offering.provider.name)
    parts.append(version.open_source_licence)
    return "\n".join(p for p in parts if p).lower()


def changes_against_published(version: OfferingVersion) -> list[tuple[str, str, str]]:
    """(field label, published value, this version's value) for every changed field."""
    published = version.offering.published
    if published is None or published.pk == version.pk:
        return []
    rows = []
    for name in VERSION_FIELDS + M2M_FIELDS:
        old, new = _display(published, name), _display(version, name)
        if old != new:
            label = str(OfferingVersion._meta.get_field(name).verbose_name)
            rows.append((label[:1].upper() + label[1:], old, new))
    old_docs, new_docs = _documents_display(published), _documents_display(version)
    if old_docs != new_docs:
        rows.append((_("Documents"), old_docs, new_docs))
    return rows


def _display(version: OfferingVersion, name: str) -> str:
    field = OfferingVersion._meta.get_field(name)
    if field.many_to_many:
        return ", ".join(sorted(str(o) for o in getattr(version, name).all()))
    if field.choices:
        return str(getattr(version, f"get_{name}_display")())
    value = getattr(version, name)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return "" if value is None else str(value)


def _documents_display(version: OfferingVersion) -> str:
    return "; ".join(
        f"{d.get_kind_display()}: {d.title}"
        + (f" ({formats.date_format(d.valid_until)})" if d.valid_until else "")
        for d in version.documents.all()
    )


# --- who hears about it ---
