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
    return bool(user.is_authenticated and user.staffed_clusters.exists())


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
