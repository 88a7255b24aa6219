"""Who a user is in the one-stop shop: the organisations they work at and the verified
public buyers among them. Cached on the user object, i.e. once per request, because the
navigation and every permission check ask."""

from knotenpunkt.directory.models import Position
from knotenpunkt.procurement.models.buyers import PublicBuyer


def organisation_ids(user) -> frozenset[int]:
    if not user.is_authenticated:
        return frozenset()
    if getattr(user, "_procurement_organisation_ids", None) is None:
        user._procurement_organisation_ids = frozenset(
            Position.objects.current()
            .filter(person__user=user, person__erased_at__isnull=True)
            .values_list("organisation_id", flat=True)
        )
    return user._procurement_organisation_ids


def verified_buyers(user) -> list[PublicBuyer]:
    """The verified public bodies the user works at (usually one)."""
    if not user.is_authenticated:
        return []
    if getattr(user, "_procurement_buyers", None) is None:
        user._procurement_buyers = list(
            PublicBuyer.objects.filter(
                organisation_id__in=organisation_ids(user), verified_at__isnull=False
            ).select_related("organisation")
        )
    return user._procurement_buyers
