"""The owners' pages: each sees the subscriptions of their own organisations and
clusters only, and every action asks the same rule."""

import pytest
from django.urls import reverse

from knotenpunkt.webhooks.models import Subscription
from knotenpunkt.webhooks.services import create_subscription
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_staff(other_cluster):
    user = UserFactory(email="olga@logistik.example")
    other_cluster.staff.add(user)
    return user


@pytest.fixture
def other_cluster_hook(allow_local, other_cluster, other_staff):
    return create_subscription(
        other_staff,
        cluster=other_cluster,
        url="http://127.0.0.1:9/logistik",
        event_types=["mailing.sent"],
    )


def test_staff_see_their_clusters_subscriptions_and_not_another_clusters(
    client_for, alice, cluster_hook, org_hook, other_cluster_hook
):
    page = client_for(alice).get(reverse("webhooks:list")).content.decode()
    assert reverse("webhooks:subscription", args=[cluster_hook.pk]) in page
    assert reverse("webhooks:subscription", args=[other_cluster_hook.pk]) not in page
    # An organisation's subscription belongs to its admins, not to the cluster staff.
    assert reverse("webhooks:subscription", args=[org_hook.pk]) not in page


def test_staff_of_another_cluster_get_404_on_the_subscription_its_log_and_actions(
    client_for, other_staff, cluster_hook
):
    client = client_for(other_staff)
    assert client.get(reverse("webhooks:subscription", args=[cluster_hook.pk])).status_code == 404
    for name in ("rotate", "test", "disable", "delete", "edit"):
        response = client.post(reverse(f"webhooks:{name}", args=[cluster_hook.pk]))
        assert response.status_code == 404, name
    assert Subscription.objects.filter(pk=cluster_hook.pk, is_active=True).exists()


def test_an_organisation_admin_sees_the_secret_and_the_log(client_for, bob, org_hook):
    page = client_for(bob).get(reverse("webhooks:subscription", args=[org_hook.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert org_hook.secret in text
    assert "webhook-signature" in text


def test_a_colleague_without_admin_rights_may_not_use_webhooks(client_for, carol, org_hook):
    client = client_for(carol)
    assert client.get(reverse("webhooks:list")).status_code == 403
    assert client.get(reverse("webhooks:subscription", args=[org_hook.pk])).status_code == 404


def test_an_admin_creates_a_subscription_for_their_organisation(
    client_for, bob, member_org, allow_local
):
    response = client_for(bob).post(
        reverse("webhooks:create"),
        {
            "owner": f"organisation:{member_org.pk}",
            "url": "http://127.0.0.1:9/crm",
            "description": "CRM",
            "event_types": ["invoice.issued", "order.placed"],
        },
    )
    subscription = Subscription.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("webhooks:subscription", args=[subscription.pk])
    assert subscription.organisation == member_org
    assert subscription.event_types == ["order.placed", "invoice.issued"]
    assert subscription.secret.startswith("whsec_")
    assert subscription.created_by == bob


def test_a_private_address_is_refused_on_the_form_with_a_clear_message(client_for, bob, member_org):
    response = client_for(bob).post(
        reverse("webhooks:create"),
        {
            "owner": f"organisation:{member_org.pk}",
            "url": "https://10.0.0.1/crm",
            "event_types": ["invoice.issued"],
        },
    )
    assert response.status_code == 422
    assert "10.0.0.1" in response.content.decode()
    assert not Subscription.objects.exists()


def test_an_admin_cannot_create_a_subscription_for_a_cluster_they_do_not_staff(
    client_for, bob, cluster
):
    response = client_for(bob).post(
        reverse("webhooks:create"),
        {"owner": f"cluster:{cluster.pk}", "url": "https://93.184.215.14/", "event_types": []},
    )
    assert response.status_code == 422
    assert not Subscription.objects.exists()


def test_renewing_the_secret_changes_it(client_for, alice, cluster_hook):
    old = cluster_hook.secret
    client_for(alice).post(reverse("webhooks:rotate", args=[cluster_hook.pk]))
    cluster_hook.refresh_from_db()
    assert cluster_hook.secret != old and cluster_hook.secret.startswith("whsec_")


def test_the_log_shows_a_delivery_with_payload_and_response_and_sends_it_again(
    client_for, alice, cluster_hook, receiver, django_capture_on_commit_callbacks
):
    client = client_for(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("webhooks:test", args=[cluster_hook.pk]))
    delivery = cluster_hook.deliveries.get()
    page = client.get(reverse("webhooks:subscription", args=[cluster_hook.pk])).content.decode()
    assert reverse("webhooks:delivery", args=[delivery.pk]) in page
    detail = client.get(reverse("webhooks:delivery", args=[delivery.pk])).content.decode()
    assert "webhook.test" in detail
    assert "{&quot;ok&quot;: true}" in detail
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("webhooks:redeliver", args=[delivery.pk]))
    assert cluster_hook.deliveries.count() == 2
    assert len(receiver.requests) == 2


def test_the_subscription_page_costs_a_fixed_number_of_queries(
    client_for,
    alice,
    cluster_hook,
    receiver,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    from knotenpunkt.webhooks.services import send_test_event

    client = client_for(alice)
    for _n in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            send_test_event(alice, cluster_hook)
    with django_assert_max_num_queries(12):
        assert (
            client.get(reverse("webhooks:subscription", args=[cluster_hook.pk])).status_code == 200
        )
    with django_assert_max_num_queries(12):
        assert client.get(reverse("webhooks:list")).status_code == 200


def test_the_management_menu_and_the_organisation_page_link_to_the_webhooks(
    client_for, alice, bob, member_org
):
    url = reverse("webhooks:list")
    assert f'href="{url}"' in client_for(alice).get(reverse("home")).content.decode()
    page = client_for(bob).get(member_org.get_absolute_url()).content.decode()
    assert f'href="{url}"' in page
