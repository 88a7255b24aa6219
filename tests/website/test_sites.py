import pytest
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Page, Site

from knotenpunkt.website.models import (
    ArticleIndexPage,
    ClusterSite,
    HomePage,
    PortraitIndexPage,
    StandardPage,
)
from knotenpunkt.website.services.sites import ensure_cluster_site, home_pages, sync_all_site_groups
from tests.factories import UserFactory
from tests.website.conftest import HOST_A

pytestmark = pytest.mark.django_db


def test_ensure_cluster_site_builds_the_tree_in_german_and_english(site_a):
    homes = {page.locale.language_code: page.specific for page in home_pages(site_a)}
    assert set(homes) == {"de", "en"}
    assert isinstance(homes["de"], HomePage) and homes["de"].live and homes["en"].live
    assert homes["en"].translation_key == homes["de"].translation_key
    for home in homes.values():
        children = Page.objects.child_of(home).live().specific()
        kinds = {type(page) for page in children}
        assert kinds == {StandardPage, ArticleIndexPage, PortraitIndexPage}
        assert children.count() == 5
    assert site_a.site.root_page_id == homes["de"].pk
    assert site_a.site.hostname == HOST_A
    assert site_a.editors.name == f"Website: {site_a.cluster.name}"


def test_ensure_cluster_site_is_idempotent(cluster, site_a):
    again = ensure_cluster_site(cluster, "neu.example")
    assert again.pk == site_a.pk
    assert ClusterSite.objects.count() == 1
    assert HomePage.objects.count() == 2
    assert Site.objects.get(pk=site_a.site_id).hostname == "neu.example"


def test_editors_group_follows_cluster_staff(cluster, site_a, alice):
    assert list(site_a.editors.user_set.all()) == [alice]
    newcomer = UserFactory()
    cluster.staff.add(newcomer)
    assert set(site_a.editors.user_set.all()) == {alice, newcomer}
    cluster.staff.remove(alice)
    assert list(site_a.editors.user_set.all()) == [newcomer]
    newcomer.staffed_clusters.clear()
    assert not site_a.editors.user_set.exists()


def test_sync_all_site_groups_repairs_drifted_editors(cluster, site_a, alice):
    site_a.editors.user_set.clear()
    assert sync_all_site_groups() == 1
    assert list(site_a.editors.user_set.all()) == [alice]


def test_editors_get_page_permissions_on_both_home_pages(site_a):
    pages = set(
        GroupPagePermission.objects.filter(group=site_a.editors).values_list("page", flat=True)
    )
    assert pages == {page.pk for page in home_pages(site_a)}


def test_command_creates_a_site(cluster, capsys):
    call_command("ensure_cluster_site", cluster.slug, "web.diwish.example")
    assert ClusterSite.objects.get(cluster=cluster).site.hostname == "web.diwish.example"
    assert "web.diwish.example/de/web/" in capsys.readouterr().out
