"""Composing a mailing: the editing service saves, audits and respects sending."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.mailings.forms.mailings import BlockFormSet, MailingForm
from knotenpunkt.mailings.models import Mailing, MailingBlock, Segment
from knotenpunkt.mailings.services.editing import (
    create_mailing,
    sample_recipients,
    update_mailing,
)
from tests.factories import PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db


def bound_forms(mailing, newsletter, blocks, initial_blocks=0, **fields):
    data = {
        "mailing_list": newsletter.pk,
        "template": "newsletter",
        "subject": "Neues aus dem Cluster",
        "language": "de",
        "formal": "on",
        "archive": "none",
        "blocks-TOTAL_FORMS": len(blocks),
        "blocks-INITIAL_FORMS": initial_blocks,
        "blocks-MIN_NUM_FORMS": 0,
        "blocks-MAX_NUM_FORMS": 30,
    }
    for i, block in enumerate(blocks):
        for key, value in {"kind": "text", "position": i + 1, **block}.items():
            data[f"blocks-{i}-{key}"] = value
    data.update(fields)
    form = MailingForm(data, instance=mailing, cluster=mailing.cluster)
    formset = BlockFormSet(data, instance=mailing, cluster=mailing.cluster)
    assert form.is_valid(), form.errors
    assert formset.is_valid(), formset.errors
    return form, formset


def existing_rows(mailing):
    return [
        {"id": b.pk, "kind": b.kind, "heading": b.heading, "text": b.text, "position": b.position}
        for b in mailing.blocks.order_by("position")
    ]


def test_creating_a_mailing_records_its_author_and_an_audit_entry(cluster, newsletter, alice):
    form, blocks = bound_forms(
        Mailing(cluster=cluster), newsletter, [{"heading": "Hallo", "text": "Text"}]
    )
    mailing = create_mailing(alice, form, blocks)
    entry = AuditEntry.objects.get(action="mailings.mailing.created")
    assert mailing.created_by == alice
    assert mailing.status == Mailing.Status.DRAFT
    assert entry.actor == alice
    assert entry.target_id == str(mailing.pk)


def test_blocks_are_numbered_in_the_order_staff_gave(cluster, newsletter, alice):
    rows = [
        {"heading": "Zweiter", "text": "b", "position": 20},
        {"heading": "Erster", "text": "a", "position": 5},
    ]
    form, blocks = bound_forms(Mailing(cluster=cluster), newsletter, rows)
    mailing = create_mailing(alice, form, blocks)
    assert list(mailing.blocks.values_list("heading", "position")) == [
        ("Erster", 1),
        ("Zweiter", 2),
    ]


def test_changing_a_blocks_text_is_audited_without_copying_the_text(mailing, newsletter, alice):
    rows = existing_rows(mailing)
    rows[0]["text"] = "Ganz neuer, vertraulicher Text"
    form, blocks = bound_forms(mailing, newsletter, rows, initial_blocks=1)
    update_mailing(alice, form, blocks)
    entry = AuditEntry.objects.get(action="mailings.mailing.changed")
    assert "blocks" in entry.data["changes"]
    assert "vertraulicher" not in str(entry.data)


def test_a_change_of_the_subject_is_audited_with_old_and_new_value(mailing, newsletter, alice):
    form, blocks = bound_forms(
        mailing, newsletter, existing_rows(mailing), initial_blocks=1, subject="Neuer Betreff"
    )
    update_mailing(alice, form, blocks)
    entry = AuditEntry.objects.get(action="mailings.mailing.changed")
    assert entry.data["changes"]["subject"] == ["Neues aus dem Cluster", "Neuer Betreff"]


def test_saving_without_changes_writes_no_audit_entry(mailing, newsletter, alice):
    form, blocks = bound_forms(mailing, newsletter, existing_rows(mailing), initial_blocks=1)
    update_mailing(alice, form, blocks)
    assert not AuditEntry.objects.filter(action="mailings.mailing.changed").exists()


def test_a_mailing_that_started_sending_meanwhile_is_not_changed(mailing, newsletter, alice):
    form, blocks = bound_forms(
        mailing, newsletter, existing_rows(mailing), initial_blocks=1, subject="Zu spät"
    )
    Mailing.objects.filter(pk=mailing.pk).update(status=Mailing.Status.SENDING)
    with pytest.raises(ValidationError):
        update_mailing(alice, form, blocks)
    assert Mailing.objects.get(pk=mailing.pk).subject == "Neues aus dem Cluster"


def test_saving_keeps_a_schedule_set_meanwhile_in_another_tab(mailing, newsletter, alice):
    form, blocks = bound_forms(
        mailing, newsletter, existing_rows(mailing), initial_blocks=1, subject="Neu"
    )
    when = timezone.now() + datetime.timedelta(days=1)
    Mailing.objects.filter(pk=mailing.pk).update(
        status=Mailing.Status.SCHEDULED, scheduled_for=when
    )
    update_mailing(alice, form, blocks)
    mailing = Mailing.objects.get(pk=mailing.pk)
    assert (mailing.subject, mailing.status, mailing.scheduled_for) == (
        "Neu",
        Mailing.Status.SCHEDULED,
        when,
    )


def test_a_deleted_block_is_gone_after_saving(mailing, newsletter, alice):
    MailingBlock.objects.create(mailing=mailing, position=5, heading="Zweiter", text="b")
    rows = existing_rows(mailing)
    rows[0]["DELETE"] = "on"
    form, blocks = bound_forms(mailing, newsletter, rows, initial_blocks=2)
    update_mailing(alice, form, blocks)
    assert list(mailing.blocks.values_list("heading", "position")) == [("Zweiter", 1)]


def test_sample_recipients_are_the_subscribers_in_the_target_group_by_name(
    cluster, member_org, mailing, subscribe
):
    anna = subscribe("anna@example.org", first_name="Anna", last_name="Albers")
    PositionFactory(person=anna, organisation=member_org)
    subscribe("otto@example.org", first_name="Otto", last_name="Outside")
    PositionFactory(person=PersonFactory(last_name="Unsubscribed"), organisation=member_org)
    mailing.segment = Segment.objects.create(
        cluster=cluster, name="Mitglieder", definition={"field": "member", "op": "is"}
    )
    mailing.save()
    assert sample_recipients(mailing) == [anna]


def test_sample_recipients_are_at_most_twenty(mailing, subscribe):
    for i in range(22):
        subscribe(f"p{i}@example.org", last_name=f"Person {i:02d}")
    sample = sample_recipients(mailing)
    assert len(sample) == 20
    assert sample[0].last_name == "Person 00"
