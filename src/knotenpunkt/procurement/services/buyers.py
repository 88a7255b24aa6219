"""Public buyers: an administration registers, cluster staff verify it.

Only a verified buyer may order or request quotes, so verification is the gate that keeps
firms from posing as public bodies. Registering again with another jurisdiction or kind of
authority withdraws the verification: those two decide which procurement rules apply.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Organisation, Position
from knotenpunkt.directory.services.organisations import contact_addresses, staff_addresses
from knotenpunkt.outbox.services import queue_mail
from knotenpunkt.procurement.models.buyers import PublicBuyer
from knotenpunkt.procurement.models.thresholds import AuthorityKind, Jurisdiction
from knotenpunkt.procurement.services.roles import organisation_ids, verified_buyers

# The first two digits of the official municipality key (AGS) name the Land.
LAND_OF_AGS = {
    "01": Jurisdiction.SH,
    "02": Jurisdiction.HH,
    "03": Jurisdiction.NI,
    "04": Jurisdiction.HB,
    "05": Jurisdiction.NW,
    "06": Jurisdiction.HE,
    "07": Jurisdiction.RP,
    "08": Jurisdiction.BW,
    "09": Jurisdiction.BY,
    "10": Jurisdiction.SL,
    "11": Jurisdiction.BE,
    "12": Jurisdiction.BB,
    "13": Jurisdiction.MV,
    "14": Jurisdiction.SN,
    "15": Jurisdiction.ST,
    "16": Jurisdiction.TH,
}


@dataclass(frozen=True)
class BuyerStanding:
    """Which procurement law applies to a user's administration, for the advisor's start."""

    organisation: Organisation
    jurisdiction: str
    authority_kind: str
    # True: registered as a buyer (verified or not); False: guessed from the region.
    registered: bool

    @property
    def jurisdiction_label(self) -> str:
        return str(Jurisdiction(self.jurisdiction).label)

    @property
    def authority_label(self) -> str:
        return str(AuthorityKind(self.authority_kind).label)


def buyer_standing(user) -> BuyerStanding | None:
    """The user's own administration and the law it buys under: its buyer registration
    (a verified one first), else the Land of a public organisation's region; None if the
    user works at no public administration."""
    if not user.is_authenticated:
        return None
    buyers = verified_buyers(user)
    if not buyers:
        buyers = list(
            PublicBuyer.objects.filter(organisation_id__in=organisation_ids(user))
            .select_related("organisation")
            .order_by("organisation__name")
        )
    if buyers:
        buyer = buyers[0]
        return BuyerStanding(buyer.organisation, buyer.jurisdiction, buyer.authority_kind, True)
    organisation = (
        Organisation.objects.filter(
            pk__in=organisation_ids(user),
            actor_type=Organisation.ActorType.PUBLIC,
            region__isnull=False,
        )
        .select_related("region")
        .order_by("name")
        .first()
    )
    land = LAND_OF_AGS.get(organisation.region.ags[:2]) if organisation else None
    if land is None:
        return None
    # Most public bodies in the network are municipal; the page asks to check the kind.
    return BuyerStanding(organisation, land, AuthorityKind.MUNICIPAL, False)


def organisations_for_registration(user):
    """The public-administration organisations the user administers."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        actor_type=Organisation.ActorType.PUBLIC,
        pk__in=Position.objects.current()
        .filter(person__user=user, is_admin=True)
        .values("organisation_id"),
    ).order_by("name")


def register_buyer(
    actor,
    organisation: Organisation,
    *,
    jurisdiction: str,
    authority_kind: str,
    leitweg_id: str = "",
    invoice_email: str = "",
) -> PublicBuyer:
    """Register `organisation` as a public buyer (or update its registration); unverified
    until staff check it, and unverified again if jurisdiction or authority kind change."""
    if not actor.has_perm("procurement.register_buyer", organisation):
        raise PermissionDenied
    if organisation.actor_type != Organisation.ActorType.PUBLIC:
        raise ValidationError(
            _(
                "%(organisation)s is not registered as a public administration; only "
                "organisations of that actor type can buy through the one-stop shop."
            )
            % {"organisation": organisation.name}
        )
    with transaction.atomic():
        buyer = (
            PublicBuyer.objects.select_for_update(of=("self",))
            .filter(organisation=organisation)
            .first()
        )
        created = buyer is None
        if created:
            buyer = PublicBuyer(organisation=organisation)
        rules_changed = not created and (
            buyer.jurisdiction != jurisdiction or buyer.authority_kind != authority_kind
        )
        buyer.jurisdiction = jurisdiction
        buyer.authority_kind = authority_kind
        buyer.leitweg_id = (leitweg_id or "").strip()
        buyer.invoice_email = (invoice_email or "").strip()
        if rules_changed:
            buyer.verified_at = None
            buyer.verified_by = None
        buyer.full_clean(validate_unique=created)
        buyer.save()
        log_action(
            actor,
            "procurement.buyer.registered",
            buyer,
            jurisdiction=jurisdiction,
            authority_kind=authority_kind,
            updated=not created,
            verification_reset=rules_changed,
        )
        if not buyer.is_verified:
            for address in staff_addresses(organisation):
                queue_mail(
                    "procurement_buyer_registered",
                    address,
                    {"buyer": buyer, "organisation": organisation, "updated": not created},
                )
    return buyer


def _set_verification(actor, buyer: PublicBuyer, *, verified: bool, note: str) -> PublicBuyer:
    if not actor.has_perm("procurement.verify_buyer", buyer):
        raise PermissionDenied
    note = (note or "").strip()
    if not note:
        raise ValidationError(
            {"note": _("Write down how you checked it, e.g. whom you called and when.")}
        )
    with transaction.atomic():
        buyer = (
            PublicBuyer.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .get(pk=buyer.pk)
        )
        buyer.verified_at = timezone.now() if verified else None
        buyer.verified_by = actor if verified else None
        buyer.verification_note = note
        buyer.save(update_fields=["verified_at", "verified_by", "verification_note"])
        log_action(
            actor,
            "procurement.buyer.verified" if verified else "procurement.buyer.unverified",
            buyer,
            note=note,
        )
        for address in contact_addresses(buyer.organisation):
            queue_mail(
                "procurement_buyer_verified",
                address,
                {"buyer": buyer, "organisation": buyer.organisation, "verified": verified},
            )
    return buyer


def verify_buyer(actor, buyer: PublicBuyer, *, note: str) -> PublicBuyer:
    """Staff confirm that the buyer is the public body it claims to be."""
    return _set_verification(actor, buyer, verified=True, note=note)


def unverify_buyer(actor, buyer: PublicBuyer, *, note: str) -> PublicBuyer:
    """Staff withdraw the verification; the buyer can no longer order."""
    return _set_verification(actor, buyer, verified=False, note=note)
