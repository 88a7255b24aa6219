"""Recording orders: the award of a quote request, or a direct order from the catalogue.

Every order copies what it needs for the documentation and the invoice (value, kind of
offering, procedure, the buyer's Leitweg-ID at the time) so that later changes to the
listing or the buyer's record do not rewrite what was ordered.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.services.organisations import contact_addresses
from knotenpunkt.outbox.services import queue_mail
from knotenpunkt.procurement.models import Procedure
from knotenpunkt.procurement.models.buyers import PublicBuyer
from knotenpunkt.procurement.models.orders import Order
from knotenpunkt.procurement.services import splitting
from knotenpunkt.procurement.services.advisor import (
    Advice,
    AdviceError,
    advise,
    estimate_value,
    eur,
)
from knotenpunkt.procurement.services.roles import organisation_ids, verified_buyers


def record_order(
    actor,
    *,
    buyer,
    provider,
    title: str,
    offering_category: str,
    procurement_category: str,
    procedure: str,
    net_value: Decimal,
    offering_version=None,
    request=None,
    quote=None,
    ordered_on: datetime.date | None = None,
) -> Order:
    order = Order.objects.create(
        buyer=buyer,
        provider=provider,
        request=request,
        quote=quote,
        offering_version=offering_version,
        title=title,
        offering_category=offering_category,
        procurement_category=procurement_category,
        procedure=procedure,
        net_value=net_value,
        ordered_on=ordered_on or timezone.localdate(),
        leitweg_id=buyer.leitweg_id,
        ordered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log_action(
        actor,
        "procurement.order.placed",
        order,
        buyer=str(buyer),
        provider=str(provider),
        net_value=str(net_value),
    )
    return order


# --- direct orders from the catalogue (Direktauftrag) ---


@dataclass
class DirectOrderCheck:
    """What the advisor says about a planned direct order, ready for the form page."""

    advice: Advice
    order_value: Decimal
    related_orders: list[Order]

    @property
    def related_value(self) -> Decimal:
        return splitting.total_value(self.related_orders)

    @property
    def allowed(self) -> bool:
        return self.advice.procedure == Procedure.DA

    @property
    def refusal(self) -> str:
        return "" if self.allowed else refusal_message(self)


def check_direct_order(
    buyer: PublicBuyer,
    offering_version,
    *,
    net_value=None,
    monthly_value=None,
    term_months: int | None = None,
    today: datetime.date | None = None,
) -> DirectOrderCheck:
    """Run the advisor for a direct order, adding what the buyer ordered of the same kind
    in the last twelve months (§ 3 Abs. 2 VgV)."""
    day = today or timezone.localdate()
    try:
        estimate = estimate_value(value=net_value, monthly=monthly_value, term_months=term_months)
        # One query for the earlier orders: the advisor gets their sum, the page the list.
        related = list(splitting.related_orders(buyer, offering_version.category, day))
        advice = advise(
            buyer.jurisdiction,
            buyer.authority_kind,
            offering_version.procurement_category,
            value=net_value,
            monthly=monthly_value,
            term_months=term_months,
            related_value=splitting.total_value(related),
            date=day,
        )
    except AdviceError as error:
        raise ValidationError(str(error)) from error
    return DirectOrderCheck(advice, estimate.value, related)


def refusal_message(check: DirectOrderCheck) -> str:
    """Why a direct order is not possible and what to do instead."""
    advice = check.advice
    procedure = advice.procedure
    # Buyers read the procedure's name, never its code.
    label = Procedure(procedure).label
    if procedure == Procedure.VV_BA_OTW:
        what = _(
            "%(procedure)s: ask at least %(count)s firms for an offer – start a quote request "
            "instead of a direct order."
        ) % {"procedure": label, "count": advice.min_offers or 3}
    elif procedure in (Procedure.NAT, Procedure.EU):
        what = _(
            "%(procedure)s: the contract has to be put out to tender with a published notice; "
            "a direct order or a quote request is not enough."
        ) % {"procedure": label}
    else:
        what = _("%(procedure)s: a direct order is not possible.") % {"procedure": label}
    message = _(
        "An estimated value of %(value)s EUR net is above the limit for a direct award and "
        "needs the procedure %(what)s"
    ) % {"value": eur(advice.estimated_value), "what": what}
    if check.related_value:
        message += " " + _(
            "Earlier orders of the same kind within the last 12 months (%(related)s EUR) count "
            "towards it, since a purchase must not be split (§ 3 Abs. 2 VgV); without them "
            "this order alone would be worth %(own)s EUR."
        ) % {"related": eur(check.related_value), "own": eur(check.order_value)}
    return message


def place_direct_order(
    actor,
    buyer: PublicBuyer,
    offering_version,
    *,
    title: str,
    net_value=None,
    monthly_value=None,
    term_months: int | None = None,
    today: datetime.date | None = None,
) -> Order:
    """Order a listed offering directly (Direktauftrag) if the advisor allows a direct award
    for its value, earlier orders of the same kind included."""
    if buyer.pk not in {b.pk for b in verified_buyers(actor)}:
        raise PermissionDenied
    offering = offering_version.offering
    if not offering.is_listed or offering.published_id != offering_version.pk:
        raise ValidationError(
            _("This offering is not listed in the catalogue (any more); it cannot be ordered.")
        )
    if offering.provider_id == buyer.organisation_id:
        raise ValidationError(_("An organisation cannot order from itself."))
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Say what you are ordering.")})
    day = today or timezone.localdate()
    with transaction.atomic():
        # One buyer's orders are placed one after the other, so that two orders placed at
        # the same moment cannot each stay under the limit and split the purchase together.
        buyer = (
            PublicBuyer.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .get(pk=buyer.pk)
        )
        if not buyer.is_verified:
            raise PermissionDenied
        check = check_direct_order(
            buyer,
            offering_version,
            net_value=net_value,
            monthly_value=monthly_value,
            term_months=term_months,
            today=day,
        )
        if not check.allowed:
            raise ValidationError(check.refusal, code="not_direct_award")
        order = record_order(
            actor,
            buyer=buyer,
            provider=offering.provider,
            title=title,
            offering_category=offering_version.category,
            procurement_category=offering_version.procurement_category,
            procedure=Procedure.DA,
            net_value=check.order_value,
            offering_version=offering_version,
            ordered_on=day,
        )
        for address in contact_addresses(offering.provider):
            queue_mail(
                "procurement_order_placed",
                address,
                {"order": order, "buyer": buyer, "offering_version": offering_version},
            )
    return order


def _works_at_buyer(actor, order: Order) -> bool:
    return order.buyer_id in {b.pk for b in verified_buyers(actor)}


def _locked(order: Order) -> Order:
    return (
        Order.objects.select_for_update(of=("self",))
        .select_related("buyer__organisation", "provider")
        .get(pk=order.pk)
    )


def complete_order(actor, order: Order) -> Order:
    """The buyer confirms that the order was delivered."""
    if not _works_at_buyer(actor, order):
        raise PermissionDenied
    with transaction.atomic():
        order = _locked(order)
        if order.status != Order.Status.PLACED:
            raise ValidationError(_("Only a placed order can be marked as completed."))
        order.status = Order.Status.COMPLETED
        order.completed_at = timezone.now()
        order.save(update_fields=["status", "completed_at"])
        log_action(actor, "procurement.order.completed", order)
    return order


def cancel_order(actor, order: Order, reason: str) -> Order:
    """The buyer cancels an order that was not completed; it no longer counts towards
    the splitting check, and the provider is told."""
    if not _works_at_buyer(actor, order):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the cancellation.")})
    with transaction.atomic():
        order = _locked(order)
        if order.status != Order.Status.PLACED:
            raise ValidationError(_("Only a placed order can be cancelled."))
        order.status = Order.Status.CANCELLED
        order.cancelled_at, order.cancel_reason = timezone.now(), reason[:300]
        order.save(update_fields=["status", "cancelled_at", "cancel_reason"])
        log_action(actor, "procurement.order.cancelled", order, reason=reason)
        for address in contact_addresses(order.provider):
            queue_mail(
                "procurement_order_cancelled",
                address,
                {"order": order, "buyer": order.buyer, "reason": reason},
            )
    return order


def orders_for(user):
    """Orders where the user works at the provider or at the (verified) buyer."""
    buyer_ids = [b.pk for b in verified_buyers(user)]
    return Order.objects.filter(
        Q(provider_id__in=organisation_ids(user)) | Q(buyer_id__in=buyer_ids)
    ).select_related("buyer__organisation", "provider", "offering_version__offering")
