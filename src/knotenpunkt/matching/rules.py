"""Profiles, needs and contacts.

Who sees a need (and its author) is decided by knotenpunkt.matching.services.needs (the
Viewer there also builds the queryset of visible needs, so list and detail agree); these
predicates only wrap it.
"""

import rules

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.rules import (
    clusters_looked_after,
    is_cluster_staff,
    is_organisation_admin,
    is_staff_for_organisation,
    works_at_an_organisation,
)
from knotenpunkt.matching.services.needs import board_needs, viewer_for


@rules.predicate
def may_see_need(user, need) -> bool:
    return need is not None and viewer_for(user).may_see(need)


@rules.predicate
def may_see_need_author(user, need) -> bool:
    return need is not None and viewer_for(user).may_see_author(need)


@rules.predicate
def speaks_for_need(user, need) -> bool:
    """The people of the author organisation, and the staff of the need's cluster."""
    return need is not None and viewer_for(user).speaks_for(need)


@rules.predicate
def works_at_author_of_need(user, need) -> bool:
    return need is not None and need.organisation_id in viewer_for(user).organisation_ids


@rules.predicate
def may_offer_help_with_need(user, need) -> bool:
    """Someone from another organisation who sees an open need may express interest."""
    return need is not None and viewer_for(user).may_offer_help(need)


@rules.predicate
def decides_on_contact(user, contact) -> bool:
    """The author organisation's people accept or decline a provider's interest."""
    return contact is not None and contact.need.organisation_id in viewer_for(user).organisation_ids


@rules.predicate
def takes_part_in_contact(user, contact) -> bool:
    """Either side of a contact, or the staff of the need's cluster."""
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


def visible_board_needs(user):
    """The staff's matchmaking board: open needs of the clusters they look after, whatever
    their visibility (needs members see are scoped by the Viewer in services.needs)."""
    return board_needs(clusters_looked_after(user))
