"""Recording orders: the award of a quote request, or a direct order from the catalogue.

Every order copies what it needs for the documentation and the invoice (value, kind of
offering, procedure, the buyer's Leitweg-ID at the time) so that later changes to the
listing or the buyer's record do not rewrite what was ordered.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from knotenpunkt.core.audit import log_action
from knotenpunkt.procurement.order_models import Order


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
