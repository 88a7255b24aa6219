"""Subscriptions: double opt-in with consent records, preference centre, one-click unsubscribe."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from knotenpunkt.mailings import tokens
from knotenpunkt.mailings.models import MailingList, Subscription
from knotenpunkt.mailings.services import subscriptions as services
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import erase_person, export_person_data
from knotenpunkt.quality.services.merge import merge_people
from tests.factories import PersonEmailFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitations(cluster):
    return MailingList.objects.create(
        cluster=cluster, name="Einladungen KI", slug="einladungen-ki", kind="invitations"
    )


@pytest.fixture
def erika(db):
    person = PersonFactory(first_name="Erika", last_name="Ehlers")
    PersonEmailFactory(person=person, address="erika@example.org")
    return person


def subscribe_form(client, lists, **overrides):
    data = {
        "first_name": "Erika",
        "last_name": "Ehlers",
        "email": "erika@example.org",
        "lists": [ml.pk for ml in lists],
        "consent": "on",
        **overrides,
    }
    return client.post(reverse("mailings:subscribe"), data)


def confirm_path_in_last_mail() -> str:
    mail = OutgoingMail.objects.filter(kind="subscription_confirm").latest("pk")
    return re.search(r"(/mailings/confirm/[^/\s]+/)", mail.body_text).group(1)


def subscribed(person, mailing_list) -> Subscription:
    subscription = services.request_subscription(mailing_list, person=person, source="test")
    return services.confirm_subscription(tokens.make_confirmation_token(subscription))


# --- double opt-in ---------------------------------------------------------------------


def test_subscribe_form_creates_a_pending_subscription_and_mails_a_confirmation_link(
    client, newsletter
):
    response = subscribe_form(client, [newsletter])

    assert response.status_code == 200
    assert "erika@example.org" in response.text
    subscription = Subscription.objects.get()
    assert subscription.status == Subscription.Status.PENDING
    assert subscription.person.primary_email == "erika@example.org"
    mail = OutgoingMail.objects.get(kind="subscription_confirm")
    assert mail.to == "erika@example.org"
    assert "DiWiSH-Newsletter" in mail.subject


def test_subscribe_form_records_one_consent_with_source_and_text_version(client, newsletter):
    subscribe_form(client, [newsletter])

    consent = Consent.objects.get()
    assert consent.purpose == Consent.Purpose.NEWSLETTER
    assert consent.granted is True
    assert consent.text_version == "2026-11"
    assert consent.source.startswith("subscribe form")
    assert "newsletter" in consent.source


def test_subscribe_page_shows_the_consent_text_with_its_version(client, newsletter):
    response = client.get(reverse("mailings:subscribe"))

    assert "Send me the cluster newsletter by e-mail" in response.text
    assert "2026-11" in response.text


def test_subscribe_form_without_consent_shows_an_error_and_subscribes_no_one(client, newsletter):
    response = subscribe_form(client, [newsletter], consent="")

    assert response.status_code == 200
    assert "Without your consent we cannot send you mail." in response.text
    assert not Subscription.objects.exists()


def test_subscribe_form_with_a_bad_address_shows_an_error(client, newsletter):
    response = subscribe_form(client, [newsletter], email="not-an-address")

    assert response.status_code == 200
    assert 'class="field-errors"' in response.text
    assert not Subscription.objects.exists()


def test_subscribing_with_a_known_address_uses_the_existing_person(client, erika, newsletter):
    subscribe_form(client, [newsletter], first_name="Someone", last_name="Else")

    subscription = Subscription.objects.get()
    assert subscription.person == erika
    erika.refresh_from_db()
    assert erika.first_name == "Erika"


def test_the_address_alone_is_enough_and_the_double_opt_in_completes(client, newsletter):
    response = subscribe_form(client, [newsletter], first_name="", last_name="")

    assert response.status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.status == Subscription.Status.PENDING
    assert (subscription.person.first_name, subscription.person.last_name) == ("", "")
    assert str(subscription.person) == "(no name given)"  # as lists in the back office show it
    mail = OutgoingMail.objects.get(kind="subscription_confirm")
    # Greeted without a gap where the name would be.
    assert mail.body_text.startswith("Hello,\n")
    assert "<p>Hello,</p>" in mail.body_html

    client.post(confirm_path_in_last_mail())

    assert Subscription.objects.get().status == Subscription.Status.ACTIVE
    assert [c.granted for c in Consent.objects.order_by("pk")] == [True, True]


def test_the_sign_up_form_asks_for_the_address_first_and_the_name_optionally(client, newsletter):
    page = client.get(reverse("mailings:subscribe")).text

    assert page.index('name="email"') < page.index('name="first_name"')
    first_name = re.search(r"<input[^>]*name=\"first_name\"[^>]*>", page).group(0)
    email = re.search(r"<input[^>]*name=\"email\"[^>]*>", page).group(0)
    assert "required" not in first_name
    assert "required" in email


def test_a_name_given_at_sign_up_is_kept(client, newsletter):
    subscribe_form(client, [newsletter], first_name=" Erika ", last_name="Ehlers")

    person = Subscription.objects.get().person
    assert (person.first_name, person.last_name) == ("Erika", "Ehlers")
    mail = OutgoingMail.objects.get(kind="subscription_confirm")
    assert mail.body_text.startswith("Hello Erika Ehlers,")


def test_the_preference_centre_of_a_subscriber_without_a_name_reads_well(client, newsletter):
    subscribe_form(client, [newsletter], first_name="", last_name="")
    person = Subscription.objects.get().person

    page = client.get(urlsplit(services.preferences_url(person)).path).text

    assert "Subscriptions of ." not in page
    assert "Untick a list to stop it at once." in page


def test_opening_the_confirmation_link_only_asks_and_does_not_confirm(client, newsletter):
    subscribe_form(client, [newsletter])

    response = client.get(confirm_path_in_last_mail())

    assert response.status_code == 200
    assert Subscription.objects.get().status == Subscription.Status.PENDING


def test_confirming_activates_the_subscription_and_records_a_second_consent(client, newsletter):
    subscribe_form(client, [newsletter])

    response = client.post(confirm_path_in_last_mail())

    assert response.status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.status == Subscription.Status.ACTIVE
    assert subscription.confirmed_at is not None
    confirmation = Consent.objects.order_by("pk").last()
    assert Consent.objects.count() == 2
    assert confirmation.granted is True
    assert confirmation.source.startswith("double opt-in confirmation")
    assert confirmation.text_version == "2026-11"


def test_confirming_twice_records_no_further_consent(client, newsletter):
    subscribe_form(client, [newsletter])
    path = confirm_path_in_last_mail()
    client.post(path)

    response = client.post(path)

    assert response.status_code == 200
    assert Consent.objects.count() == 2


def test_invitations_are_recorded_under_the_invitation_purpose(client, invitations):
    subscribe_form(client, [invitations])

    assert Consent.objects.get().purpose == Consent.Purpose.EVENT_INVITATIONS


def test_ip_address_is_not_stored_by_default(client, newsletter):
    subscribe_form(client, [newsletter])

    assert Consent.objects.get().ip_address is None


def test_ip_address_is_stored_when_the_installation_opted_in(client, newsletter, settings):
    settings.STORE_CONSENT_IP = True

    subscribe_form(client, [newsletter])

    assert Consent.objects.get().ip_address == "127.0.0.1"


def test_an_expired_confirmation_link_gives_a_clear_page(client, newsletter):
    with freeze_time(datetime.datetime(2026, 1, 1, 12, 0, tzinfo=datetime.UTC)):
        subscribe_form(client, [newsletter])
        path = confirm_path_in_last_mail()

    with freeze_time(datetime.datetime(2026, 1, 8, 12, 1, tzinfo=datetime.UTC)):
        response = client.post(path)

    assert response.status_code == 400
    assert "This confirmation link has expired" in response.text
    assert Subscription.objects.get().status == Subscription.Status.PENDING


def test_a_forged_confirmation_link_gives_a_clear_page(client, newsletter):
    subscribe_form(client, [newsletter])
    path = confirm_path_in_last_mail().replace("/confirm/", "/confirm/x")

    response = client.post(path)

    assert response.status_code == 400
    assert "This link is not valid" in response.text
    assert Subscription.objects.get().status == Subscription.Status.PENDING


def test_an_old_confirmation_link_does_not_revive_an_unsubscribed_list(client, newsletter):
    subscribe_form(client, [newsletter])
    path = confirm_path_in_last_mail()
    client.post(path)
    services.unsubscribe(Subscription.objects.get().person, newsletter)

    response = client.post(path)

    assert response.status_code == 400
    assert Subscription.objects.get().status == Subscription.Status.UNSUBSCRIBED


def test_subscribing_again_after_unsubscribing_needs_a_new_confirmation(erika, newsletter):
    subscribed(erika, newsletter)
    services.unsubscribe(erika, newsletter)

    subscription = services.request_subscription(newsletter, person=erika, source="test")

    assert subscription.status == Subscription.Status.PENDING
    assert not services.is_subscribed(erika, newsletter)


# --- preference centre -----------------------------------------------------------------


def preferences_path(person):
    return reverse("mailings:preferences", kwargs={"token": tokens.make_preferences_token(person)})


def test_preference_centre_opens_without_login_and_shows_the_subscriptions(
    client, erika, newsletter, invitations
):
    subscribed(erika, newsletter)

    response = client.get(preferences_path(erika))

    assert response.status_code == 200
    assert "Erika Ehlers" in response.text
    assert re.search(rf'value="{newsletter.pk}"[^>]*checked', response.text)
    assert not re.search(rf'value="{invitations.pk}"[^>]*checked', response.text)


def test_preference_centre_offers_the_lists_of_the_persons_clusters(client, carol, newsletter):
    response = client.get(preferences_path(carol.person))

    assert "DiWiSH-Newsletter" in response.text


def test_unticking_a_list_in_the_preference_centre_ends_it_at_once(client, erika, newsletter):
    subscribed(erika, newsletter)

    response = client.post(preferences_path(erika), {"lists": []}, follow=True)

    assert response.status_code == 200
    assert not services.is_subscribed(erika, newsletter)
    assert Consent.objects.filter(person=erika).latest("pk").granted is False


def test_ticking_a_new_list_in_the_preference_centre_asks_for_confirmation(
    client, erika, newsletter, invitations
):
    subscribed(erika, newsletter)

    client.post(preferences_path(erika), {"lists": [newsletter.pk, invitations.pk]})

    new = Subscription.objects.get(person=erika, mailing_list=invitations)
    assert new.status == Subscription.Status.PENDING
    assert OutgoingMail.objects.filter(kind="subscription_confirm", to="erika@example.org")
    assert services.is_subscribed(erika, newsletter)


def test_unsubscribe_from_everything_ends_all_subscriptions(client, erika, newsletter, invitations):
    subscribed(erika, newsletter)
    subscribed(erika, invitations)

    response = client.post(preferences_path(erika), {"unsubscribe_all": "1"}, follow=True)

    assert "You are unsubscribed from everything." in response.text
    assert not erika.subscriptions.exclude(status=Subscription.Status.UNSUBSCRIBED).exists()


def test_a_forged_preference_link_gives_a_clear_page(client, erika):
    response = client.get(preferences_path(erika)[:-3] + "xx/")

    assert response.status_code == 400
    assert "This link is not valid" in response.text


def test_a_preference_link_does_not_expire(client, erika, newsletter):
    with freeze_time(datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)):
        path = preferences_path(erika)

    assert client.get(path).status_code == 200


# --- one-click unsubscribe (RFC 8058) --------------------------------------------------


def test_one_click_headers_name_a_url_and_the_one_click_post(erika, newsletter):
    headers = services.one_click_headers(services.unsubscribe_url(erika, newsletter))

    assert re.fullmatch(
        r"<https?://[^>]+/mailings/unsubscribe/[^>]+/>", headers["List-Unsubscribe"]
    )
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_one_click_post_unsubscribes_immediately_without_csrf_token(erika, newsletter):
    subscribed(erika, newsletter)
    headers = services.one_click_headers(services.unsubscribe_url(erika, newsletter))
    url = headers["List-Unsubscribe"][1:-1]
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(
        url,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not services.is_subscribed(erika, newsletter)
    withdrawal = Consent.objects.filter(person=erika).latest("pk")
    assert withdrawal.granted is False
    assert withdrawal.source.startswith("one-click unsubscribe")


def test_one_click_unsubscribe_ends_only_that_list(erika, newsletter, invitations):
    subscribed(erika, newsletter)
    subscribed(erika, invitations)
    headers = services.one_click_headers(services.unsubscribe_url(erika, newsletter))
    url = headers["List-Unsubscribe"][1:-1]

    Client().post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert not services.is_subscribed(erika, newsletter)
    assert services.is_subscribed(erika, invitations)


def test_opening_the_unsubscribe_link_shows_a_button_and_changes_nothing(client, erika, newsletter):
    subscribed(erika, newsletter)
    url = services.unsubscribe_url(erika, newsletter)

    response = client.get(url)

    assert response.status_code == 200
    assert "Yes, unsubscribe" in response.text
    assert services.is_subscribed(erika, newsletter)


def test_unsubscribed_people_drop_out_of_the_lists_recipients_at_once(erika, newsletter):
    subscribed(erika, newsletter)
    assert list(services.active_subscriptions(newsletter).values_list("person", flat=True)) == [
        erika.pk
    ]

    Client().post(services.unsubscribe_url(erika, newsletter))

    assert not services.active_subscriptions(newsletter).exists()


def test_a_forged_unsubscribe_link_gives_a_clear_page(client, erika, newsletter):
    subscribed(erika, newsletter)
    url = services.unsubscribe_url(erika, newsletter)[:-3] + "xx/"

    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400
    assert services.is_subscribed(erika, newsletter)


def test_pending_subscriptions_are_never_mailed(erika, newsletter):
    services.request_subscription(newsletter, person=erika, source="test")

    assert not services.active_subscriptions(newsletter).exists()


# --- personal data, merge, admin -------------------------------------------------------


def test_export_lists_the_subscriptions(alice, erika, newsletter):
    subscribed(erika, newsletter)

    data = export_person_data(alice, erika)

    assert data["mailing_subscriptions"][0]["list"] == "DiWiSH-Newsletter"
    assert data["mailing_subscriptions"][0]["confirmed_at"] is not None


def test_erasure_removes_subscriptions_and_disables_the_persons_links(
    client, alice, erika, newsletter
):
    subscribed(erika, newsletter)
    path = preferences_path(erika)

    erase_person(alice, erika)

    assert not Subscription.objects.exists()
    assert client.get(path).status_code == 400


def test_subscriptions_follow_a_person_merge(alice, erika, newsletter, invitations):
    duplicate = PersonFactory(first_name="Erika", last_name="Ehlers")
    subscribed(duplicate, newsletter)
    subscribed(duplicate, invitations)
    subscribed(erika, newsletter)

    merge_people(erika, duplicate, user=alice)

    assert sorted(erika.subscriptions.values_list("mailing_list__slug", flat=True)) == [
        "einladungen-ki",
        "newsletter",
    ]


def test_cluster_staff_see_only_their_clusters_lists_in_the_admin(
    client_for, alice, newsletter, other_cluster
):
    MailingList.objects.create(cluster=other_cluster, name="Logistik-News", slug="news")
    alice.user_permissions.add(Permission.objects.get(codename="view_mailinglist"))

    response = client_for(alice).get(reverse("admin:mailings_mailinglist_changelist"))

    assert response.status_code == 200
    assert "DiWiSH-Newsletter" in response.text
    assert "Logistik-News" not in response.text


def test_members_cannot_open_the_mailing_list_admin(client_for, carol):
    response = client_for(carol).get(reverse("admin:mailings_mailinglist_changelist"))

    assert response.status_code == 302


def test_only_staff_of_the_lists_cluster_may_manage_it(alice, carol, newsletter, other_cluster):
    foreign = MailingList.objects.create(cluster=other_cluster, name="Logistik-News", slug="news")

    assert alice.has_perm("mailings.manage_list", newsletter)
    assert not alice.has_perm("mailings.manage_list", foreign)
    assert not carol.has_perm("mailings.manage_list", newsletter)


def test_subscribing_to_two_lists_creates_one_person_and_two_confirmations(
    client, newsletter, invitations
):
    subscribe_form(client, [newsletter, invitations])

    assert Subscription.objects.values("person").distinct().count() == 1
    assert OutgoingMail.objects.filter(kind="subscription_confirm").count() == 2
    assert Consent.objects.count() == 2


def test_subscribe_page_can_be_narrowed_to_one_cluster(client, newsletter, other_cluster):
    MailingList.objects.create(cluster=other_cluster, name="Logistik-News", slug="news")

    response = client.get(reverse("mailings:subscribe"), {"cluster": "diwish"})

    assert "DiWiSH-Newsletter" in response.text
    assert "Logistik-News" not in response.text


def test_preference_centre_needs_few_queries_for_many_lists(
    client, erika, cluster, django_assert_max_num_queries
):
    for i in range(15):
        ml = MailingList.objects.create(cluster=cluster, name=f"List {i}", slug=f"list-{i}")
        subscribed(erika, ml)

    with django_assert_max_num_queries(12):
        response = client.get(preferences_path(erika))

    assert response.text.count('type="checkbox"') == 15
