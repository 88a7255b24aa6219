"""An address on a profile counts for something only once its owner confirmed it by the
link mailed to it: until then it links nobody to anything."""

import importlib
import re
from datetime import timedelta

import freezegun
import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.accounts import services
from knotenpunkt.accounts.tokens import make_address_token
from knotenpunkt.directory.models import Person, PersonEmail
from knotenpunkt.directory.services.organisations import add_colleague
from knotenpunkt.directory.services.people import create_person, people_known_by_email
from knotenpunkt.groups.forms import InviteForm
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.quality.models import SimilarityKey
from tests.accounts.test_profile import profile_post
from tests.accounts.test_signup import confirmation_path as signup_link
from tests.accounts.test_signup import sign_up
from tests.factories import GroupFactory, PersonEmailFactory, PersonFactory

BOSS = "chefin@nordlicht.example"

pytestmark = pytest.mark.django_db


def add_address(client, person, address):
    """The person adds `address` to their own profile, mails sent."""
    data = profile_post(person, **{"emails-0-address": address, "emails-0-is_primary": ""})
    response = client.post(reverse("accounts:me"), data)
    assert response.status_code == 302
    return PersonEmail.objects.get(person=person, address=address)


def confirmation_path(address):
    body = OutgoingMail.objects.filter(kind="accounts_confirm_address", to=address).last()
    return re.search(r"http://[^/]+(/accounts/me/confirm-address/\S+/)", body.body_text).group(1)


def add_boss_as_admin(client_for, bob, member_org):
    client = client_for(bob)
    response = client.post(
        reverse("directory:organisation_people", kwargs={"slug": member_org.slug}),
        {
            "salutation": "ms",
            "first_name": "Henrike",
            "last_name": "Holm",
            "email": BOSS,
            "function": "ceo",
            "is_admin": "on",
        },
    )
    assert response.status_code == 302


def test_an_address_added_to_ones_profile_is_unconfirmed_and_gets_a_link(
    client_for, dave, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = add_address(client_for(dave), dave.person, "dave.privat@example.net")
    assert email.confirmed_at is None
    mail = OutgoingMail.objects.get(kind="accounts_confirm_address")
    assert mail.to == "dave.privat@example.net" and mail.status == "sent"
    assert "/accounts/me/confirm-address/" in mail.body_text


def test_someone_elses_address_on_a_profile_does_not_make_its_holder_admin(
    client, client_for, dave, bob, member_org
):
    """The finding: Dave types the future admin's address into his own profile; when the
    firm's admin adds her, the firm gets a new person, not Dave."""
    add_address(client_for(dave), dave.person, BOSS)
    client.logout()

    add_boss_as_admin(client_for, bob, member_org)

    assert not dave.person.positions.exists()
    boss = Person.objects.get(last_name="Holm")
    assert boss.user is None and boss.positions.get(organisation=member_org).is_admin
    client.force_login(dave)
    response = client.get(reverse("directory:organisation_edit", kwargs={"slug": member_org.slug}))
    assert response.status_code == 403


def test_a_confirmed_address_finds_its_owner_when_a_colleague_is_added(
    client, client_for, carol, bob, member_org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add_address(client_for(carol), carol.person, BOSS)
    response = client.get(confirmation_path(BOSS))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:me")
    client.logout()

    add_boss_as_admin(client_for, bob, member_org)

    assert carol.person.positions.get(function="ceo").is_admin
    assert not Person.objects.filter(last_name="Holm").exists()


def test_the_link_confirms_nothing_for_another_logged_in_account(
    client, client_for, carol, dave, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = add_address(client_for(dave), dave.person, BOSS)
    client.force_login(carol)  # the mailbox's real owner, clicking a stranger's link
    response = client.get(confirmation_path(BOSS))
    assert response.status_code == 400
    email.refresh_from_db()
    assert email.confirmed_at is None


def test_the_link_asks_a_visitor_to_log_in_first(client, dave):
    email = PersonEmailFactory(person=dave.person, address=BOSS, is_primary=False)
    path = reverse("accounts:confirm_address", kwargs={"token": make_address_token(email)})
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )
    email.refresh_from_db()
    assert email.confirmed_at is None


def test_a_link_for_an_address_edited_since_confirms_nothing(client_for, dave):
    email = PersonEmailFactory(person=dave.person, address=BOSS, is_primary=False)
    token = make_address_token(email)
    PersonEmail.objects.filter(pk=email.pk).update(address="anders@nordlicht.example")
    response = client_for(dave).get(reverse("accounts:confirm_address", kwargs={"token": token}))
    assert response.status_code == 400
    email.refresh_from_db()
    assert email.confirmed_at is None


def test_an_expired_link_confirms_nothing(dave):
    email = PersonEmailFactory(person=dave.person, address=BOSS, is_primary=False)
    with freezegun.freeze_time(timezone.now() - timedelta(days=4)):
        token = make_address_token(email)
    with pytest.raises(services.ConfirmationFailed, match="expired"):
        services.confirm_profile_address(dave, token)
    email.refresh_from_db()
    assert email.confirmed_at is None


def test_editing_a_confirmed_address_needs_a_new_confirmation(client_for, carol):
    email = carol.person.emails.create(address="carol@nordlicht.example", is_primary=True)
    PersonEmail.objects.filter(pk=email.pk).update(confirmed_at="2026-01-01T00:00:00Z")
    data = profile_post(
        carol.person,
        **{
            "emails-INITIAL_FORMS": "1",
            "emails-0-id": str(email.pk),
            "emails-0-person": str(carol.person.pk),
            "emails-0-address": BOSS,
        },
    )
    assert client_for(carol).post(reverse("accounts:me"), data).status_code == 302
    email.refresh_from_db()
    assert email.address == BOSS and email.confirmed_at is None
    assert not people_known_by_email(BOSS).exists()


def test_the_profile_shows_an_unconfirmed_address_with_a_button_to_send_the_link_again(
    client_for, dave
):
    PersonEmailFactory(person=dave.person, address=BOSS, is_primary=False)
    response = client_for(dave).get(reverse("accounts:me"))
    assert response.status_code == 200
    assert 'name="resend_confirmation"' in response.text


def test_send_again_mails_a_new_link_and_keeps_what_was_typed(
    client_for, dave, django_capture_on_commit_callbacks
):
    email = PersonEmailFactory(person=dave.person, address=BOSS, is_primary=False)
    data = profile_post(dave.person, last_name="Dreyer-Neu", resend_confirmation=str(email.pk))
    data.update({"emails-TOTAL_FORMS": "0", "phones-TOTAL_FORMS": "0"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(dave).post(reverse("accounts:me"), data)
    assert response.status_code == 302
    assert OutgoingMail.objects.get(kind="accounts_confirm_address").to == BOSS
    dave.person.refresh_from_db()
    assert dave.person.last_name == "Dreyer-Neu"


def test_send_again_mails_one_link_per_few_minutes(client_for, dave):
    email = PersonEmailFactory(person=dave.person, address=BOSS, is_primary=False)
    data = profile_post(dave.person, resend_confirmation=str(email.pk))
    data.update({"emails-TOTAL_FORMS": "0", "phones-TOTAL_FORMS": "0"})
    client = client_for(dave)
    for _ in range(3):
        client.post(reverse("accounts:me"), data)
    assert OutgoingMail.objects.filter(kind="accounts_confirm_address").count() == 1


def test_nobody_can_have_a_link_sent_for_someone_elses_address(client_for, dave, carol):
    foreign = PersonEmailFactory(person=carol.person, address=BOSS, is_primary=False)
    data = profile_post(dave.person, resend_confirmation=str(foreign.pk))
    data.update({"emails-TOTAL_FORMS": "0", "phones-TOTAL_FORMS": "0"})
    client_for(dave).post(reverse("accounts:me"), data)
    assert not OutgoingMail.objects.filter(kind="accounts_confirm_address").exists()


def test_adding_ones_own_confirmed_login_address_needs_no_link(client_for, dave):
    email = add_address(client_for(dave), dave.person, "dave@example.org")
    email.refresh_from_db()
    assert email.confirmed_at is not None
    assert not OutgoingMail.objects.filter(kind="accounts_confirm_address").exists()


def test_confirming_the_sign_up_confirms_the_address_on_the_profile(
    client, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks)
    email = PersonEmail.objects.get(address="jana.hansen@example.org")
    assert email.confirmed_at is None
    client.get(signup_link())
    email.refresh_from_db()
    assert email.confirmed_at is not None
    assert people_known_by_email("Jana.Hansen@example.org").get() == email.person


def test_an_address_staff_entered_for_a_person_without_login_still_finds_them(bob, member_org):
    """The documented decision: contact data entered by staff or an import identifies
    its record while no login hangs on it, so adding a known colleague reuses them."""
    known = PersonEmailFactory(address=BOSS, person=PersonFactory(last_name="Holm")).person
    assert add_colleague(bob, member_org, email=BOSS, function="ceo", first_name="H") == known


def test_an_unconfirmed_address_does_not_find_a_person_to_invite_to_a_group(dave, cluster):
    PersonEmailFactory(person=dave.person, address=BOSS, is_primary=False)
    form = InviteForm({"email": BOSS}, group=GroupFactory(clusters=[cluster]))
    assert not form.is_valid()


def test_an_address_edited_anywhere_else_needs_a_new_confirmation_too(carol):
    """Staff in the back office, an organisation admin or an import save the row itself."""
    email = carol.person.emails.create(address="carol@nordlicht.example", is_primary=True)
    services.confirm_login_address(carol)
    email = PersonEmail.objects.get(pk=email.pk)
    assert email.confirmed_at is not None
    email.address = BOSS
    email.save(update_fields=["address"])
    email.refresh_from_db()
    assert email.confirmed_at is None


def test_the_migration_confirms_addresses_equal_to_a_confirmed_login(carol, dave):
    """Installations that existed before confirmations: the login's own address was
    proven by the sign-up link; any other address starts unconfirmed."""
    migration = importlib.import_module(
        "knotenpunkt.directory.migrations.0007_person_email_confirmed_at"
    )
    login = carol.person.emails.create(address="Carol@Nordlicht.example", is_primary=True)
    other = carol.person.emails.create(address=BOSS, is_primary=False)
    dave.email_confirmed_at = None
    dave.save(update_fields=["email_confirmed_at"])
    unconfirmed_login = dave.person.emails.create(address="dave@example.org", is_primary=True)

    migration.confirm_login_addresses(apps, None)

    assert PersonEmail.objects.get(pk=login.pk).confirmed_at == carol.email_confirmed_at
    assert PersonEmail.objects.get(pk=other.pk).confirmed_at is None
    assert PersonEmail.objects.get(pk=unconfirmed_login.pk).confirmed_at is None


def test_the_address_of_a_confirmed_login_identifies_its_person_and_an_unconfirmed_one_not(
    carol, dave
):
    PersonEmailFactory(person=carol.person, address="carol@nordlicht.example")
    PersonEmailFactory(person=dave.person, address="dave@example.org")
    dave.email_confirmed_at = None
    dave.save(update_fields=["email_confirmed_at"])
    assert list(people_known_by_email("CAROL@nordlicht.example")) == [carol.person]
    assert not people_known_by_email("dave@example.org").exists()


def test_a_confirmed_sign_up_is_paired_with_the_staff_record_of_its_address(
    client, django_capture_on_commit_callbacks
):
    """Signing up never attaches the login to a record staff keep for the address; once
    the address is confirmed, the duplicate lookup pairs them for staff to merge."""
    kept = create_person(None, emails=["jana.hansen@example.org"], first_name="J", last_name="H")

    def paired():
        keys = SimilarityKey.objects.filter(kind="person", key_type="email")
        return set(keys.values_list("record_id", flat=True))

    sign_up(client, django_capture_on_commit_callbacks)
    signed_up = Person.objects.get(user__email="jana.hansen@example.org")
    assert kept.user is None and paired() == {kept.pk}
    client.get(signup_link())
    assert paired() == {kept.pk, signed_up.pk}
    kept.refresh_from_db()
    assert kept.user is None


def test_the_profile_offers_no_new_link_for_the_confirmed_login_address(client_for, dave):
    PersonEmailFactory(person=dave.person, address="dave@example.org")
    response = client_for(dave).get(reverse("accounts:me"))
    assert 'name="resend_confirmation"' not in response.text
