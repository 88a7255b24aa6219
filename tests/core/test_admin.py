"""The back office works for daily use: every list, search, add form and the CSV export."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def platform_admin(db):
    return UserFactory(email="root@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def some_data(member_org, bob, carol):
    return member_org


def admin_urls():
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        yield f"admin:{info[0]}_{info[1]}_changelist"
        if model_admin.has_add_permission.__func__ is admin.ModelAdmin.has_add_permission:
            yield f"admin:{info[0]}_{info[1]}_add"


@pytest.mark.parametrize("url_name", sorted(set(admin_urls())))
def test_every_admin_page_opens(client, platform_admin, some_data, url_name):
    client.force_login(platform_admin)
    response = client.get(reverse(url_name), {"q": "Nordlicht"} if "changelist" in url_name else {})
    assert response.status_code == 200


def test_csv_export_of_selected_organisations(client, platform_admin, some_data):
    client.force_login(platform_admin)
    response = client.post(
        reverse("admin:directory_organisation_changelist"),
        {
            "action": "export_as_csv",
            "_selected_action": [some_data.pk],
        },
    )
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Name;")
    assert "Nordlicht Software GmbH" in text


def test_cluster_staff_see_only_their_clusters_organisations(
    client, alice, member_org, other_cluster
):
    from django.contrib.auth.models import Permission

    alice.user_permissions.add(*Permission.objects.filter(content_type__app_label="directory"))
    foreign = OrganisationFactory(name="Fremde Reederei GmbH")
    MembershipFactory(organisation=foreign, cluster=other_cluster)
    client.force_login(alice)
    page = client.get(reverse("admin:directory_organisation_changelist")).text
    assert "Nordlicht Software GmbH" in page
    assert "Fremde Reederei GmbH" not in page


def test_admin_change_is_written_to_the_audit_log(client, platform_admin, some_data):
    from knotenpunkt.core.models import AuditEntry

    client.force_login(platform_admin)
    url = reverse("admin:directory_cluster_change", args=[some_data.memberships.get().cluster_id])
    page = client.get(url)
    assert page.status_code == 200
    cluster = some_data.memberships.get().cluster
    response = client.post(
        url,
        {
            "name": "DiWiSH neu",
            "short_name": "",
            "slug": cluster.slug,
            "description": "",
            "brand_colour": "#1d4f91",
            "email": "",
            "phone": "",
            "website": "",
            "street": "",
            "postcode": "",
            "city": "",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="core.admin.changed")
    assert entry.data["changes"]["name"] == ["DiWiSH Digitale Wirtschaft", "DiWiSH neu"]
