"""Every permission decision of the platform, as `rules` predicates, in one place.

Views call `user.has_perm(name, obj)` (or `rules.test_rule`), templates use
`{% has_perm %}`, and the admin and API ask the same rules. The names are object-level
(`directory.edit_organisation`), distinct from Django's model permissions, so that the
admin's model permissions for cluster staff never leak into member self-service.

Roles: platform admin (superuser); cluster staff (everything in their clusters);
organisation admin (their organisation's profile and people); member person; registered
non-member; anonymous.
"""

import rules


@rules.predicate
def is_platform_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


@rules.predicate
def is_cluster_staff(user) -> bool:
    # Asked by several navigation links on every page: once per user object (= request).
    if not user.is_authenticated:
        return False
    if getattr(user, "_is_cluster_staff", None) is None:
        user._is_cluster_staff = user.staffed_clusters.exists()
    return user._is_cluster_staff


@rules.predicate
def is_staff_of_cluster(user, cluster) -> bool:
    return bool(
        user.is_authenticated and cluster is not None and cluster.staff.filter(pk=user.pk).exists()
    )


@rules.predicate
def is_staff_for_organisation(user, organisation) -> bool:
    """Staff of a cluster the organisation is or was a member of.

    An organisation that never was a member (a prospect, a registered firm) is looked after
    by every cluster management of the installation.
    """
    if not user.is_authenticated or organisation is None or organisation.pk is None:
        return False
    clusters = organisation.memberships.values("cluster")
    if not clusters.exists():
        return user.staffed_clusters.exists()
    return user.staffed_clusters.filter(pk__in=clusters).exists()


@rules.predicate
def is_organisation_admin(user, organisation) -> bool:
    if not user.is_authenticated or organisation is None or organisation.pk is None:
        return False
    return organisation.positions.current().filter(person__user=user, is_admin=True).exists()


@rules.predicate
def is_listed_member(user, organisation) -> bool:
    from knotenpunkt.directory.services.search import listed_organisations

    return organisation is not None and listed_organisations().filter(pk=organisation.pk).exists()


@rules.predicate
def is_own_person(user, person) -> bool:
    return bool(user.is_authenticated and person is not None and person.user_id == user.pk)


@rules.predicate
def is_staff_for_person(user, person) -> bool:
    """Staff of a cluster one of the person's organisations belongs to (or any, if none)."""
    if not user.is_authenticated or person is None or person.pk is None:
        return False
    from knotenpunkt.directory.models import Membership

    clusters = Membership.objects.filter(organisation__positions__person=person).values("cluster")
    if not clusters.exists():
        return user.staffed_clusters.exists()
    return user.staffed_clusters.filter(pk__in=clusters).exists()


@rules.predicate
def administers_person(user, person) -> bool:
    """An organisation admin looks after the people of their organisation."""
    if not user.is_authenticated or person is None or person.pk is None:
        return False
    from knotenpunkt.directory.models import Position

    organisations = person.positions.current().values("organisation")
    return (
        Position.objects.current()
        .filter(person__user=user, is_admin=True, organisation__in=organisations)
        .exists()
    )


rules.add_perm(
    "directory.view_organisation",
    is_listed_member | is_platform_admin | is_staff_for_organisation | is_organisation_admin,
)
rules.add_perm(
    "directory.edit_organisation",
    is_platform_admin | is_staff_for_organisation | is_organisation_admin,
)
rules.add_perm(
    "directory.manage_people", is_platform_admin | is_staff_for_organisation | is_organisation_admin
)
rules.add_perm(
    "directory.edit_person",
    is_platform_admin | is_own_person | is_staff_for_person | administers_person,
)
rules.add_perm("directory.view_dashboard", is_platform_admin | is_cluster_staff)
rules.add_perm("directory.view_cluster_figures", is_platform_admin | is_staff_of_cluster)
rules.add_perm(
    "privacy.export_person_data", is_platform_admin | is_own_person | is_staff_for_person
)
rules.add_perm("privacy.erase_person", is_platform_admin | is_own_person | is_staff_for_person)

# The central data repository (import, duplicates, merge, data quality) is the cluster
# management's own work: members never see each other's raw records.
rules.add_perm("imports.import_data", is_platform_admin | is_cluster_staff)
rules.add_perm("quality.view_quality", is_platform_admin | is_cluster_staff)
rules.add_perm("quality.review_duplicates", is_platform_admin | is_cluster_staff)
rules.add_perm("quality.merge_records", is_platform_admin | is_cluster_staff)

# --- groups ---
# Topic groups and clubs: every decision is taken by knotenpunkt.groups.access (the one
# place for the group policies); these rules make it available to views and templates.


def _group_rule(name):
    @rules.predicate(name=f"groups_{name}")
    def predicate(user, group) -> bool:
        from knotenpunkt.groups import access

        return group is not None and getattr(access, name)(user, group)

    return predicate


rules.add_perm("groups.view_group", _group_rule("can_view_group"))
rules.add_perm("groups.view_members", _group_rule("can_view_members"))
rules.add_perm("groups.view_documents", _group_rule("can_view_documents"))
rules.add_perm("groups.join_group", _group_rule("may_join"))
rules.add_perm("groups.request_membership", _group_rule("may_request"))
rules.add_perm("groups.leave_group", _group_rule("may_leave"))
rules.add_perm("groups.invite_to_group", _group_rule("may_invite"))
rules.add_perm("groups.manage_group", _group_rule("may_manage"))
rules.add_perm("groups.add_group_members", _group_rule("is_staff_for_group"))
rules.add_perm("groups.create_group", is_platform_admin | is_cluster_staff)

# --- events: P ---
# Attendee lists and attendance figures (the predicates also serve the events block
# below). The attendee list is personal data of people from many firms: only the staff of
# an organising cluster export it.


@rules.predicate
def organises_event(user, event) -> bool:
    from knotenpunkt.events.access import organises

    return event is not None and organises(user, event)


@rules.predicate
def may_view_event(user, event) -> bool:
    from knotenpunkt.events.access import user_may_view

    return event is not None and user_may_view(user, event)


rules.add_perm("events.export_attendees", organises_event)
rules.add_perm("events.view_attendance", organises_event)
rules.add_perm("events.view_attendance_overview", is_platform_admin | is_cluster_staff)

# --- events ---
# Who sees an event and who may attend is decided by events.access (audience rules, which
# ask groups.access for group events); these predicates only wrap it.


@rules.predicate
def may_attend_event(user, event) -> bool:
    from knotenpunkt.events.access import user_may_attend

    return event is not None and user_may_attend(user, event)


@rules.predicate
def leads_organising_group(user, event) -> bool:
    from knotenpunkt.events.access import leads_organising_group as leads

    return event is not None and leads(user, event)


@rules.predicate
def works_with_person(user, person) -> bool:
    """A person registers colleagues of their own organisation (the admin among them)."""
    from knotenpunkt.events.access import works_with

    return works_with(user, person)


@rules.predicate
def registered_for_self_or_colleague(user, registration) -> bool:
    if registration is None or not user.is_authenticated:
        return False
    from knotenpunkt.events.access import works_with

    person = registration.person
    return person.user_id == user.pk or works_with(user, person)


@rules.predicate
def organises_event_of_registration(user, registration) -> bool:
    from knotenpunkt.events.access import organises

    return registration is not None and organises(user, registration.event)


rules.add_perm("events.view_event", may_view_event)
rules.add_perm("events.attend_event", may_attend_event)
rules.add_perm(
    "events.register_person",
    is_platform_admin | is_own_person | works_with_person | is_staff_for_person,
)
rules.add_perm(
    "events.cancel_registration",
    registered_for_self_or_colleague | organises_event_of_registration,
)
rules.add_perm("events.manage_event", organises_event)
rules.add_perm("events.check_in", organises_event | leads_organising_group)


# --- invoicing ---
# Invoices are the cluster management's bookkeeping: only staff of the issuing cluster
# see, download, cancel or mark them paid; members get theirs by mail.


@rules.predicate
def is_staff_of_invoice_cluster(user, invoice) -> bool:
    return invoice is not None and is_staff_of_cluster(user, invoice.cluster)


rules.add_perm("invoicing.view_invoices", is_platform_admin | is_cluster_staff)
rules.add_perm("invoicing.manage_invoice", is_platform_admin | is_staff_of_invoice_cluster)
rules.add_perm("invoicing.export_bookings", is_platform_admin | is_staff_of_cluster)


# --- mailings: segments ---
# Target groups reach into the whole central data (functions, memberships, events), so only
# the staff of the segment's cluster define, see and preview them.


@rules.predicate
def is_staff_of_segment_cluster(user, segment) -> bool:
    return segment is not None and is_staff_of_cluster(user, segment.cluster)


rules.add_perm("mailings.view_segments", is_platform_admin | is_cluster_staff)
rules.add_perm("mailings.manage_segments", is_platform_admin | is_staff_of_segment_cluster)


# --- mailings: subscriptions ---
# Subscribing, confirming and unsubscribing need no login: the signed link in the mail
# authorises. Lists themselves are run by the staff of their cluster.


@rules.predicate
def is_staff_of_mailing_list_cluster(user, mailing_list) -> bool:
    return mailing_list is not None and is_staff_of_cluster(user, mailing_list.cluster)


rules.add_perm("mailings.manage_list", is_platform_admin | is_staff_of_mailing_list_cluster)


def require_perm(request, permission: str, obj=None) -> None:
    """For views: refuse with 403 unless the user holds `permission` (on `obj`)."""
    from django.core.exceptions import PermissionDenied

    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


# --- mailings: composing and sending ---
# A mailing speaks for its cluster to the cluster's subscribers: only the staff of that
# cluster compose, preview, test, schedule and cancel it.


@rules.predicate
def is_staff_of_mailing_cluster(user, mailing) -> bool:
    return mailing is not None and is_staff_of_cluster(user, mailing.cluster)


rules.add_perm("mailings.view_mailings", is_platform_admin | is_cluster_staff)
rules.add_perm("mailings.manage_mailing", is_platform_admin | is_staff_of_mailing_cluster)


# --- mailings: archive ---
# Sent mailings in the public archive are for everyone; those archived for members only
# for the people of the cluster: its staff, platform admins, and whoever currently works
# at an organisation with a running membership of the cluster.


@rules.predicate
def works_at_member_of_cluster(user, cluster) -> bool:
    if not user.is_authenticated or cluster is None:
        return False

    from knotenpunkt.directory.models import Membership, Position

    organisations = (
        Position.objects.current()
        .filter(person__user=user, person__erased_at__isnull=True)
        .values("organisation")
    )
    return (
        Membership.objects.in_force()
        .filter(cluster=cluster, organisation__in=organisations)
        .exists()
    )


@rules.predicate
def is_in_public_archive(user, mailing) -> bool:
    from knotenpunkt.mailings.models import Mailing

    return (
        mailing is not None
        and mailing.status == Mailing.Status.SENT
        and mailing.archive == Mailing.Archive.PUBLIC
    )


@rules.predicate
def is_in_members_archive_of_own_cluster(user, mailing) -> bool:
    from knotenpunkt.mailings.models import Mailing

    if (
        mailing is None
        or mailing.status != Mailing.Status.SENT
        or mailing.archive != Mailing.Archive.MEMBERS
    ):
        return False
    return user.has_perm("mailings.view_members_archive", mailing.cluster)


rules.add_perm(
    "mailings.view_members_archive",
    is_platform_admin | is_staff_of_cluster | works_at_member_of_cluster,
)
rules.add_perm(
    "mailings.view_archived_mailing",
    is_in_public_archive | is_in_members_archive_of_own_cluster,
)


# --- matching: profiles, needs and contacts ---
# Who sees a need (and its author) is decided by knotenpunkt.matching.services.needs
# (the Viewer there also builds the queryset of visible needs, so list and detail agree);
# these predicates only wrap it.


@rules.predicate
def may_see_need(user, need) -> bool:
    from knotenpunkt.matching.services.needs import viewer_for

    return need is not None and viewer_for(user).may_see(need)


@rules.predicate
def may_see_need_author(user, need) -> bool:
    from knotenpunkt.matching.services.needs import viewer_for

    return need is not None and viewer_for(user).may_see_author(need)


@rules.predicate
def speaks_for_need(user, need) -> bool:
    """The people of the author organisation, and the staff of the need's cluster."""
    from knotenpunkt.matching.services.needs import viewer_for

    return need is not None and viewer_for(user).speaks_for(need)


@rules.predicate
def works_at_author_of_need(user, need) -> bool:
    from knotenpunkt.matching.services.needs import viewer_for

    return need is not None and need.organisation_id in viewer_for(user).organisation_ids


@rules.predicate
def may_offer_help_with_need(user, need) -> bool:
    """Someone from another organisation who sees an open need may express interest."""
    from knotenpunkt.matching.services.needs import viewer_for

    return need is not None and viewer_for(user).may_offer_help(need)


@rules.predicate
def works_at_an_organisation(user) -> bool:
    # Asked by the navigation on every page: one query, once per user object (= request).
    if not user.is_authenticated:
        return False
    if getattr(user, "_works_at_an_organisation", None) is None:
        from knotenpunkt.directory.models import Position

        user._works_at_an_organisation = (
            Position.objects.current()
            .filter(person__user=user, person__erased_at__isnull=True)
            .exists()
        )
    return user._works_at_an_organisation


@rules.predicate
def decides_on_contact(user, contact) -> bool:
    """The author organisation's people accept or decline a provider's interest."""
    from knotenpunkt.matching.services.needs import viewer_for

    return contact is not None and contact.need.organisation_id in viewer_for(user).organisation_ids


@rules.predicate
def takes_part_in_contact(user, contact) -> bool:
    """Either side of a contact, or the staff of the need's cluster."""
    from knotenpunkt.matching.services.needs import viewer_for

    if contact is None:
        return False
    viewer = viewer_for(user)
    return (
        contact.provider_id in viewer.organisation_ids
        or contact.need.organisation_id in viewer.organisation_ids
        or contact.need.cluster_id in viewer.staffed_cluster_ids
    )


rules.add_perm(
    "matching.edit_profile",
    is_platform_admin | is_staff_for_organisation | is_organisation_admin,
)
rules.add_perm("matching.view_need", may_see_need)
rules.add_perm("matching.view_need_author", may_see_need_author)
rules.add_perm("matching.post_need", works_at_an_organisation)
rules.add_perm("matching.view_suggestions", speaks_for_need)
rules.add_perm("matching.give_feedback", speaks_for_need)
rules.add_perm("matching.edit_need", is_platform_admin | works_at_author_of_need)
rules.add_perm("matching.express_interest", may_offer_help_with_need)
rules.add_perm("matching.decide_contact", is_platform_admin | decides_on_contact)
rules.add_perm("matching.mark_cooperation", is_platform_admin | takes_part_in_contact)
rules.add_perm("matching.view_matches_for_me", works_at_an_organisation)
rules.add_perm("matching.view_board", is_platform_admin | is_cluster_staff)


# --- procurement: the one-stop shop ---
# Providers list offerings; cluster staff review and publish them; only people working at
# a *verified* public buyer request quotes, award, order and review; a provider sees only
# the invitations and quotes of its own organisation; the buyer sees the quotes only once
# the deadline has passed (sealed until then, so no quote can be compared or leaked while
# others may still submit).


def _works_at(user, organisation_id) -> bool:
    from knotenpunkt.procurement.services.roles import organisation_ids

    return organisation_id is not None and organisation_id in organisation_ids(user)


@rules.predicate
def is_verified_buyer(user) -> bool:
    from knotenpunkt.procurement.services.roles import verified_buyers

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
    from knotenpunkt.procurement.services.roles import verified_buyers

    if offering is None or not offering.is_listed:
        return False
    return any(b.organisation_id != offering.provider_id for b in verified_buyers(user))


@rules.predicate
def works_at_requesting_buyer(user, request) -> bool:
    from knotenpunkt.procurement.services.roles import verified_buyers

    return request is not None and any(b.pk == request.buyer_id for b in verified_buyers(user))


@rules.predicate
def is_staff_for_requesting_buyer(user, request) -> bool:
    return request is not None and is_staff_for_organisation(user, request.buyer.organisation)


@rules.predicate
def quotes_unsealed(user, request) -> bool:
    return request is not None and (request.deadline_passed or request.status == "awarded")


@rules.predicate
def works_at_invited_provider(user, invitation) -> bool:
    return invitation is not None and _works_at(user, invitation.provider_id)


@rules.predicate
def invitation_open_for_quotes(user, invitation) -> bool:
    return invitation is not None and invitation.request.quotes_open


@rules.predicate
def takes_part_in_order(user, order) -> bool:
    from knotenpunkt.procurement.services.roles import verified_buyers

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
        and version.status in ("published", "superseded")
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
    from knotenpunkt.procurement.models import Order, QuoteInvitation
    from knotenpunkt.procurement.services.roles import verified_buyers

    buyers = [b.pk for b in verified_buyers(user)]
    if version is None or not buyers:
        return False
    return (
        Order.objects.filter(offering_version=version, buyer__in=buyers).exists()
        or QuoteInvitation.objects.filter(
            offering_version=version, request__buyer__in=buyers
        ).exists()
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
