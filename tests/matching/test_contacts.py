"""The contact flow end to end: interest, acceptance (details exchanged), decline,
cooperation; anonymous needs reveal their author to the accepted provider only."""

import pytest
from django.urls import reverse

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.matching.models import Contact, Need
from knotenpunkt.outbox.models import OutgoingMail

V = Need.Visibility


def mails(kind):
    return list(OutgoingMail.objects.filter(kind=kind).order_by("pk"))


@pytest.fixture
def interest(client_for, paul, provider_org):
    """Paul expresses interest in a need through the page; returns the contact."""

    def express(need, message="Wir haben so eine App für Dachdecker gebaut."):
        response = client_for(paul).post(
            reverse("matching:express_interest", args=[need.pk]),
            {"provider": provider_org.pk, "message": message},
        )
        assert response.status_code == 302
        return Contact.objects.get(need=need, provider=provider_org)

    return express


def test_expressing_interest_records_the_contact_and_mails_the_author(make_need, hanna, interest):
    need = make_need(hanna_user=hanna)
    contact = interest(need)
    assert contact.status == Contact.Status.INTERESTED
    assert contact.person.first_name == "Paul"
    [mail] = mails("matching_contact_interest")
    assert mail.to == "hanna@holm.example"
    assert "Zeitwerk Software GmbH" in mail.subject
    assert "Wir haben so eine App für Dachdecker gebaut." in mail.body_text
    assert AuditEntry.objects.filter(action="matching.contact.interested").count() == 1


def test_interest_without_author_goes_to_the_organisation_admin(make_need, hanna, interest):
    need = make_need()  # no author recorded
    interest(need)
    assert [m.to for m in mails("matching_contact_interest")] == ["hanna@holm.example"]


def test_second_interest_of_the_same_organisation_is_not_recorded(
    make_need, hanna, interest, client_for, paul, provider_org
):
    need = make_need(hanna_user=hanna)
    interest(need)
    client_for(paul).post(
        reverse("matching:express_interest", args=[need.pk]), {"provider": provider_org.pk}
    )
    assert Contact.objects.filter(need=need).count() == 1
    assert len(mails("matching_contact_interest")) == 1


def test_author_cannot_express_interest_in_own_need(make_need, hanna, client_for, roofers):
    need = make_need(hanna_user=hanna)
    response = client_for(hanna).post(
        reverse("matching:express_interest", args=[need.pk]), {"provider": roofers.pk}
    )
    assert response.status_code == 403
    assert not Contact.objects.exists()


def test_person_without_organisation_cannot_express_interest(make_need, dave, client_for):
    need = make_need()
    response = client_for(dave).post(reverse("matching:express_interest", args=[need.pk]), {})
    assert response.status_code == 403


def test_accepting_mails_both_sides_each_others_contact_details(
    make_need, hanna, interest, client_for
):
    need = make_need(hanna_user=hanna)
    contact = interest(need)
    response = client_for(hanna).post(reverse("matching:contact_accept", args=[contact.pk]))
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.status == Contact.Status.ACCEPTED
    assert contact.decided_at is not None
    by_recipient = {m.to: m for m in mails("matching_contact_accepted")}
    assert set(by_recipient) == {"hanna@holm.example", "paul@zeitwerk.example"}
    to_hanna = by_recipient["hanna@holm.example"].body_text
    assert "Paul Peters" in to_hanna
    assert "paul@zeitwerk.example" in to_hanna
    assert "+49 431 7654321" in to_hanna
    to_paul = by_recipient["paul@zeitwerk.example"].body_text
    assert "Hanna Holm" in to_paul
    assert "Dachdeckerei Holm" in to_paul
    assert "+49 431 1234567" in to_paul
    assert AuditEntry.objects.filter(action="matching.contact.accepted").count() == 1


def test_accepted_contact_shows_details_on_the_page_to_both_sides(
    make_need, hanna, paul, interest, client_for
):
    need = make_need(hanna_user=hanna)
    contact = interest(need)
    client_for(hanna).post(reverse("matching:contact_accept", args=[contact.pk]))
    page = client_for(hanna).get(need.get_absolute_url()).content.decode()
    assert "paul@zeitwerk.example" in page
    page = client_for(paul).get(need.get_absolute_url()).content.decode()
    assert "hanna@holm.example" in page


def test_anonymous_need_reveals_author_to_provider_only_after_acceptance(
    make_need, hanna, paul, interest, client_for
):
    need = make_need(hanna_user=hanna, visibility=V.ANONYMOUS)
    contact = interest(need)
    [interest_mail] = mails("matching_contact_interest")
    page = client_for(paul).get(need.get_absolute_url()).content.decode()
    assert "Dachdeckerei Holm" not in page
    assert "Hanna" not in page
    client_for(hanna).post(reverse("matching:contact_accept", args=[contact.pk]))
    page = client_for(paul).get(need.get_absolute_url()).content.decode()
    assert "Dachdeckerei Holm" in page
    assert "hanna@holm.example" in page


def test_declining_tells_the_provider_without_naming_an_anonymous_author(
    make_need, hanna, interest, client_for
):
    need = make_need(hanna_user=hanna, visibility=V.ANONYMOUS)
    contact = interest(need)
    client_for(hanna).post(reverse("matching:contact_decline", args=[contact.pk]))
    contact.refresh_from_db()
    assert contact.status == Contact.Status.DECLINED
    [mail] = mails("matching_contact_declined")
    assert mail.to == "paul@zeitwerk.example"
    assert "Holm" not in mail.body_text + mail.body_html + mail.subject
    assert not mails("matching_contact_accepted")


def test_provider_cannot_accept_its_own_interest(make_need, hanna, paul, interest, client_for):
    contact = interest(make_need(hanna_user=hanna))
    response = client_for(paul).post(reverse("matching:contact_accept", args=[contact.pk]))
    assert response.status_code == 403
    contact.refresh_from_db()
    assert contact.status == Contact.Status.INTERESTED


def test_outsider_cannot_decline_a_contact(make_need, hanna, carol, interest, client_for):
    contact = interest(make_need(hanna_user=hanna))
    response = client_for(carol).post(reverse("matching:contact_decline", args=[contact.pk]))
    assert response.status_code == 403


def test_a_decided_contact_cannot_be_decided_again(make_need, hanna, interest, client_for):
    contact = interest(make_need(hanna_user=hanna))
    client = client_for(hanna)
    client.post(reverse("matching:contact_accept", args=[contact.pk]))
    client.post(reverse("matching:contact_decline", args=[contact.pk]))
    contact.refresh_from_db()
    assert contact.status == Contact.Status.ACCEPTED
    assert not mails("matching_contact_declined")


def test_provider_marks_cooperation_started_after_acceptance(
    make_need, hanna, paul, interest, client_for
):
    contact = interest(make_need(hanna_user=hanna))
    client_for(hanna).post(reverse("matching:contact_accept", args=[contact.pk]))
    client_for(paul).post(reverse("matching:contact_cooperation", args=[contact.pk]))
    contact.refresh_from_db()
    assert contact.status == Contact.Status.COOPERATION
    assert AuditEntry.objects.filter(action="matching.contact.cooperation").exists()


def test_cooperation_needs_an_accepted_contact_first(make_need, hanna, paul, interest, client_for):
    contact = interest(make_need(hanna_user=hanna))
    client_for(paul).post(reverse("matching:contact_cooperation", args=[contact.pk]))
    contact.refresh_from_db()
    assert contact.status == Contact.Status.INTERESTED


def test_outsider_cannot_mark_a_cooperation(make_need, hanna, carol, interest, client_for):
    contact = interest(make_need(hanna_user=hanna))
    response = client_for(carol).post(reverse("matching:contact_cooperation", args=[contact.pk]))
    assert response.status_code == 403
