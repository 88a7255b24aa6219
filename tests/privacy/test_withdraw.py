"""The privacy page: every consent with its source in words, and a button to withdraw it
that ends what the consent allowed (the newsletter subscriptions, the public listing)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.mailings import tokens
from knotenpunkt.mailings.models import MailingList, Subscription
from knotenpunkt.mailings.services import subscriptions
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import current_consents, record_consent, withdraw_consent
from knotenpunkt.privacy.sources import describe_sources
from tests.factories import PersonEmailFactory


@pytest.fixture
def lists(cluster):
    newsletter = MailingList.objects.create(
        cluster=cluster, name="DiWiSH-Newsletter", slug="newsletter", kind="newsletter"
    )
    invitations = MailingList.objects.create(
        cluster=cluster, name="Einladungen", slug="einladungen", kind="invitations"
    )
    return newsletter, invitations


def _subscribe(person, mailing_list) -> Subscription:
    subscription = subscriptions.request_subscription(
        mailing_list, person=person, source="subscribe form"
    )
    return subscriptions.confirm_subscription(tokens.make_confirmation_token(subscription))


@pytest.fixture
def carol_subscribed(carol, lists):
    PersonEmailFactory(person=carol.person, address="carol@nordlicht.example")
    newsletter, invitations = lists
    return _subscribe(carol.person, newsletter), _subscribe(carol.person, invitations)


def _withdraw(client, purpose):
    return client.post(reverse("privacy:withdraw"), {"purpose": purpose}, follow=True)


def test_withdrawing_the_newsletter_consent_ends_the_newsletter_subscriptions(
    client_for, carol, carol_subscribed
):
    newsletter, invitations = carol_subscribed
    response = _withdraw(client_for(carol), "newsletter")
    newsletter.refresh_from_db()
    invitations.refresh_from_db()
    assert newsletter.status == Subscription.Status.UNSUBSCRIBED
    assert invitations.status == Subscription.Status.ACTIVE
    assert current_consents(carol.person)["newsletter"] is False
    assert current_consents(carol.person)["event_invitations"] is True
    latest = carol.person.consents.filter(purpose="newsletter").first()
    assert latest.source == "privacy page: diwish/newsletter"
    assert (
        "Sie erhalten keine Newsletter mehr." in [str(m) for m in response.context["messages"]][0]
    )
    assert AuditEntry.objects.filter(action="privacy.consent.withdrawn").count() == 1


def test_withdrawing_the_directory_listing_takes_the_person_off_public_pages(
    client_for, carol, member_org
):
    person = carol.person
    person.is_public = True
    person.save()
    record_consent(person, Consent.Purpose.DIRECTORY_LISTING, True, source="profile")
    assert "Carol Clausen" in Client().get(member_org.get_absolute_url()).text

    _withdraw(client_for(carol), "directory_listing")

    person.refresh_from_db()
    assert person.is_public is False
    latest = person.consents.filter(purpose="directory_listing").first()
    assert (latest.granted, latest.source) == (False, "privacy page")
    assert "Carol Clausen" not in Client().get(member_org.get_absolute_url()).text


def test_withdrawing_twice_records_one_withdrawal(carol, carol_subscribed):
    assert withdraw_consent(carol, carol.person, "newsletter") is True
    assert withdraw_consent(carol, carol.person, "newsletter") is False
    assert carol.person.consents.filter(purpose="newsletter", granted=False).count() == 1


def test_the_privacy_policy_consent_is_not_withdrawn_on_its_own(client_for, carol):
    record_consent(carol.person, Consent.Purpose.PRIVACY_POLICY, True, source="signup")
    client = client_for(carol)
    page = client.get(reverse("privacy:overview")).text
    assert 'name="purpose" value="privacy_policy"' not in page
    _withdraw(client, "privacy_policy")
    assert current_consents(carol.person)["privacy_policy"] is True


def test_every_given_consent_has_its_own_withdraw_button(client_for, carol, carol_subscribed):
    page = client_for(carol).get(reverse("privacy:overview")).text
    assert page.count(f'action="{reverse("privacy:withdraw")}"') == 2
    assert 'name="purpose" value="newsletter"' in page
    assert 'name="purpose" value="event_invitations"' in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_withdrawing_needs_a_post_with_the_csrf_token(carol, carol_subscribed):
    client = Client(enforce_csrf_checks=True)
    client.force_login(carol)
    assert client.get(reverse("privacy:withdraw")).status_code == 405
    response = client.post(reverse("privacy:withdraw"), {"purpose": "newsletter"})
    assert response.status_code == 403
    assert current_consents(carol.person)["newsletter"] is True


def test_withdrawing_needs_a_login(client):
    response = client.post(reverse("privacy:withdraw"), {"purpose": "newsletter"})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_consent_sources_read_in_german_words(client_for, carol, carol_subscribed):
    client = client_for(carol)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    page = client.get(reverse("privacy:overview")).text
    assert "Bestätigungslink in der E-Mail: DiWiSH-Newsletter (DiWiSH Digitale Wirtschaft)" in page
    assert "double opt-in confirmation" not in page
    assert "diwish/newsletter" not in page


def test_an_unknown_source_is_shown_as_stored():
    with translation.override("en"):
        described = describe_sources(["signup", "a source nobody registered"])
    assert described == {
        "signup": "Sign-up for an account",
        "a source nobody registered": "a source nobody registered",
    }
