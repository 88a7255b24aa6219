"""Who may work on which cluster's website.

The platform's rules decide; Wagtail's own page and collection permissions are derived
from them (services.sites.sync_site_groups): the staff of a cluster are the editors of its
site, invited members of the cluster's organisations are portrait authors (drafts only,
published by staff through the "moderators approval" workflow).
"""

import rules
from django.db.models import Q, QuerySet

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


def sites_worked_on(user) -> QuerySet[ClusterSite]:
    """The cluster websites the user edits as staff or writes portraits for (all for
    platform admins): what Wagtail's editor may name to them."""
    if not user.is_authenticated:
        return ClusterSite.objects.none()
    if is_platform_admin(user):
        return ClusterSite.objects.all()
    return ClusterSite.objects.filter(
        Q(cluster__in=clusters_looked_after(user)) | Q(authors__user=user)
    ).distinct()


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
rules.add_perm("website.manage_portrait_authors", is_platform_admin | edits_cluster_site)
# "Translate this page" (wagtail.contrib.simple_translation) for the staff who edit a site;
# which pages they may translate is again decided by their page permissions.
rules.add_perm("simple_translation.submit_translation", is_platform_admin | is_cluster_staff)


def readable_page_ids(user, ids) -> set[int]:
    """Of the pages `ids`, those the user may read: live, and public or behind a login
    (logged in) or group restriction (a member of one of its groups); never behind a
    password (the feed cannot hand that out)."""
    from wagtail.models import Page, PageViewRestriction

    pages = list(Page.objects.live().filter(pk__in=list(ids)).only("path"))
    if not pages:
        return set()
    restrictions = list(
        PageViewRestriction.objects.filter(
            page__path__in={
                p.path[:length] for p in pages for length in range(4, len(p.path) + 1, 4)
            }
        )
        .select_related("page")
        .prefetch_related("groups")
    )
    user_groups = set(user.groups.values_list("pk", flat=True)) if user.is_authenticated else set()

    def lets_in(restriction) -> bool:
        if restriction.restriction_type == PageViewRestriction.LOGIN:
            return user.is_authenticated
        if restriction.restriction_type == PageViewRestriction.GROUPS:
            return user.is_superuser or bool(user_groups & {g.pk for g in restriction.groups.all()})
        return False

    return {
        page.pk
        for page in pages
        if all(lets_in(r) for r in restrictions if page.path.startswith(r.page.path))
    }


def cluster_site_of_page(page) -> ClusterSite | None:
    """The cluster website a page belongs to (below its start page in any language)."""
    from wagtail.models import Page

    for cluster_site in ClusterSite.objects.select_related("cluster", "site__root_page"):
        homes = Page.objects.filter(translation_key=cluster_site.site.root_page.translation_key)
        if any(page.path.startswith(home.path) for home in homes.only("path")):
            return cluster_site
    return None


def may_request_portrait_consent(user, portrait) -> bool:
    """Who may ask the portrayed person: the staff of the portrait's cluster for people of
    the cluster's member organisations, a portrait author only for people (and the
    organisation) of their own organisation; platform admins always."""
    if portrait is None or not portrait.person_id or not user.is_authenticated:
        return False
    if is_platform_admin(user):
        return True
    cluster_site = cluster_site_of_page(portrait)
    if cluster_site is None:
        return False
    works_at = Position.objects.current().filter(person_id=portrait.person_id)
    if is_staff_of_cluster(user, cluster_site.cluster):
        from knotenpunkt.directory.models import Membership

        members = Membership.objects.in_force().filter(cluster=cluster_site.cluster)
        return works_at.filter(organisation__in=members.values("organisation")).exists()
    if not cluster_site.authors.user_set.filter(pk=user.pk).exists():
        return False
    own = own_organisations(user)
    if portrait.organisation_id and not own.filter(pk=portrait.organisation_id).exists():
        return False
    return works_at.filter(organisation__in=own).exists()
