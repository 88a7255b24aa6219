"""No splitting (§ 3 Abs. 2 VgV): a new purchase is estimated together with what the same
administration bought of the same kind within the last twelve months."""

import datetime
from decimal import Decimal

from django.utils import timezone

from knotenpunkt.procurement.models.orders import Order

WINDOW_DAYS = 365


def related_orders(buyer, offering_category: str, day: datetime.date | None = None):
    """Orders of `buyer` of the same kind of offering placed in the twelve months up to
    `day` (cancelled ones do not count)."""
    day = day or timezone.localdate()
    return (
        Order.objects.filter(
            buyer=buyer,
            offering_category=offering_category,
            ordered_on__gt=day - datetime.timedelta(days=WINDOW_DAYS),
            ordered_on__lte=day,
        )
        .exclude(status=Order.Status.CANCELLED)
        .select_related("provider")
    )


def total_value(orders) -> Decimal:
    """What earlier orders add to a new estimate."""
    return sum((order.net_value for order in orders), Decimal("0.00"))
