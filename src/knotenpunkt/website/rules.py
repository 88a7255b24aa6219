"""Who may work on which cluster's website.

The platform's rules decide; Wagtail's own page and collection permissions are derived
from them (services.sites.sync_site_groups): the staff of a cluster are the editors of its
site, invited members of the cluster's organisations are portrait authors (drafts only,
published by staff through the "moderators approval" workflow).
"""

import rules
from django.db.models import QuerySet

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.models import Organisation, Person, Position
from knotenpunkt.directory.rules import (
    clusters_looked_after,
    is_cluster_staff,
    is_staff_of_cluster,
    visible_organisations,
    visible_people,
)
from knotenpunkt.website.models import ClusterSite


def sites_edited_by(user) -> QuerySet[ClusterSite]:
    """The cluster websites this user edits as staff (all for platform admins)."""
    return ClusterSite.objects.filter(cluster__in=clusters_looked_after(user))


@rules.predicate
def is_portrait_author(user) -> bool:
    if not user.is_authenticated:
        return False
    return ClusterSite.objects.filter(authors__user=user).exists()


@rules.predicate
def edits_cluster_site(user, cluster_site) -> bool:
    return cluster_site is not None and is_staff_of_cluster(user, cluster_site.cluster)


def own_organisations(user) -> QuerySet[Organisation]:
    """The organisations the user currently works at (what a portrait author may portray)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        pk__in=Position.objects.current()
        .filter(person__user=user, person__erased_at__isnull=True)
        .values("organisation")
    )


def linkable_organisations(user, page=None) -> QuerySet[Organisation]:
    """What an editor may link a page to: staff their clusters' organisations, a portrait
    author their own; plus what the page already links (an edit keeps it)."""
    if is_platform_admin(user) or is_cluster_staff(user):
        organisations = visible_organisations(user)
    else:
        organisations = own_organisations(user)
    kept = _kept(page, "organisation", "organisations")
    return Organisation.objects.filter(
        pk__in=organisations.values("pk")
    ) | Organisation.objects.filter(pk__in=kept)


def linkable_people(user, page=None) -> QuerySet[Person]:
    if is_platform_admin(user) or is_cluster_staff(user):
        people = visible_people(user)
    else:
        people = Person.objects.filter(
            erased_at__isnull=True,
            positions__in=Position.objects.current().filter(
                organisation__in=own_organisations(user)
            ),
        )
    kept = _kept(page, "person", None)
    return Person.objects.filter(pk__in=people.values("pk")) | Person.objects.filter(pk__in=kept)


def _kept(page, single: str, many: str | None) -> list[int]:
    if page is None or page.pk is None:
        return []
    kept = []
    if getattr(page, f"{single}_id", None):
        kept.append(getattr(page, f"{single}_id"))
    if many and hasattr(page, many):
        kept += [obj.pk for obj in getattr(page, many).all()]
    return kept


# Wagtail asks this for its whole admin (/cms/); which pages and images a user then sees
# is decided by the group permissions derived from the same rules.
rules.add_perm(
    "wagtailadmin.access_admin", is_platform_admin | is_cluster_staff | is_portrait_author
)
rules.add_perm("website.edit_site", is_platform_admin | edits_cluster_site)
# "Translate this page" (wagtail.contrib.simple_translation) for the staff who edit a site;
# which pages they may translate is again decided by their page permissions.
rules.add_perm(
    "simple_translation.submit_translation", is_platform_admin | is_cluster_staff
)
