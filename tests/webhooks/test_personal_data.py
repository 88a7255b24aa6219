"""Who created a subscription is the only personal data the webhooks keep."""

import pytest

from knotenpunkt.core.audit import entries_for
from knotenpunkt.webhooks.personal_data import erase_subscriptions, export_subscriptions
from knotenpunkt.webhooks.services import change_subscription

pytestmark = pytest.mark.django_db


def test_the_export_lists_the_subscriptions_a_person_created(org_hook, bob, receiver):
    (exported,) = export_subscriptions(bob.person)
    assert exported["url"] == receiver.url
    assert exported["owner"] == "Nordlicht Software GmbH"


def test_erasure_forgets_the_creator_and_keeps_the_subscription(org_hook, bob):
    erase_subscriptions(bob.person)
    org_hook.refresh_from_db()
    assert org_hook.created_by is None
    assert org_hook.is_active


def test_changes_are_audited_with_what_changed(org_hook, bob, receiver):
    change_subscription(
        bob, org_hook, url=receiver.url, event_types=["invoice.paid"], description="CRM"
    )
    actions = [e.action for e in entries_for(org_hook)]
    assert "webhooks.subscription.created" in actions
    assert "webhooks.subscription.changed" in actions
