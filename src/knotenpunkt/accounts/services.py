"""Sign-up, e-mail confirmation and a person's own profile."""

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.accounts.models import User
from knotenpunkt.accounts.tokens import (
    CONFIRM_VALID_DAYS,
    make_confirmation_token,
    read_confirmation_token,
)
from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.services.people import create_person, save_person
from knotenpunkt.outbox.services import queue_mail
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import record_consent


class ConfirmationFailed(Exception):
    pass


@transaction.atomic
def sign_up(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    salutation: str,
    ip=None,
    language: str = "de",
) -> User:
    """Create an inactive account with its person and consent record, then send the
    confirmation mail. The account becomes usable once the link is opened."""
    user = User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        is_active=False,
    )
    person = create_person(
        None,
        emails=[user.email],
        first_name=first_name,
        last_name=last_name,
        salutation=salutation,
        user=user,
    )
    record_consent(person, Consent.Purpose.PRIVACY_POLICY, True, source="signup", ip=ip)
    log_action(user, "accounts.user.signed_up", person)
    send_confirmation(user, language=language)
    return user


def send_confirmation(user: User, language: str = "de") -> None:
    token = make_confirmation_token(user)
    queue_mail(
        "confirm_email",
        user.email,
        {
            "name": user.get_full_name() or user.email,
            "confirm_path": reverse("accounts:confirm", kwargs={"token": token}),
            "valid_days": CONFIRM_VALID_DAYS,
        },
        language=language,
    )


@transaction.atomic
def confirm_email(token: str) -> User:
    """Activate the account the token was made for; a used or stale link fails clearly."""
    try:
        payload = read_confirmation_token(token)
    except signing.SignatureExpired as exc:
        raise ConfirmationFailed("expired") from exc
    except signing.BadSignature as exc:
        raise ConfirmationFailed("invalid") from exc
    user = User.objects.select_for_update().filter(pk=payload["u"], email=payload["e"]).first()
    if user is None:
        raise ConfirmationFailed("invalid")
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.is_active = True
        user.save(update_fields=["email_confirmed_at", "is_active"])
        log_action(user, "accounts.user.email_confirmed", user)
    return user


@transaction.atomic
def update_own_profile(user, form, formsets, ip=None):
    """A person edits their own data. Showing oneself publicly is a consent, so a change
    of that choice is recorded as one."""
    was_public = form.initial.get("is_public", False)
    person = save_person(user, form, formsets)
    if person.is_public != was_public:
        record_consent(
            person, Consent.Purpose.DIRECTORY_LISTING, person.is_public, source="profile", ip=ip
        )
    return person
