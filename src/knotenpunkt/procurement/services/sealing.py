"""Quotes are sealed until the request's deadline: before it, nobody but the quoting
provider's own people sees a price, a text or a document, platform admins included
(Django's "a superuser has every permission" does not open them). The request pages, the
documentation PDF, the quote documents, the back office and the `procurement.view_quotes`
rule all ask here, so that no way round the seal is left."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from knotenpunkt.procurement.models.requests import Quote, QuoteInvitation, QuoteRequest
from knotenpunkt.procurement.services.roles import organisation_ids


def quotes_visible(request: QuoteRequest, now: datetime.datetime | None = None) -> bool:
    """Whether the request's quotes are unsealed: its deadline has passed (an award, which
    needs the passed deadline, keeps them open)."""
    if request.status == QuoteRequest.Status.AWARDED:
        return True
    now = now or timezone.now()
    return request.deadline is not None and request.deadline <= now


def quotes_for_display(request: QuoteRequest, now: datetime.datetime | None = None) -> QuerySet:
    """The request's quotes, cheapest first, once unsealed; none while sealed."""
    if not quotes_visible(request, now):
        return Quote.objects.none()
    return (
        Quote.objects.filter(invitation__request=request)
        .select_related("invitation__provider")
        .order_by("net_price", "pk")
    )


def is_quoting_provider(user, invitation: QuoteInvitation) -> bool:
    """The people of the invited provider, who see their own quote at any time."""
    return invitation.provider_id in organisation_ids(user)


def own_quote(user, invitation: QuoteInvitation) -> Quote | None:
    """The invitation's quote as this user may see it on the invitation's page: its
    provider's people always, anyone else let onto the page only once unsealed."""
    if not (is_quoting_provider(user, invitation) or quotes_visible(invitation.request)):
        return None
    return Quote.objects.filter(invitation=invitation).first()
