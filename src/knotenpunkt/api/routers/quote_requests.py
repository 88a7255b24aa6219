"""Quote requests (knotenpunkt.procurement.services.requests), as the pages show them to
either side: the requests the user's verified public buyers made (the requests page),
and the requests the user's organisations were invited to quote for (the invitations
page). A supplier sees its own invitation and quote only; the buyer sees the quotes once
the deadline has passed (sealed until then, procurement.view_quotes)."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.db.models import Prefetch, Q
from django.http import Http404
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from knotenpunkt.api.auth import TokenAuth, require_scope
from knotenpunkt.api.openapi import ID_MAX, choice_of
from knotenpunkt.api.pagination import PageNumbers
from knotenpunkt.api.scopes import QUOTE_REQUESTS_READ
from knotenpunkt.procurement.models import QuoteInvitation, QuoteRequest
from knotenpunkt.procurement.services.requests import invitations_for, requests_of
from knotenpunkt.procurement.services.roles import verified_buyers

router = Router(tags=["quote requests"], auth=TokenAuth())
R = QuoteRequest
ORDERINGS = {
    "-created": ("-created_at", "-pk"),
    "created": ("created_at", "pk"),
    "deadline": ("deadline", "pk"),
}


class InvitationOut(Schema):
    provider: str = Field(description="The invited provider's slug.")
    provider_name: str
    offering: str | None = Field(description="The offering's slug, if one was chosen.")
    origin: str
    sent_at: datetime.datetime | None
    declined_at: datetime.datetime | None
    quoted: bool = Field(description="Whether a quote was submitted.")
    net_price: Decimal | None = Field(
        description="The quote's net price, where the caller may see it (null otherwise)."
    )


class QuoteRequestOut(Schema):
    id: int
    role: Literal["buyer", "supplier"] = Field(
        description="buyer: your administration asked; supplier: your organisation was asked."
    )
    title: str
    need: str
    status: choice_of(R.Status)
    offering_category: str
    procurement_category: str
    buyer: str = Field(description="The requesting administration's organisation slug.")
    buyer_name: str
    deadline: datetime.datetime | None
    sent_at: datetime.datetime | None
    created_at: datetime.datetime
    estimated_value: Decimal | None = Field(description="For the buyer only.")
    procedure: str = Field(description="For the buyer only.")
    invitations: list[InvitationOut] = Field(
        description="The buyer: every invitation; a supplier: its own."
    )
    url: str = Field(description="The request's page (the buyer's) or the invitation's.")


class QuoteRequestFilters(Schema):
    role: Literal["", "buyer", "supplier"] = Field(
        "", description="buyer: the requests you sent; supplier: those you were invited to."
    )
    status: choice_of(R.Status) | None = None
    ordering: Literal["", "-created", "created", "deadline"] = Field(
        "", description="-created (newest first, the default), created or deadline."
    )


def _scope(request):
    """The buyers and the received invitations the token may read, as the two pages
    list them (an organisation token: its organisation's only)."""
    buyers = verified_buyers(request.user)
    invitations = invitations_for(request.user)
    organisation = request.api_token.organisation_id
    if organisation:
        buyers = [b for b in buyers if b.organisation_id == organisation]
        invitations = invitations.filter(provider_id=organisation)
    return buyers, invitations


def _found(request):
    buyers, invitations = _scope(request)
    return (
        QuoteRequest.objects.filter(
            Q(pk__in=requests_of(buyers).values("pk")) | Q(pk__in=invitations.values("request_id"))
        ).select_related("buyer__organisation"),
        {b.pk for b in buyers},
        set(invitations.values_list("pk", flat=True)),
    )


def _out(request, quote_request, buyer_ids, invitation_ids) -> dict:
    is_buyer = quote_request.buyer_id in buyer_ids
    shown = [i for i in quote_request.invitations.all() if is_buyer or i.pk in invitation_ids]
    prices_for_buyer = is_buyer and request.user.has_perm("procurement.view_quotes", quote_request)

    def invitation(i) -> dict:
        quote = getattr(i, "quote", None)
        return {
            "provider": i.provider.slug,
            "provider_name": i.provider.name,
            "offering": i.offering_version.offering.slug if i.offering_version_id else None,
            "origin": i.origin,
            "sent_at": i.sent_at,
            "declined_at": i.declined_at,
            "quoted": quote is not None,
            "net_price": quote.net_price
            if quote is not None and (prices_for_buyer or not is_buyer)
            else None,
        }

    if is_buyer:
        path = quote_request.get_absolute_url()
    else:
        path = reverse("procurement:invitation", args=[shown[0].pk])
    return {
        "id": quote_request.pk,
        "role": "buyer" if is_buyer else "supplier",
        "title": quote_request.title,
        "need": quote_request.need,
        "status": quote_request.status,
        "offering_category": quote_request.offering_category,
        "procurement_category": quote_request.procurement_category,
        "buyer": quote_request.buyer.organisation.slug,
        "buyer_name": quote_request.buyer.organisation.name,
        "deadline": quote_request.deadline,
        "sent_at": quote_request.sent_at,
        "created_at": quote_request.created_at,
        "estimated_value": quote_request.estimated_value if is_buyer else None,
        "procedure": quote_request.procedure if is_buyer else "",
        "invitations": [invitation(i) for i in shown],
        "url": request.build_absolute_uri(path),
    }


class _Answers:
    """The page's requests turned into answers (the paginator slices it; the answer is
    built for the slice only)."""

    ordered = True

    def __init__(self, request, queryset, buyer_ids, invitation_ids):
        self.request, self.queryset = request, queryset
        self.buyer_ids, self.invitation_ids = buyer_ids, invitation_ids

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        found = self.queryset[index] if isinstance(index, slice) else [self.queryset[index]]
        answers = [_out(self.request, r, self.buyer_ids, self.invitation_ids) for r in found]
        return answers if isinstance(index, slice) else answers[0]


def _with_invitations(requests):
    invitations = QuoteInvitation.objects.select_related(
        "provider", "quote", "offering_version__offering"
    ).order_by("provider__name", "pk")
    return requests.prefetch_related(Prefetch("invitations", queryset=invitations))


@router.get("/quote-requests", response=list[QuoteRequestOut], summary="My quote requests")
@paginate(PageNumbers)
def list_quote_requests(request, filters: Query[QuoteRequestFilters]):
    """The quote requests your verified administrations sent (drafts included, as the
    requests page) and those your organisations were invited to quote for (once sent, as
    the invitations page). Scope quote-requests:read."""
    require_scope(request, QUOTE_REQUESTS_READ)
    found, buyer_ids, invitation_ids = _found(request)
    if filters.role == "buyer":
        found = found.filter(buyer_id__in=buyer_ids)
    elif filters.role == "supplier":
        found = found.filter(invitations__pk__in=invitation_ids).distinct()
    if filters.status:
        found = found.filter(status=filters.status)
    found = _with_invitations(found.order_by(*ORDERINGS[filters.ordering or "-created"]))
    return _Answers(request, found, buyer_ids, invitation_ids)


@router.get("/quote-requests/{request_id}", response=QuoteRequestOut, summary="One quote request")
def get_quote_request(request, request_id: Annotated[int, Path(ge=1, le=ID_MAX)]):
    """One of the requests the list shows you (404 for any other). Scope
    quote-requests:read."""
    require_scope(request, QUOTE_REQUESTS_READ)
    found, buyer_ids, invitation_ids = _found(request)
    quote_request = _with_invitations(found).filter(pk=request_id).first()
    if quote_request is None:
        raise Http404
    return _out(request, quote_request, buyer_ids, invitation_ids)
