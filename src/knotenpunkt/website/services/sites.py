"""A cluster's website: its page tree in German and English, its editors and authors."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Membership, Position
from knotenpunkt.outbox.services import queue_mail
from knotenpunkt.website.models import (
    ArticleIndexPage,
    ClusterSite,
    HomePage,
    PortraitIndexPage,
    StandardPage,
)

# The pages every cluster site starts with: (type, German title and slug, English ones).
STARTING_PAGES = [
    (StandardPage, ("Über uns", "ueber-uns"), ("About us", "about")),
    (ArticleIndexPage, ("Aktuelles", "aktuelles"), ("News", "news")),
    (PortraitIndexPage, ("Porträts", "portraets"), ("Portraits", "portraits")),
    (StandardPage, ("Impressum", "impressum"), ("Imprint", "imprint")),
    (StandardPage, ("Datenschutz", "datenschutz"), ("Privacy", "privacy")),
]
EDITOR_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
# Wagtail checks the permissions of its own Image model, also for a custom image model.
EDITOR_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
AUTHOR_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
)


def _locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _translate(page: Page, title: str, slug: str) -> Page:
    """The page's English translation (Wagtail's own i18n: same translation key), published."""
    english = _locale("en")
    existing = page.get_translations().filter(locale=english).first()
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(english)
    translation.title, translation.slug = title, slug
    _publish(translation)
    return translation


@transaction.atomic
def ensure_cluster_site(cluster, hostname: str, *, actor=None, port: int = 80) -> ClusterSite:
    """Create (or complete) the cluster's website: home page in German with its English
    translation, about, news, portraits, imprint and privacy pages, the Wagtail site for
    `hostname`, the editors' and authors' groups with their permissions and the image
    collection. Running it again changes nothing but the host name."""
    existing = ClusterSite.objects.select_related("site").filter(cluster=cluster).first()
    if existing is not None:
        if existing.site.hostname != hostname or existing.site.port != port:
            existing.site.hostname, existing.site.port = hostname, port
            existing.site.save(update_fields=["hostname", "port"])
        sync_site_groups(existing)
        return existing

    german = _locale("de")
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title=cluster.name, slug=f"site-{cluster.slug}", locale=german)
    )
    _publish(home)
    # Both start pages are children of the tree root: their slugs must differ.
    home_en = _translate(home, cluster.name, f"site-{cluster.slug}-en")
    for page_type, (title_de, slug_de), (title_en, slug_en) in STARTING_PAGES:
        page = home.add_child(instance=page_type(title=title_de, slug=slug_de, locale=german))
        _publish(page)
        _translate(page, title_en, slug_en)

    site = Site.objects.create(hostname=hostname, port=port, root_page=home, site_name=cluster.name)
    editors = Group.objects.create(name=f"Website: {cluster.name}")
    authors = Group.objects.create(name=f"Website authors: {cluster.name}")
    collection = Collection.get_first_root_node().add_child(name=cluster.name)
    cluster_site = ClusterSite.objects.create(
        cluster=cluster, site=site, editors=editors, authors=authors, collection=collection
    )
    for page in (home, home_en):
        for permission_type in EDITOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.create(
                group=editors, page=page, permission_type=permission_type
            )
    for index in portrait_indexes(cluster_site):
        # Authors create and edit their own drafts and submit them; staff publish.
        GroupPagePermission.objects.create(group=authors, page=index, permission_type="add")
    _grant_collection(editors, collection, EDITOR_COLLECTION_PERMISSIONS)
    _grant_collection(authors, collection, AUTHOR_COLLECTION_PERMISSIONS)
    _moderation_workflow(cluster, editors, (home, home_en))
    sync_site_groups(cluster_site)
    log_action(actor, "website.site.created", cluster, hostname=hostname)
    return cluster_site


def _grant_collection(group, collection, permissions) -> None:
    for app_label, codename in permissions:
        GroupCollectionPermission.objects.create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )


def _moderation_workflow(cluster, editors, pages) -> None:
    """Wagtail's "moderators approval", with the cluster's staff as the moderators."""
    task = GroupApprovalTask.objects.create(name=f"Moderators approval: {cluster.name}")
    task.groups.set([editors])
    workflow = Workflow.objects.create(name=f"Website: {cluster.name}")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for page in pages:
        WorkflowPage.objects.create(workflow=workflow, page=page)


def home_pages(cluster_site: ClusterSite) -> list[Page]:
    """The site's start page in every language."""
    return list(cluster_site.site.root_page.get_translations(inclusive=True))


def portrait_indexes(cluster_site: ClusterSite):
    return PortraitIndexPage.objects.filter(
        path__regex="^(" + "|".join(p.path for p in home_pages(cluster_site)) + ")"
    )


def sync_site_groups(cluster_site: ClusterSite) -> None:
    """The editors' group holds exactly the cluster's staff (the platform's rules decide;
    Wagtail's permissions follow)."""
    cluster_site.editors.user_set.set(cluster_site.cluster.staff.all())


def sync_all_site_groups() -> int:
    """Bring every cluster site's editors in line with its staff (after an upgrade, or
    data changed without the signal)."""
    sites = ClusterSite.objects.select_related("cluster", "editors")
    for cluster_site in sites:
        sync_site_groups(cluster_site)
    return len(sites)


class AuthorRefused(ValueError):
    """Said to the staff member in the page's words."""


def author_candidates(cluster_site: ClusterSite):
    """Accounts of people who work at one of the cluster's member organisations today: who
    may be invited to write portraits of their own organisation."""
    User = get_user_model()
    members = Membership.objects.in_force().filter(cluster=cluster_site.cluster)
    return User.objects.filter(
        is_active=True,
        person__erased_at__isnull=True,
        person__positions__in=Position.objects.current().filter(
            organisation__in=members.values("organisation")
        ),
    ).distinct()


def portrait_authors(cluster_site: ClusterSite):
    return cluster_site.authors.user_set.select_related("person").order_by("email")


@transaction.atomic
def invite_portrait_author(actor, cluster_site: ClusterSite, user) -> None:
    """Let a member write portrait drafts of their own organisation on this cluster's site
    (published by the staff after review), and tell them by mail."""
    if not author_candidates(cluster_site).filter(pk=user.pk).exists():
        raise AuthorRefused(
            _("%(user)s works at no member organisation of %(cluster)s.")
            % {"user": user.email, "cluster": cluster_site.cluster.name}
        )
    if cluster_site.authors.user_set.filter(pk=user.pk).exists():
        return
    cluster_site.authors.user_set.add(user)
    log_action(actor, "website.author.invited", cluster_site.cluster, user_id=user.pk)
    queue_mail(
        "website_author_invited",
        user.email,
        {
            "name": user.person.full_name if getattr(user, "person", None) else user.email,
            "cluster": cluster_site.cluster.name,
            "editor_url": settings.SITE_URL.rstrip("/") + reverse("wagtailadmin_home"),
        },
    )


@transaction.atomic
def revoke_portrait_author(actor, cluster_site: ClusterSite, user) -> None:
    """The author writes no more portraits here; their drafts stay with the staff."""
    if cluster_site.authors.user_set.filter(pk=user.pk).exists():
        cluster_site.authors.user_set.remove(user)
        log_action(actor, "website.author.revoked", cluster_site.cluster, user_id=user.pk)
