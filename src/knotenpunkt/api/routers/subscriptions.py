"""The token user's newsletter and invitation subscriptions, through the mailings'
services (knotenpunkt.mailings.services.subscriptions): subscribing starts the same double
opt-in as the sign-up form (a pending subscription and a confirmation mail; only the link
in it activates the subscription), unsubscribing ends it at once; both write a consent
record whose source is the API (“api: cluster/list”) and an audit entry naming the
token."""

from typing import Annotated, Literal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import AuthorizationError
from ninja.pagination import paginate

from knotenpunkt.api.auth import TokenAuth, require_personal_token, require_scope
from knotenpunkt.api.openapi import SLUG, choice_of
from knotenpunkt.api.pagination import PageNumbers
from knotenpunkt.api.routers.directory import by_slug
from knotenpunkt.api.scopes import SUBSCRIPTIONS_READ, SUBSCRIPTIONS_WRITE
from knotenpunkt.directory.models import Cluster
from knotenpunkt.mailings.models import MailingList, Subscription
from knotenpunkt.mailings.services import subscriptions as services

router = Router(tags=["subscriptions"])

SOURCE = "api"
ORDERINGS = {
    "name": ("cluster__name", "name", "pk"),
    "-name": ("-cluster__name", "-name", "-pk"),
}


class SubscriptionOut(Schema):
    cluster: str = Field(description="The list's cluster (slug).")
    slug: str = Field(description="The list's slug, unique within its cluster.")
    name: str
    kind: choice_of(MailingList.Kind)
    description: str
    status: choice_of(Subscription.Status) | None = Field(
        description="pending (waiting for the link in the confirmation mail), active, "
        "unsubscribed; null: never subscribed."
    )

    @staticmethod
    def resolve_cluster(mailing_list) -> str:
        return mailing_list.cluster.slug

    @staticmethod
    def resolve_status(mailing_list, context) -> str | None:
        return context["request"].subscription_states.get(mailing_list.pk)


class SubscriptionFilters(Schema):
    cluster: str = Field("", pattern=SLUG, description="A cluster's slug: its lists.")
    subscribed: bool | None = Field(
        None, description="true: lists subscribed or pending; false: the others."
    )
    ordering: Literal["", "name", "-name"] = Field(
        "", description="By cluster, then list name; without it, name."
    )


def _person(request):
    require_personal_token(request)
    person = getattr(request.user, "person", None)
    if person is None or person.erased_at is not None:
        raise AuthorizationError(message=_("Your account has no profile to subscribe with."))
    return person


def _note_states(request, person) -> None:
    request.subscription_states = dict(
        Subscription.objects.filter(person=person).values_list("mailing_list_id", "status")
    )


def _list(request, cluster: str, slug: str) -> MailingList:
    return get_object_or_404(services.subscribable_lists(), cluster__slug=cluster, slug=slug)


@router.get(
    "/subscriptions",
    response=list[SubscriptionOut],
    auth=TokenAuth(),
    summary="List mailing lists and your subscriptions",
)
@paginate(PageNumbers)
def list_subscriptions(request, filters: Query[SubscriptionFilters]):
    """The lists anyone may subscribe to (as on the sign-up form), each with the token
    user's subscription status. Scope subscriptions:read; a personal token."""
    require_scope(request, SUBSCRIPTIONS_READ)
    person = _person(request)
    _note_states(request, person)
    lists = services.subscribable_lists()
    if filters.cluster:
        lists = lists.filter(cluster=by_slug(Cluster, filters.cluster, "cluster"))
    if filters.subscribed is not None:
        chosen = [
            pk
            for pk, status in request.subscription_states.items()
            if status != Subscription.Status.UNSUBSCRIBED
        ]
        lists = lists.filter(pk__in=chosen) if filters.subscribed else lists.exclude(pk__in=chosen)
    return lists.order_by(*ORDERINGS[filters.ordering or "name"])


def _answer(request, person, mailing_list) -> MailingList:
    _note_states(request, person)
    return mailing_list


@router.get(
    "/subscriptions/{cluster}/{slug}",
    response=SubscriptionOut,
    auth=TokenAuth(),
    summary="One mailing list and your subscription",
)
def get_subscription(
    request,
    cluster: Annotated[str, Path(pattern=SLUG)],
    slug: Annotated[str, Path(pattern=SLUG)],
):
    """A list and the token user's subscription status. Scope subscriptions:read."""
    require_scope(request, SUBSCRIPTIONS_READ)
    person = _person(request)
    return _answer(request, person, _list(request, cluster, slug))


@router.post(
    "/subscriptions/{cluster}/{slug}",
    response={202: SubscriptionOut, 200: SubscriptionOut},
    auth=TokenAuth(),
    summary="Subscribe to a mailing list",
)
def subscribe(
    request,
    cluster: Annotated[str, Path(pattern=SLUG)],
    slug: Annotated[str, Path(pattern=SLUG)],
):
    """Start the double opt-in, as the sign-up form does: the subscription is pending
    (202) until the person opens the link in the confirmation mail sent to their primary
    address (else their login's); an active subscription stays as it is (200). The
    consent record names the API as its source. Scope subscriptions:write; audited with
    the token's name."""
    require_scope(request, SUBSCRIPTIONS_WRITE)
    person = _person(request)
    mailing_list = _list(request, cluster, slug)
    subscription = services.request_subscription(
        mailing_list,
        source=SOURCE,
        person=person,
        # The person's primary address, else the account's (confirmed at sign-up).
        email=person.primary_email or request.user.email,
        language=get_language(),
        actor=request.user,
        via=request.api_token.name,
    )
    code = 200 if subscription.status == Subscription.Status.ACTIVE else 202
    return Status(code, _answer(request, person, mailing_list))


@router.delete(
    "/subscriptions/{cluster}/{slug}",
    response=SubscriptionOut,
    auth=TokenAuth(),
    summary="Unsubscribe from a mailing list",
)
def unsubscribe(
    request,
    cluster: Annotated[str, Path(pattern=SLUG)],
    slug: Annotated[str, Path(pattern=SLUG)],
):
    """End the subscription (or a pending request) at once, as the unsubscribe link does;
    the consent record names the API as its source. Unsubscribing twice is harmless.
    Scope subscriptions:write; audited with the token's name."""
    require_scope(request, SUBSCRIPTIONS_WRITE)
    person = _person(request)
    mailing_list = MailingList.objects.select_related("cluster").filter(
        cluster__slug=cluster, slug=slug
    )
    # A list switched off meanwhile may still be left.
    found = mailing_list.first()
    if found is None:
        raise Http404
    services.unsubscribe(
        person, found, source=SOURCE, actor=request.user, via=request.api_token.name
    )
    return _answer(request, person, found)
