"""Export (Art. 15) and erasure (Art. 17) reach every table that holds personal data."""

import json

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from knotenpunkt.core import registry
from knotenpunkt.core.audit import entries_for, log_action
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.directory.models import PersonPhone
from knotenpunkt.matching.models import Need
from knotenpunkt.matching.services.needs import post_need
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.outbox.services import queue_rendered_mail
from knotenpunkt.privacy.coverage import uncovered_personal_data, unknown_names
from knotenpunkt.privacy.services import erase_person, export_person_data
from tests.conftest import PASSWORD
from tests.factories import PersonEmailFactory

PRIVATE = "carol.privat@example.org"
LOGIN = "carol@nordlicht.example"
PHONE = "+49 431 7654321"
# What must be found nowhere after the erasure, in any spelling case.
TRACES = ("Clausen", PRIVATE, LOGIN, "7654321")


def test_every_field_holding_personal_data_is_covered_by_export_and_erasure():
    assert uncovered_personal_data() == []


def test_registrations_and_exemptions_name_installed_models_and_fields():
    assert unknown_names() == []


def test_the_check_notices_a_model_whose_provider_is_missing(monkeypatch):
    monkeypatch.delitem(registry._PERSONAL_DATA, "outbox")
    assert uncovered_personal_data() == ["outbox.OutgoingMail.to"]


def test_a_provider_without_erasure_does_not_count_as_coverage(monkeypatch):
    provider = registry._PERSONAL_DATA["outbox"]
    monkeypatch.setitem(
        registry._PERSONAL_DATA,
        "outbox",
        registry.PersonalDataProvider(provider.key, provider.export, None, provider.models),
    )
    assert uncovered_personal_data() == ["outbox.OutgoingMail.to"]


@pytest.fixture
def traces_of_carol(
    carol, bob, alice, member_org, cluster, client, django_capture_on_commit_callbacks
):
    """Carol leaves traces in the audit logs, the outbox, the login records and a need."""
    person = carol.person
    PersonEmailFactory(person=person, address=PRIVATE)
    PersonPhone.objects.create(person=person, number=PHONE)
    # Login records: a login, then a failure (typed in another case).
    login = reverse("accounts:login")
    client.post(login, {"username": LOGIN, "password": PASSWORD})
    client.logout()
    client.post(login, {"username": LOGIN.upper(), "password": "falsch"})
    # A need she wrote, with her contact details in the text.
    with django_capture_on_commit_callbacks(execute=False):
        post_need(
            carol,
            member_org,
            {
                "cluster": cluster,
                "title": "Digitale Akte",
                "text": f"Ansprechpartnerin: Carol Clausen, Tel. {PHONE}, {PRIVATE}",
                "kind": Need.Kind.SOLUTION,
                "budget": Need.Budget.UNKNOWN,
                "deadline": None,
                "visibility": Need.Visibility.MEMBERS,
            },
        )
        # Mails to her, and one to her organisation's admin that names her.
        queue_rendered_mail("test", PRIVATE, "Ihre Anmeldung", "Guten Tag Frau Clausen")
        queue_rendered_mail("test", LOGIN.title(), "Passwort", "Hallo Carol Clausen")
        queue_rendered_mail(
            "test", bob.email, "Neue Kollegin", f"Carol Clausen ({PRIVATE}) ist jetzt dabei."
        )
    # Audit entries: about her, naming her elsewhere, and in Django's back-office log.
    log_action(alice, "core.admin.changed", person, changes={"last_name": ["Claußen", "Clausen"]})
    log_action(
        alice,
        "core.admin.changed",
        member_org,
        changes={"contact": ["", f"Carol Clausen <{PRIVATE}>, {PHONE}"]},
    )
    LogEntry.objects.create(
        user=alice,
        content_type=ContentType.objects.get_for_model(person),
        object_id=str(person.pk),
        object_repr=str(person),
        action_flag=CHANGE,
        change_message=json.dumps([{"changed": {"fields": ["Nachname"]}}]),
    )
    return carol


def _text_fields(model):
    kinds = (models.CharField, models.TextField, models.JSONField, models.GenericIPAddressField)
    return [f.name for f in model._meta.concrete_fields if isinstance(f, kinds)]


def rows_containing(text: str) -> list[str]:
    """Every row of every table whose text columns contain `text` (any case)."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for name in _text_fields(model):
            rows = model._base_manager.filter(**{f"{name}__icontains": text})
            found += [
                f"{model._meta.label}.{name} #{pk}" for pk in rows.values_list("pk", flat=True)
            ]
    return found


def test_the_traces_are_really_there_before_the_erasure(traces_of_carol):
    assert {row.split(".")[0] for row in rows_containing("Clausen")} >= {
        "core",
        "admin",
        "outbox",
        "matching",
        "directory",
    }
    assert any(row.startswith("axes.") for row in rows_containing(LOGIN))


@pytest.mark.parametrize("trace", TRACES)
def test_after_erasure_no_table_holds_the_persons_name_address_or_number(
    traces_of_carol, alice, trace
):
    erase_person(alice, traces_of_carol.person)
    assert rows_containing(trace) == []


def test_erasure_keeps_what_happened_in_the_audit_log(traces_of_carol, alice):
    person = traces_of_carol.person
    posted = AuditEntry.objects.get(action="matching.need.posted")
    erase_person(alice, person)
    posted.refresh_from_db()
    assert posted.actor is None
    assert posted.data["erased_actor"] == f"anonymised #{person.pk}"
    assert posted.target_repr == "Digitale Akte"
    (changed,) = entries_for(person).filter(action="core.admin.changed")
    assert changed.actor == alice
    assert changed.target_repr == f"anonymised #{person.pk}"


def test_erasure_deletes_the_mails_to_the_person_and_keeps_the_others(traces_of_carol, alice, bob):
    person = traces_of_carol.person
    erase_person(alice, person)
    mail = OutgoingMail.objects.get()
    assert mail.to == bob.email
    assert mail.body_text.startswith(f"anonymised #{person.pk} (")


def test_erasure_keeps_the_need_without_its_contact_details(traces_of_carol, alice):
    erase_person(alice, traces_of_carol.person)
    need = Need.objects.get()
    assert need.author is None and need.title == "Digitale Akte"
    assert need.text.startswith("Ansprechpartnerin: anonymised #")


def test_export_contains_audit_entries_mails_login_records_and_needs(traces_of_carol):
    data = json.loads(json.dumps(export_person_data(traces_of_carol, traces_of_carol.person)))
    audit = data["audit_log"]
    assert [e["action"] for e in audit["actions_by_you"]] == ["matching.need.posted"]
    assert {e["record"] for e in audit["actions_about_you"]} == {
        "Carol Clausen",
        "Nordlicht Software GmbH",
    }
    assert audit["back_office_log"][0]["record"] == "Carol Clausen"
    assert sorted(m["to"].lower() for m in data["outbox"]) == [PRIVATE, LOGIN]
    assert data["login_records"]["failed_attempts"][0]["username"].lower() == LOGIN
    assert len(data["login_records"]["logins"]) == 1
    assert data["matching"]["needs_written"][0]["text"].startswith("Ansprechpartnerin: Carol")


def test_export_leaves_out_other_peoples_mails(traces_of_carol, bob):
    data = export_person_data(bob, bob.person)
    assert [m["subject"] for m in data["outbox"]] == ["Neue Kollegin"]
