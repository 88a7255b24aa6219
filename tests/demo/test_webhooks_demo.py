"""The webhooks demo: an organisation's and a cluster's subscription, each with a log of
signed-looking real payloads, mostly delivered, one 500 given up and sent again by hand.

Built once for this module inside a transaction that is rolled back afterwards, like
test_demo.py; every test asks for `db` too so that pytest-django keeps them together.
"""

from django.urls import reverse

from knotenpunkt.demo.plan import DIGITAL, ORG_ADMIN_ORG
from knotenpunkt.webhooks.models import Delivery, Subscription


def test_the_demo_has_an_organisations_and_a_clusters_subscription_with_deliveries(demo, db):
    org_hook = Subscription.objects.get(organisation__name=ORG_ADMIN_ORG)
    cluster_hook = Subscription.objects.get(cluster__slug=DIGITAL["slug"])
    for subscription in (org_hook, cluster_hook):
        assert subscription.secret.startswith("whsec_")
        assert subscription.deliveries.filter(status=Delivery.Status.SUCCEEDED).count() >= 2
    given_up = org_hook.deliveries.get(status=Delivery.Status.GIVEN_UP)
    assert given_up.response_status == 500
    assert org_hook.deliveries.get(manual=True, message=given_up.message).response_status == 200
    retried = cluster_hook.deliveries.get(attempts=2)
    assert retried.status == Delivery.Status.SUCCEEDED


def test_the_demo_org_admin_reads_the_log(demo, db, client):
    client.force_login(
        Subscription.objects.get(organisation__name=ORG_ADMIN_ORG)
        .organisation.positions.get(is_admin=True, person__user__email="orgadmin@demo.example")
        .person.user
    )
    subscription = Subscription.objects.get(organisation__name=ORG_ADMIN_ORG)
    page = client.get(reverse("webhooks:subscription", args=[subscription.pk]))
    assert page.status_code == 200
    assert "invoice.issued" in page.content.decode()
