"""The one-stop shop's rules.

Providers list offerings; cluster staff review and publish them; only people working at a
*verified* public buyer request quotes, award, order and review; a provider sees only the
invitations and quotes of its own organisation; the buyer sees the quotes only once the
deadline has passed (sealed until then, so no quote can be compared or leaked while others
may still submit).
"""

import rules
from django.db.models import Case, When

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.rules import (
    is_cluster_staff,
    is_organisation_admin,
    is_staff_for_organisation,
    visible_organisations,
    works_at_an_organisation,
)
from knotenpunkt.procurement.models import (
    OfferingVersion,
    Order,
    PublicBuyer,
    QuoteInvitation,
)
from knotenpunkt.procurement.services import sealing
from knotenpunkt.procurement.services.roles import organisation_ids, verified_buyers


def _works_at(user, organisation_id) -> bool:
    return organisation_id is not None and organisation_id in organisation_ids(user)


@rules.predicate
def is_verified_buyer(user) -> bool:
    return bool(verified_buyers(user))


@rules.predicate
def administers_provider(user, offering) -> bool:
    return offering is not None and is_organisation_admin(user, offering.provider)


@rules.predicate
def is_staff_for_provider(user, offering) -> bool:
    return offering is not None and is_staff_for_organisation(user, offering.provider)


@rules.predicate
def works_at_provider(user, offering) -> bool:
    return offering is not None and _works_at(user, offering.provider_id)


@rules.predicate
def offering_is_listed(user, offering) -> bool:
    return offering is not None and offering.is_listed


@rules.predicate
def may_review_offering(user, offering) -> bool:
    """A verified buyer that is not the provider itself, about a listed offering."""
    if offering is None or not offering.is_listed:
        return False
    return any(b.organisation_id != offering.provider_id for b in verified_buyers(user))


@rules.predicate
def works_at_requesting_buyer(user, request) -> bool:
    return request is not None and any(b.pk == request.buyer_id for b in verified_buyers(user))


@rules.predicate
def is_staff_for_requesting_buyer(user, request) -> bool:
    return request is not None and is_staff_for_organisation(user, request.buyer.organisation)


@rules.predicate
def quotes_unsealed(user, request) -> bool:
    return request is not None and sealing.quotes_visible(request)


@rules.predicate
def works_at_invited_provider(user, invitation) -> bool:
    return invitation is not None and _works_at(user, invitation.provider_id)


@rules.predicate
def invitation_open_for_quotes(user, invitation) -> bool:
    return invitation is not None and invitation.request.quotes_open


@rules.predicate
def takes_part_in_order(user, order) -> bool:
    if order is None:
        return False
    return _works_at(user, order.provider_id) or any(
        b.pk == order.buyer_id for b in verified_buyers(user)
    )


@rules.predicate
def works_at_order_provider(user, order) -> bool:
    return order is not None and _works_at(user, order.provider_id)


@rules.predicate
def is_staff_for_buyer(user, buyer) -> bool:
    return buyer is not None and is_staff_for_organisation(user, buyer.organisation)


@rules.predicate
def version_shown_to_buyers(user, version) -> bool:
    """A published (or since replaced) version of an offering still in the catalogue."""
    return (
        version is not None
        and version.offering.is_listed
        and version.status in (OfferingVersion.Status.PUBLISHED, OfferingVersion.Status.SUPERSEDED)
    )


@rules.predicate
def is_insider_of_version(user, version) -> bool:
    return version is not None and (
        _works_at(user, version.offering.provider_id)
        or is_staff_for_organisation(user, version.offering.provider)
    )


@rules.predicate
def decided_on_version(user, version) -> bool:
    """A buyer keeps seeing the version it asked quotes for or ordered, even after the
    offering was withdrawn: it is what the decision was based on."""
    buyers = [b.pk for b in verified_buyers(user)]
    if version is None or not buyers:
        return False
    return (
        Order.objects.filter(offering_version=version, buyer__in=buyers).exists()
        or QuoteInvitation.objects.filter(
            offering_version=version, request__buyer__in=buyers
        ).exists()
    )


def visible_buyers(user):
    """The public buyers staff may verify (the reach of `is_staff_for_buyer`), unverified
    ones first."""
    return (
        PublicBuyer.objects.filter(organisation__in=visible_organisations(user))
        .select_related("organisation", "verified_by")
        .order_by(Case(When(verified_at__isnull=True, then=0), default=1), "organisation__name")
    )


def visible_versions_to_review(user):
    """Offering versions waiting for review whose provider the user looks after (the reach
    of `procurement.review_listing`), oldest first."""
    return (
        OfferingVersion.objects.filter(
            status=OfferingVersion.Status.SUBMITTED,
            offering__provider__in=visible_organisations(user),
        )
        .select_related("offering__provider")
        .order_by("submitted_at", "pk")
    )


# Listing: `organisation` is the provider the offering is (to be) listed for.
rules.add_perm(
    "procurement.list_offering",
    is_platform_admin | is_organisation_admin | is_staff_for_organisation,
)
rules.add_perm(
    "procurement.view_offering",
    offering_is_listed | is_platform_admin | works_at_provider | is_staff_for_provider,
)
# Drafts, versions in review and withdrawn offerings: the provider's people and its staff.
rules.add_perm(
    "procurement.view_unlisted_offering",
    is_platform_admin | works_at_provider | is_staff_for_provider,
)
rules.add_perm(
    "procurement.view_offering_version",
    version_shown_to_buyers | is_platform_admin | is_insider_of_version | decided_on_version,
)
rules.add_perm(
    "procurement.edit_offering", is_platform_admin | administers_provider | is_staff_for_provider
)
rules.add_perm("procurement.review_listing", is_platform_admin | is_staff_for_provider)
rules.add_perm("procurement.view_review_queue", is_platform_admin | is_cluster_staff)
rules.add_perm("procurement.review_offering", may_review_offering)
# Buying.
rules.add_perm("procurement.buy", is_verified_buyer)
# Orders, invitations and own offerings: pages for anyone working at an organisation.
rules.add_perm("procurement.use_shop_as_organisation", works_at_an_organisation)
rules.add_perm(
    "procurement.view_request",
    is_platform_admin | works_at_requesting_buyer | is_staff_for_requesting_buyer,
)
rules.add_perm("procurement.manage_request", works_at_requesting_buyer)
rules.add_perm("procurement.view_quotes", works_at_requesting_buyer & quotes_unsealed)
rules.add_perm("procurement.view_invitation", works_at_invited_provider)
rules.add_perm("procurement.submit_quote", works_at_invited_provider & invitation_open_for_quotes)
rules.add_perm("procurement.view_order", is_platform_admin | takes_part_in_order)
rules.add_perm("procurement.invoice_order", works_at_order_provider)
rules.add_perm(
    "procurement.register_buyer",
    is_platform_admin | is_organisation_admin | is_staff_for_organisation,
)
rules.add_perm("procurement.verify_buyer", is_platform_admin | is_staff_for_buyer)
rules.add_perm("procurement.view_buyers", is_platform_admin | is_cluster_staff)
