"""Publishing commitments in versions, and signing them for an organisation.

A version is drafted, then published; once published its text never changes, since
organisations signed exactly that text. A new version asks every signatory to sign again:
until they do, they have "signed an earlier version" (their signature stays valid).
Withdrawing ends all of an organisation's signatures under the commitment.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.commitments.models import Commitment, CommitmentVersion, Signature
from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Cluster, Membership, Organisation, Position

CURRENT, EARLIER = "current", "earlier"


def published_commitments(cluster: Cluster | None = None):
    """Commitments with at least one published version (what the public may see)."""
    commitments = Commitment.objects.filter(versions__published_at__isnull=False).distinct()
    if cluster is not None:
        commitments = commitments.filter(cluster=cluster)
    return commitments.select_related("cluster").order_by("cluster__name", "title")


def current_version(commitment: Commitment) -> CommitmentVersion | None:
    return commitment.versions.filter(published_at__isnull=False).order_by("-number").first()


def draft_of(commitment: Commitment) -> CommitmentVersion | None:
    return commitment.versions.filter(published_at__isnull=True).first()


def is_member(organisation: Organisation, cluster: Cluster) -> bool:
    return Membership.objects.in_force().filter(organisation=organisation, cluster=cluster).exists()


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# --- the cluster management ---------------------------------------------------------------


@transaction.atomic
def create_commitment(
    user, cluster: Cluster, *, title: str, slug: str, summary: str = "", text: str
) -> Commitment:
    """A new commitment with its first version as a draft."""
    _require(user.has_perm("commitments.create_commitment", cluster))
    if Commitment.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("This short address is taken; choose another.")})
    commitment = Commitment.objects.create(cluster=cluster, title=title, slug=slug, summary=summary)
    CommitmentVersion.objects.create(commitment=commitment, number=1, text=text)
    log_action(user, "commitments.commitment.created", commitment, cluster=str(cluster))
    return commitment


@transaction.atomic
def start_new_version(user, commitment: Commitment) -> CommitmentVersion:
    """The commitment's draft: the one being prepared, or a new one with the current text."""
    _require(user.has_perm("commitments.manage_commitment", commitment))
    Commitment.objects.select_for_update().get(pk=commitment.pk)
    draft = draft_of(commitment)
    if draft is not None:
        return draft
    current = current_version(commitment)
    number = (commitment.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return CommitmentVersion.objects.create(
        commitment=commitment, number=number, text=current.text if current else ""
    )


@transaction.atomic
def save_draft(user, version: CommitmentVersion, *, text: str, change_summary: str = ""):
    """Change a draft's text; a published version is never changed."""
    _require(user.has_perm("commitments.manage_commitment", version.commitment))
    version = CommitmentVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_published:
        raise ValidationError(
            _("Version %(number)s is published and can no longer be changed; start a new one.")
            % {"number": version.number}
        )
    version.text, version.change_summary = text, change_summary
    version.save(update_fields=["text", "change_summary"])
    log_action(user, "commitments.version.drafted", version.commitment, version=version.number)
    return version


@transaction.atomic
def publish_version(user, version: CommitmentVersion) -> CommitmentVersion:
    """Publish a draft: from now on organisations sign this text."""
    _require(user.has_perm("commitments.manage_commitment", version.commitment))
    version = CommitmentVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_published:
        raise ValidationError(_("This version has already been published."))
    if not version.text.strip():
        raise ValidationError({"text": _("A commitment needs a text before it is published.")})
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    log_action(user, "commitments.version.published", version.commitment, version=version.number)
    return version


# --- the organisations --------------------------------------------------------------------


def valid_signatures(commitment: Commitment):
    return Signature.objects.filter(
        version__commitment=commitment,
        version__published_at__isnull=False,
        withdrawn_at__isnull=True,
    )


def status_of(commitment: Commitment, organisation: Organisation) -> str | None:
    """CURRENT (signed the current version), EARLIER (only an earlier one) or None."""
    signed = set(
        valid_signatures(commitment)
        .filter(organisation=organisation)
        .values_list("version__number", flat=True)
    )
    if not signed:
        return None
    current = current_version(commitment)
    return CURRENT if current is not None and current.number in signed else EARLIER


def organisations_to_sign_for(user, commitment: Commitment):
    """The member organisations of the commitment's cluster `user` may sign for."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    administered = Position.objects.current().filter(person__user=user, is_admin=True)
    members = Membership.objects.in_force().filter(cluster=commitment.cluster)
    return (
        Organisation.objects.filter(
            pk__in=administered.values("organisation"),
        )
        .filter(pk__in=members.values("organisation"))
        .order_by("name")
    )


@transaction.atomic
def sign(user, commitment: Commitment, organisation: Organisation) -> Signature:
    """Sign the current version for an organisation (its admin, while it is a member)."""
    _require(user.has_perm("commitments.sign", organisation))
    if not is_member(organisation, commitment.cluster):
        raise ValidationError(
            _("Only members of %(cluster)s can sign this commitment.")
            % {"cluster": commitment.cluster}
        )
    current = current_version(commitment)
    if current is None:
        raise ValidationError(_("This commitment has not been published yet."))
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                version=current,
                organisation=organisation,
                signed_by=user,
                signed_at=timezone.now(),
            )
    except IntegrityError:
        raise ValidationError(
            _("%(organisation)s has already signed this version.")
            % {"organisation": organisation.name}
        ) from None
    log_action(
        user,
        "commitments.signature.signed",
        commitment,
        organisation=organisation.name,
        version=current.number,
    )
    return signature


@transaction.atomic
def withdraw(user, commitment: Commitment, organisation: Organisation) -> int:
    """End the organisation's signatures under the commitment; returns how many ended."""
    _require(user.has_perm("commitments.sign", organisation))
    ended = (
        valid_signatures(commitment)
        .filter(organisation=organisation)
        .update(withdrawn_at=timezone.now())
    )
    if not ended:
        raise ValidationError(
            _("%(organisation)s has not signed this commitment.")
            % {"organisation": organisation.name}
        )
    log_action(user, "commitments.signature.withdrawn", commitment, organisation=organisation.name)
    return ended


def signatories(commitment: Commitment, *, listed_only: bool = True) -> list[dict]:
    """Organisations with a valid signature, each with the newest version it signed and
    whether that is the current one; the public list shows listed organisations only."""
    current = current_version(commitment)
    signatures = valid_signatures(commitment).select_related("organisation", "version")
    if listed_only:
        signatures = signatures.filter(organisation__is_listed=True)
    newest: dict[int, Signature] = {}
    for signature in signatures.order_by("organisation_id", "-version__number"):
        newest.setdefault(signature.organisation_id, signature)
    rows = [
        {
            "organisation": s.organisation,
            "signature": s,
            "is_current": current is not None and s.version_id == current.pk,
        }
        for s in newest.values()
    ]
    return sorted(rows, key=lambda row: (not row["is_current"], row["organisation"].name.lower()))


def organisation_section(request, organisation: Organisation) -> dict | None:
    """The organisation page's part: the commitments it signed (a badge each) and, for its
    admins, the commitments of its clusters still to be signed or signed again."""
    signatures = (
        Signature.objects.filter(
            organisation=organisation,
            withdrawn_at__isnull=True,
            version__published_at__isnull=False,
        )
        .select_related("version__commitment__cluster")
        .order_by("version__commitment__title", "-version__number")
    )
    signed = {}
    for signature in signatures:
        signed.setdefault(signature.version.commitment_id, signature)
    latest = dict(
        CommitmentVersion.objects.filter(commitment_id__in=signed, published_at__isnull=False)
        .values("commitment_id")
        .annotate(n=Max("number"))
        .values_list("commitment_id", "n")
    )
    badges = [
        {
            "commitment": s.version.commitment,
            "version": s.version.number,
            "is_current": latest.get(s.version.commitment_id) == s.version.number,
        }
        for s in signed.values()
    ]
    to_sign = []
    if request.user.has_perm("commitments.sign", organisation):
        clusters = Membership.objects.in_force().filter(organisation=organisation).values("cluster")
        for commitment in published_commitments().filter(cluster__in=clusters):
            badge = next((b for b in badges if b["commitment"].pk == commitment.pk), None)
            if badge is None or not badge["is_current"]:
                to_sign.append({"commitment": commitment, "signed_earlier": badge is not None})
    if not badges and not to_sign:
        return None
    return {"organisation": organisation, "badges": badges, "to_sign": to_sign}
