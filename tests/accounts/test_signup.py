import re
import time

import pytest
from django.core import mail
from django.urls import reverse

from knotenpunkt.accounts.models import User
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.privacy.models import Consent

SIGNUP = {
    "salutation": "ms",
    "first_name": "Jana",
    "last_name": "Hansen",
    "email": "Jana.Hansen@Example.org",
    "password": "Kieler-Woche-2026!",
    "accept_privacy": "on",
}


def sign_up(client, django_capture_on_commit_callbacks, **changes):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("accounts:signup"), {**SIGNUP, **changes})


def confirmation_path():
    body = OutgoingMail.objects.get(kind="confirm_email").body_text
    return re.search(r"http://[^/]+(/accounts/confirm/\S+/)", body).group(1)


@pytest.mark.django_db
def test_sign_up_sends_confirmation_and_records_consent(client, django_capture_on_commit_callbacks):
    response = sign_up(client, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "jana.hansen@example.org" in response.text
    user = User.objects.get(email="jana.hansen@example.org")
    assert not user.is_active
    assert user.person.primary_email == "jana.hansen@example.org"
    consent = Consent.objects.get(person=user.person)
    assert consent.purpose == "privacy_policy" and consent.granted
    assert consent.source == "signup" and consent.text_version
    assert consent.ip_address is None, "IP addresses are not stored unless configured"
    # The mail went through the outbox and out over the mail connection.
    assert OutgoingMail.objects.get(kind="confirm_email").status == "sent"
    assert mail.outbox[0].to == ["jana.hansen@example.org"]
    assert "E-Mail-Adresse" in mail.outbox[0].subject


@pytest.mark.django_db
def test_confirmation_link_activates_account_and_login_works(
    client, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks)
    login = {"username": "jana.hansen@example.org", "password": SIGNUP["password"]}
    assert client.post(reverse("accounts:login"), login).status_code == 200  # not yet
    response = client.get(confirmation_path())
    assert response.status_code == 302
    response = client.post(reverse("accounts:login"), login)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:me")


@pytest.mark.django_db
def test_tampered_confirmation_link_is_refused(client, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    response = client.get(confirmation_path().replace(":", "x", 1))
    assert response.status_code == 400
    assert not User.objects.get(email="jana.hansen@example.org").is_active


@pytest.mark.django_db
def test_sign_up_refuses_weak_password_and_missing_consent(
    client, django_capture_on_commit_callbacks
):
    response = sign_up(client, django_capture_on_commit_callbacks, password="12345678")
    assert "komplett numerisch" in response.text
    response = sign_up(client, django_capture_on_commit_callbacks, accept_privacy="")
    assert response.status_code == 200
    assert User.objects.filter(email="jana.hansen@example.org").count() == 0
    assert OutgoingMail.objects.count() == 0


def page_without(response, address):
    """The page without what differs between any two answers: the typed address and the
    per-response CSRF token."""
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", response.text.replace(address, "ADDRESS"))


@pytest.mark.django_db
def test_sign_up_with_a_taken_address_answers_exactly_like_a_new_one(
    client, django_capture_on_commit_callbacks, dave
):
    taken = sign_up(client, django_capture_on_commit_callbacks, email="DAVE@example.org")
    new = sign_up(client, django_capture_on_commit_callbacks, email="new@example.org")
    assert taken.status_code == new.status_code == 200
    assert page_without(taken, "dave@example.org") == page_without(new, "new@example.org")
    assert User.objects.filter(email__iexact="dave@example.org").count() == 1


@pytest.mark.django_db
def test_owner_of_a_taken_address_is_told_by_mail_and_nothing_changes(
    client, django_capture_on_commit_callbacks, dave
):
    sign_up(client, django_capture_on_commit_callbacks, email="DAVE@example.org", last_name="X")
    told = OutgoingMail.objects.get()
    assert (told.kind, told.to) == ("accounts_signup_attempt", "dave@example.org")
    assert "/accounts/login/" in told.body_text and "/accounts/password-reset/" in told.body_text
    dave.refresh_from_db()
    assert dave.check_password("Geheim-Passwort-2026") and dave.person.last_name == "Dreyer"


@pytest.mark.django_db
def test_signing_up_again_before_confirming_brings_a_fresh_confirmation_link(
    client, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks)
    OutgoingMail.objects.all().delete()
    sign_up(client, django_capture_on_commit_callbacks, password="Anderes-Passwort-2026")
    body = OutgoingMail.objects.get(kind="accounts_signup_attempt").body_text
    path = re.search(r"http://[^/]+(/accounts/confirm/\S+/)", body).group(1)
    assert client.get(path).status_code == 302
    login = {"username": "jana.hansen@example.org", "password": SIGNUP["password"]}
    assert client.post(reverse("accounts:login"), login).status_code == 302, (
        "the second sign-up must not replace the first one's password"
    )


@pytest.mark.django_db
def test_repeated_sign_ups_with_a_taken_address_mail_the_owner_once_an_hour(
    client, django_capture_on_commit_callbacks, dave
):
    for _ in range(3):
        sign_up(client, django_capture_on_commit_callbacks, email="dave@example.org")
    assert OutgoingMail.objects.filter(kind="accounts_signup_attempt").count() == 1


@pytest.mark.django_db
def test_sign_up_takes_as_long_for_a_taken_address_as_for_a_new_one(
    client, django_capture_on_commit_callbacks, dave
):
    def duration(email):
        started = time.perf_counter()
        sign_up(client, django_capture_on_commit_callbacks, email=email)
        return time.perf_counter() - started

    new = min(duration(f"neu{i}@example.org") for i in range(3))
    taken = min(duration("dave@example.org") for _ in range(3))
    # Both hash the password, which is most of the time; the order of magnitude is the same.
    assert new / 4 < taken < new * 4, (new, taken)


@pytest.mark.django_db
def test_login_is_locked_after_repeated_failures(client, dave):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": dave.email, "password": "falsch"})
    response = client.post(
        reverse("accounts:login"), {"username": dave.email, "password": "Geheim-Passwort-2026"}
    )
    assert response.status_code == 429
    assert "Zu viele Versuche" in response.text


@pytest.mark.django_db
def test_mixed_case_spellings_share_one_lock_out(client, dave):
    spellings = ["dave@example.org", "DAVE@example.org", "Dave@Example.org", " dave@EXAMPLE.org "]
    for attempt in range(5):
        username = spellings[attempt % len(spellings)]
        client.post(reverse("accounts:login"), {"username": username, "password": "falsch"})
    for username in spellings:
        response = client.post(
            reverse("accounts:login"), {"username": username, "password": "Geheim-Passwort-2026"}
        )
        assert response.status_code == 429, username


@pytest.mark.django_db
def test_password_reset_mail_leaves_through_the_outbox(
    client, dave, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": dave.email})
    sent = OutgoingMail.objects.get(kind="password_reset")
    assert sent.to == dave.email and sent.status == "sent"
    path = re.search(r"http://[^/]+(/accounts/password-reset/\S+/)", sent.body_text).group(1)
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert "Neues Passwort" in response.text


def test_own_profile_page_needs_login(client):
    response = client.get(reverse("accounts:me"))
    assert response.status_code == 302
