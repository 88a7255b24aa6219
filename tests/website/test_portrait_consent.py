"""Asking the portrayed person: the editors send a consent link from the portrait's editor,
the person consents or declines on its page, the editors see the answer."""

import re

import pytest

from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import current_consents
from knotenpunkt.website.models import PortraitIndexPage, PortraitPage
from knotenpunkt.website.services.sites import home_pages, invite_portrait_author
from tests.factories import OrganisationFactory, PersonEmailFactory, PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(member_org):
    person = PersonFactory(first_name="Frauke", last_name="Friedrichsen")
    PositionFactory(person=person, organisation=member_org, function="ceo")
    PersonEmailFactory(person=person, address="frauke@nordlicht.example", is_primary=True)
    return person


def draft_portrait(site_a, person, organisation=None):
    home = next(p for p in home_pages(site_a) if p.locale.language_code == "de")
    index = PortraitIndexPage.objects.descendant_of(home).get()
    return index.add_child(
        instance=PortraitPage(
            title="Frauke Friedrichsen",
            teaser="Gründerin von Nordlicht",
            person=person,
            organisation=organisation,
            live=False,
        )
    )


def refused(response) -> bool:
    """Wagtail's editor answers a refusal with a redirect to its dashboard (and a message)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/cms/"
    )


def consent_link(mail) -> str:
    return re.search(r"https?://[^\s]+/portrait-consent/[^\s]+/", mail.body_text).group(0)


def test_staff_ask_the_person_who_consents_and_the_editor_shows_it(
    client_for, client, alice, site_a, person, member_org
):
    portrait = draft_portrait(site_a, person, member_org)
    editor = client_for(alice)
    edit = editor.get(f"/cms/pages/{portrait.pk}/edit/")
    assert 'data-portrait-consent="not_asked"' in edit.text
    ask = f"/cms/website/portraits/{portrait.pk}/consent/"
    assert ask in edit.text
    assert "frauke@nordlicht.example" in editor.get(ask).text
    editor.post(ask)
    mail = OutgoingMail.objects.get(kind="website_portrait_consent")
    assert mail.to == "frauke@nordlicht.example"
    assert "Frauke Friedrichsen" in mail.body_text
    assert 'data-portrait-consent="requested"' in editor.get(f"/cms/pages/{portrait.pk}/edit/").text

    editor.logout()
    link = consent_link(mail).split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + link)
    assert page.status_code == 200
    assert "Gründerin von Nordlicht" in page.text
    answered = client.post("/" + link, {"decision": "consent"})
    assert 'data-decided="given"' in answered.text
    assert current_consents(person)[Consent.Purpose.PORTRAIT]

    editor = client_for(alice)
    assert 'data-portrait-consent="given"' in editor.get(f"/cms/pages/{portrait.pk}/edit/").text
    portrait.save_revision().publish()
    portrait.refresh_from_db()
    assert portrait.live


def test_declining_is_shown_to_the_editors(client_for, client, alice, site_a, person):
    portrait = draft_portrait(site_a, person)
    client_for(alice).post(f"/cms/website/portraits/{portrait.pk}/consent/")
    client.logout()
    link = consent_link(OutgoingMail.objects.get(kind="website_portrait_consent"))
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    assert 'data-decided="declined"' in client.post(path, {"decision": "decline"}).text
    assert not current_consents(person)[Consent.Purpose.PORTRAIT]
    edit = client_for(alice).get(f"/cms/pages/{portrait.pk}/edit/")
    assert 'data-portrait-consent="declined"' in edit.text


def test_a_forged_link_is_refused(client):
    response = client.get("/de/web/portrait-consent/nicht-signiert/")
    assert response.status_code == 404


def test_a_firm_admin_asks_only_for_people_of_their_own_organisation(
    client_for, alice, bob, site_a, person, cluster
):
    invite_portrait_author(alice, site_a, bob)
    own = draft_portrait(site_a, person)
    stranger = PersonFactory(first_name="Sven", last_name="Sörensen")
    other_org = OrganisationFactory(name="Fremde GmbH")
    PositionFactory(person=stranger, organisation=other_org, function="ceo")
    PersonEmailFactory(person=stranger, address="sven@fremd.example", is_primary=True)
    foreign = draft_portrait(site_a, stranger)
    client = client_for(bob)
    assert client.get(f"/cms/website/portraits/{own.pk}/consent/").status_code == 200
    assert refused(client.get(f"/cms/website/portraits/{foreign.pk}/consent/"))
    assert refused(client.post(f"/cms/website/portraits/{foreign.pk}/consent/"))
    assert not OutgoingMail.objects.filter(to="sven@fremd.example").exists()


def test_staff_ask_only_for_people_of_their_clusters_members(client_for, alice, site_a):
    stranger = PersonFactory(first_name="Sven", last_name="Sörensen")
    PositionFactory(person=stranger, organisation=OrganisationFactory(), function="ceo")
    portrait = draft_portrait(site_a, stranger)
    client = client_for(alice)
    assert refused(client.get(f"/cms/website/portraits/{portrait.pk}/consent/"))
    assert refused(client.post(f"/cms/website/portraits/{portrait.pk}/consent/"))
    assert not OutgoingMail.objects.filter(kind="website_portrait_consent").exists()


def test_a_firm_admin_proposes_portraits_only_of_their_own_organisation(
    client_for, alice, bob, site_a, person, cluster, other_cluster
):
    from tests.factories import MembershipFactory

    invite_portrait_author(alice, site_a, bob)
    neighbour = OrganisationFactory(name="Nachbar AG")
    MembershipFactory(organisation=neighbour, cluster=cluster)
    other_org = OrganisationFactory(name="Fremde GmbH")
    MembershipFactory(organisation=other_org, cluster=other_cluster)
    home = next(p for p in home_pages(site_a) if p.locale.language_code == "de")
    index = PortraitIndexPage.objects.descendant_of(home).get()
    address = f"/cms/pages/add/website/portraitpage/{index.pk}/"

    author = client_for(bob).get(address)
    assert author.status_code == 200
    assert "Nordlicht Software GmbH" in author.text and "Frauke Friedrichsen" in author.text
    assert "Nachbar AG" not in author.text and "Fremde GmbH" not in author.text

    staff = client_for(alice).get(address)
    assert "Nordlicht Software GmbH" in staff.text and "Nachbar AG" in staff.text
    assert "Fremde GmbH" not in staff.text
