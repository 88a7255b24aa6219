import re

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
def test_sign_up_refuses_taken_address_weak_password_and_missing_consent(
    client, django_capture_on_commit_callbacks, dave
):
    response = sign_up(client, django_capture_on_commit_callbacks, email="DAVE@example.org")
    assert "existiert bereits" in response.text
    response = sign_up(client, django_capture_on_commit_callbacks, password="12345678")
    assert "komplett numerisch" in response.text
    response = sign_up(client, django_capture_on_commit_callbacks, accept_privacy="")
    assert response.status_code == 200
    assert User.objects.filter(email="jana.hansen@example.org").count() == 0
    assert OutgoingMail.objects.count() == 0


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
