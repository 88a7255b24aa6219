"""Signed deliveries to a real receiver, retries on the schedule, redelivery, and the
subscription switched off (with a mail) after repeated failure."""

from datetime import timedelta

import pytest
from django.utils import timezone
from freezegun import freeze_time
from standardwebhooks import Webhook

from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.webhooks.models import Delivery
from knotenpunkt.webhooks.services import (
    emit,
    enable,
    redeliver,
    retry_schedule,
    rotate_secret,
    send_due,
    send_test_event,
)

pytestmark = pytest.mark.django_db


def emit_invoice(member_org, cluster, capture):
    with capture(execute=True):
        return emit(
            "invoice.issued",
            {"invoice": {"id": 7}},
            organisations=[member_org],
            clusters=[cluster],
        )


def test_a_delivery_arrives_after_commit_signed_so_that_standardwebhooks_verifies_it(
    receiver, org_hook, member_org, cluster, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = emit("invoice.issued", {"invoice": {"id": 7}}, organisations=[member_org])
        assert receiver.requests == []
    for callback in callbacks:
        callback()
    assert len(receiver.requests) == 1
    headers, body = receiver.requests[0]
    payload = Webhook(org_hook.secret).verify(body, headers)
    assert payload["type"] == "invoice.issued"
    assert payload["data"] == {"invoice": {"id": 7}}
    assert headers["webhook-id"] == message.pk
    assert message.pk.startswith("msg_")
    delivery = Delivery.objects.get(message=message)
    assert delivery.status == Delivery.Status.SUCCEEDED
    assert delivery.response_status == 200
    assert delivery.response_body == '{"ok": true}'
    assert delivery.attempts == 1


def test_a_signature_made_with_another_secret_does_not_verify(
    receiver, org_hook, member_org, cluster, django_capture_on_commit_callbacks
):
    old_secret = org_hook.secret
    rotate_secret(None, org_hook)
    emit_invoice(member_org, cluster, django_capture_on_commit_callbacks)
    headers, body = receiver.requests[0]
    Webhook(org_hook.secret).verify(body, headers)
    with pytest.raises(Exception, match="No matching signature"):
        Webhook(old_secret).verify(body, headers)


def test_a_failed_delivery_is_logged_with_the_response_and_retried_on_the_schedule(
    receiver, org_hook, member_org, cluster, django_capture_on_commit_callbacks
):
    receiver.statuses = [500, 503]
    message = emit_invoice(member_org, cluster, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(message=message)
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.response_status == 500
    assert delivery.response_body == "receiver broken: database down"
    assert "status 500" in delivery.error
    first_retry = delivery.next_attempt_at
    assert first_retry - delivery.last_attempt_at == timedelta(seconds=5)
    # Not due yet: nothing is sent.
    assert send_due()["failed"] == 0
    with freeze_time(first_retry + timedelta(seconds=1)):
        assert send_due() == {"succeeded": 0, "failed": 1, "given_up": 0}
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert delivery.next_attempt_at - delivery.last_attempt_at == timedelta(minutes=5)
    with freeze_time(delivery.next_attempt_at + timedelta(seconds=1)):
        assert send_due()["succeeded"] == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SUCCEEDED
    assert len(receiver.requests) == 3
    assert {h["webhook-id"] for h, _b in receiver.requests} == {message.pk}


def test_a_delivery_is_given_up_after_the_last_retry(
    receiver, org_hook, member_org, cluster, django_capture_on_commit_callbacks
):
    receiver.statuses = [500] * 10
    message = emit_invoice(member_org, cluster, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(message=message)
    for _wait in retry_schedule():
        with freeze_time(delivery.next_attempt_at + timedelta(seconds=1)):
            send_due()
        delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.GIVEN_UP
    assert delivery.attempts == len(retry_schedule()) + 1 == 7


def test_an_unreachable_receiver_is_logged_as_connection_failure(
    allow_local, member_org, bob, cluster, django_capture_on_commit_callbacks
):
    from knotenpunkt.webhooks.services import create_subscription

    create_subscription(
        bob,
        organisation=member_org,
        url="http://127.0.0.1:9/nothing",
        event_types=["invoice.issued"],
    )
    message = emit_invoice(member_org, cluster, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(message=message)
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.response_status is None
    assert delivery.error.startswith("The connection failed")


def test_a_logged_delivery_can_be_sent_again(
    receiver, org_hook, member_org, cluster, django_capture_on_commit_callbacks
):
    message = emit_invoice(member_org, cluster, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(message=message)
    with django_capture_on_commit_callbacks(execute=True):
        again = redeliver(None, delivery)
    again.refresh_from_db()
    assert again.manual and again.status == Delivery.Status.SUCCEEDED
    assert [h["webhook-id"] for h, _b in receiver.requests] == [message.pk, message.pk]


def test_a_test_event_reaches_only_the_chosen_subscription(
    receiver, org_hook, cluster_hook, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_test_event(None, cluster_hook)
    assert len(receiver.requests) == 1
    headers, body = receiver.requests[0]
    assert Webhook(cluster_hook.secret).verify(body, headers)["type"] == "webhook.test"


def test_repeated_failure_switches_the_subscription_off_and_mails_its_owners(
    receiver, org_hook, member_org, cluster, bob, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_RETRY_SCHEDULE = []
    settings.WEBHOOKS_DISABLE_AFTER_GIVEN_UP = 3
    receiver.statuses = [500] * 10
    for _n in range(3):
        emit_invoice(member_org, cluster, django_capture_on_commit_callbacks)
    org_hook.refresh_from_db()
    assert not org_hook.is_active
    assert "3" in org_hook.disabled_reason
    mail = OutgoingMail.objects.get(kind="webhooks_subscription_disabled")
    assert mail.to == "bob@nordlicht.example"
    assert receiver.url in mail.body_text
    assert f"/webhooks/{org_hook.pk}/" in mail.body_text
    # Switched off: new events are not sent.
    assert emit_invoice(member_org, cluster, django_capture_on_commit_callbacks) is None
    assert len(receiver.requests) == 3
    enable(None, org_hook)
    assert emit_invoice(member_org, cluster, django_capture_on_commit_callbacks) is not None


def test_a_success_resets_the_count_of_failures(
    receiver, org_hook, member_org, cluster, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_RETRY_SCHEDULE = []
    settings.WEBHOOKS_DISABLE_AFTER_GIVEN_UP = 3
    receiver.statuses = [500, 500, 200, 500, 500]
    for _n in range(5):
        emit_invoice(member_org, cluster, django_capture_on_commit_callbacks)
    org_hook.refresh_from_db()
    assert org_hook.is_active
    assert org_hook.consecutive_failures == 2


def test_a_crashed_workers_claim_runs_out_and_the_delivery_is_sent_later(
    receiver, org_hook, member_org, cluster, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        message = emit("invoice.issued", {}, organisations=[member_org])
    Delivery.objects.filter(message=message).update(
        status=Delivery.Status.SENDING,
        claim="dead",
        leased_until=timezone.now() + timedelta(minutes=10),
    )
    assert send_due()["succeeded"] == 0
    with freeze_time(timezone.now() + timedelta(minutes=11)):
        assert send_due()["succeeded"] == 1
