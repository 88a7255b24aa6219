"""Documenting a cooperation: by hand or from an accepted matchmaking contact.

A cooperation has at least two parties: two partner organisations, or one partner and the
cluster itself (then the cluster's part cannot be "none"). One matchmaking contact turns
into at most one documented cooperation; documenting it also records in the matchmaking
that the contact turned into a cooperation.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.cooperations.models import Cooperation, CooperationPartner
from knotenpunkt.core.audit import changes_between, log_action, snapshot
from knotenpunkt.directory.models import Cluster, Organisation
from knotenpunkt.matching.models import Contact
from knotenpunkt.matching.services.contacts import mark_cooperation

# The fields a form hands over as plain data.
FIELDS = (
    "title",
    "description",
    "start_date",
    "end_date",
    "status",
    "funding_programme",
    "funding_amount",
    "outputs",
    "cluster_role",
)
# Contacts whose two sides agreed to talk: only those can become a documented cooperation.
DOCUMENTABLE_CONTACT_STATUSES = (Contact.Status.ACCEPTED, Contact.Status.COOPERATION)


@dataclass(frozen=True)
class Partner:
    organisation: Organisation
    role: str = CooperationPartner.Role.PARTNER


def _check(data: dict, partners: list[Partner]) -> None:
    errors: dict[str, list[str]] = {}
    start, end = data.get("start_date"), data.get("end_date")
    if start and end and end < start:
        errors.setdefault("end_date", []).append(_("The end lies before the start."))
    amount = data.get("funding_amount")
    if amount is not None and amount < Decimal("0"):
        errors.setdefault("funding_amount", []).append(_("The funding cannot be negative."))
    if amount and not (data.get("funding_programme") or "").strip():
        errors.setdefault("funding_programme", []).append(
            _("Name the programme the funding comes from.")
        )
    seen = set()
    for partner in partners:
        if partner.organisation.pk in seen:
            errors.setdefault("partners", []).append(
                _("%(organisation)s is listed twice as a partner.")
                % {"organisation": partner.organisation}
            )
        seen.add(partner.organisation.pk)
    if not partners:
        errors.setdefault("partners", []).append(_("Name at least one partner organisation."))
    elif len(seen) == 1 and data.get("cluster_role") == Cooperation.ClusterRole.NONE:
        errors.setdefault("partners", []).append(
            _(
                "A cooperation needs two parties: name a second partner, or say which part "
                "the cluster plays in it."
            )
        )
    if errors:
        raise ValidationError(errors)


def _partners_text(cooperation: Cooperation) -> str:
    return ", ".join(
        f"{p.organisation} ({p.get_role_display()})"
        for p in cooperation.partners.select_related("organisation").order_by("pk")
    )


def _set_partners(cooperation: Cooperation, partners: list[Partner]) -> None:
    wanted = {p.organisation.pk: p.role for p in partners}
    existing = {row.organisation_id: row for row in cooperation.partners.all()}
    cooperation.partners.exclude(organisation_id__in=wanted).delete()
    for organisation_id, role in wanted.items():
        row = existing.get(organisation_id)
        if row is None:
            CooperationPartner.objects.create(
                cooperation=cooperation, organisation_id=organisation_id, role=role
            )
        elif row.role != role:
            row.role = role
            row.save(update_fields=["role"])


def contact_for_cooperation(contact: Contact) -> Contact:
    """The contact, if it may still be documented as a cooperation; else a ValidationError
    that says why (not accepted, or documented already)."""
    if contact.status not in DOCUMENTABLE_CONTACT_STATUSES:
        raise ValidationError(
            _("Only an accepted contact can be documented as a cooperation."), code="not_accepted"
        )
    if Cooperation.objects.filter(origin=contact).exists():
        raise ValidationError(
            _("This contact has already been documented as a cooperation."), code="documented"
        )
    return contact


def initial_from_contact(contact: Contact) -> dict:
    """What the form starts with for a cooperation from a matchmaking contact: the need's
    author and the provider as partners, the need's title and topics, the day of the
    acceptance as start; the cluster brought the two together."""
    need = contact.need
    start = timezone.localdate(contact.decided_at or contact.created_at)
    return {
        "cluster": need.cluster,
        "title": need.title,
        "description": need.text,
        "start_date": start,
        "status": Cooperation.Status.RUNNING,
        "cluster_role": Cooperation.ClusterRole.INITIATED,
        "topics": list(need.topics.all()),
        "partners": [
            Partner(need.organisation, CooperationPartner.Role.LEAD),
            Partner(contact.provider, CooperationPartner.Role.PARTNER),
        ],
    }


def create_cooperation(
    user,
    cluster: Cluster,
    data: dict,
    partners: list[Partner],
    topics: Iterable = (),
    *,
    origin: Contact | None = None,
) -> Cooperation:
    """Document a cooperation of `cluster`, with its partners and topics."""
    _check(data, partners)
    try:
        with transaction.atomic():
            if origin is not None:
                origin = (
                    Contact.objects.select_for_update().select_related("need").get(pk=origin.pk)
                )
                contact_for_cooperation(origin)
                if origin.need.cluster_id != cluster.pk:
                    raise ValidationError(
                        _("The contact belongs to another cluster's matchmaking.")
                    )
            cooperation = Cooperation.objects.create(
                cluster=cluster,
                origin=origin,
                created_by=user if getattr(user, "is_authenticated", False) else None,
                **{name: data.get(name) for name in FIELDS if name in data},
            )
            cooperation.topics.set(topics)
            _set_partners(cooperation, partners)
            if origin is not None and origin.status == Contact.Status.ACCEPTED:
                mark_cooperation(user, origin)
            log_action(
                user,
                "cooperations.cooperation.created",
                cooperation,
                partners=_partners_text(cooperation),
                contact=origin.pk if origin else None,
            )
    except IntegrityError:
        # Two staff members documenting the same contact at once: the second one loses.
        raise ValidationError(
            _("This contact has already been documented as a cooperation.")
        ) from None
    return cooperation


def update_cooperation(
    user, cooperation: Cooperation, data: dict, partners: list[Partner], topics: Iterable
) -> Cooperation:
    """Change a cooperation's data, partners and topics; the audit log keeps the changes."""
    _check(data, partners)
    fields = [*FIELDS, "topics"]
    with transaction.atomic():
        cooperation = Cooperation.objects.select_for_update().get(pk=cooperation.pk)
        before = {**snapshot(cooperation, fields), "partners": _partners_text(cooperation)}
        for name in FIELDS:
            if name in data:
                setattr(cooperation, name, data[name])
        cooperation.save()
        cooperation.topics.set(topics)
        _set_partners(cooperation, partners)
        after = {**snapshot(cooperation, fields), "partners": _partners_text(cooperation)}
        changes = changes_between(before, after)
        if changes:
            log_action(user, "cooperations.cooperation.changed", cooperation, changes=changes)
    return cooperation


def delete_cooperation(user, cooperation: Cooperation) -> None:
    """Remove a cooperation documented by mistake (the audit log keeps its title)."""
    with transaction.atomic():
        log_action(
            user,
            "cooperations.cooperation.deleted",
            cooperation,
            partners=_partners_text(cooperation),
            start_date=cooperation.start_date.isoformat(),
        )
        cooperation.delete()
