"""Alerts about fitting new needs: after commit, to providers' admins who want them and
may see the need, anonymous needs without the author's name, each need once."""

import pytest

from knotenpunkt.matching.models import AlertSetting, Need
from knotenpunkt.matching.services.alerts import send_need_alerts, send_weekly_digest
from knotenpunkt.matching.services.indexing import reindex_organisation
from knotenpunkt.matching.services.needs import post_need
from knotenpunkt.outbox.models import OutgoingMail
from tests.factories import MembershipFactory
from tests.matching.conftest import person_with_account

V = Need.Visibility
FITTING_TEXT = (
    "Wir brauchen eine App zur Zeiterfassung, damit die Stundenzettel nicht verloren gehen."
)


@pytest.fixture
def indexed_provider(provider_org, paul):
    reindex_organisation(provider_org.pk)
    return provider_org


def alert_mails():
    return list(OutgoingMail.objects.filter(kind="matching_need_alert"))


def fitting_need(make_need, hanna, **fields):
    return make_need(hanna_user=hanna, text=FITTING_TEXT, **fields)


def test_posting_a_need_alerts_fitting_providers_after_commit(
    hanna, roofers, cluster, indexed_provider, django_capture_on_commit_callbacks
):
    data = {
        "cluster": cluster,
        "title": "Stundenzettel",
        "text": FITTING_TEXT,
        "kind": "solution",
        "budget": "unknown",
        "deadline": None,
        "visibility": V.PUBLIC,
    }
    with django_capture_on_commit_callbacks(execute=True):
        post_need(hanna, roofers, data)
        assert not alert_mails()  # nothing inside the transaction
    [mail] = alert_mails()
    assert mail.to == "paul@zeitwerk.example"
    assert "Stundenzettel" in mail.subject
    assert "Dachdeckerei Holm" in mail.body_text


def test_need_author_organisation_is_not_alerted_about_its_own_need(
    make_need, hanna, indexed_provider
):
    send_need_alerts(fitting_need(make_need, hanna).pk)
    assert "hanna@holm.example" not in [m.to for m in alert_mails()]


def test_alerts_go_to_organisation_admins_only(make_need, hanna, indexed_provider):
    person_with_account(indexed_provider, "Pia", "Praktikum", "pia@zeitwerk.example")
    send_need_alerts(fitting_need(make_need, hanna).pk)
    assert [m.to for m in alert_mails()] == ["paul@zeitwerk.example"]


def test_person_who_switched_alerts_off_gets_none(make_need, hanna, paul, indexed_provider):
    AlertSetting.objects.create(person=paul.person, need_alerts=False)
    assert send_need_alerts(fitting_need(make_need, hanna).pk) == 0
    assert not alert_mails()


def test_each_need_is_alerted_once(make_need, hanna, indexed_provider):
    need = fitting_need(make_need, hanna)
    assert send_need_alerts(need.pk) == 1
    assert send_need_alerts(need.pk) == 0
    assert len(alert_mails()) == 1


def test_anonymous_need_alert_does_not_name_the_author(make_need, hanna, indexed_provider):
    send_need_alerts(fitting_need(make_need, hanna, visibility=V.ANONYMOUS).pk)
    [mail] = alert_mails()
    assert "Holm" not in mail.subject + mail.body_text + mail.body_html


def test_staff_only_need_is_never_alerted(make_need, hanna, indexed_provider):
    send_need_alerts(fitting_need(make_need, hanna, visibility=V.STAFF).pk)
    assert not alert_mails()


def test_members_need_is_alerted_only_to_members_of_its_cluster(
    make_need, hanna, indexed_provider, cluster
):
    need = fitting_need(make_need, hanna, visibility=V.MEMBERS)
    send_need_alerts(need.pk)
    assert not alert_mails()
    MembershipFactory(organisation=indexed_provider, cluster=cluster)
    need = fitting_need(make_need, hanna, visibility=V.MEMBERS, title="Zweiter Bedarf")
    send_need_alerts(need.pk)
    assert [m.to for m in alert_mails()] == ["paul@zeitwerk.example"]


def test_weekly_readers_get_a_summary_instead_of_an_immediate_mail(
    make_need, hanna, paul, indexed_provider
):
    AlertSetting.objects.create(person=paul.person, frequency=AlertSetting.Frequency.WEEKLY)
    need = fitting_need(make_need, hanna)
    send_need_alerts(need.pk)
    assert not alert_mails()
    assert send_weekly_digest() == 1
    [digest] = OutgoingMail.objects.filter(kind="matching_need_digest")
    assert digest.to == "paul@zeitwerk.example"
    assert need.title in digest.body_text
    assert send_weekly_digest() == 0


def test_closed_need_is_not_alerted(make_need, hanna, indexed_provider):
    need = fitting_need(make_need, hanna, status=Need.Status.CLOSED)
    assert send_need_alerts(need.pk) == 0
