"""Sign-up, e-mail confirmation and a person's own profile."""

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.accounts.models import User
from knotenpunkt.accounts.tokens import (
    CONFIRM_VALID_DAYS,
    make_address_token,
    make_confirmation_token,
    read_address_token,
    read_confirmation_token,
)
from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import PersonEmail
from knotenpunkt.directory.services.people import (
    confirm_address,
    create_person,
    save_person,
    unconfirmed_addresses,
)
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.outbox.services import queue_mail
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import record_consent

# One mail of a kind to one address per pause: the buttons and forms that send them must
# not become a way to flood a stranger's mailbox.
ADDRESS_CONFIRMATION_PAUSE = timedelta(minutes=5)
SIGNUP_ATTEMPT_PAUSE = timedelta(hours=1)


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
) -> User | None:
    """Create an inactive account with its person and consent record, then send the
    confirmation mail. The account becomes usable once the link is opened.

    For an address that has an account already nothing is created and None returned: the
    owner is told by mail, and the caller answers exactly as for a new address, so the
    form does not tell strangers who has an account."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        return _signed_up_again(email, password, language)
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                password=password,
                first_name=first_name,
                last_name=last_name,
                is_active=False,
            )
    except IntegrityError:
        # The same address signed up a moment ago in a parallel request.
        return _signed_up_again(email, password, language)
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


def _signed_up_again(email: str, password: str, language: str) -> None:
    # Hashing the password costs what a real sign-up costs, so the answer takes as long.
    make_password(password)
    user = User.objects.get(email__iexact=email)
    if _mailed_recently("accounts_signup_attempt", user.email, SIGNUP_ATTEMPT_PAUSE):
        return None
    context = {
        "name": user.get_full_name() or user.email,
        "login_path": reverse("accounts:login"),
        "reset_path": reverse("accounts:password_reset"),
        "valid_days": CONFIRM_VALID_DAYS,
    }
    if user.email_confirmed_at is None:
        # Never confirmed: perhaps the first mail was lost; this one brings a fresh link.
        token = make_confirmation_token(user)
        context["confirm_path"] = reverse("accounts:confirm", kwargs={"token": token})
    queue_mail("accounts_signup_attempt", user.email, context, language=language)
    return None


def _mailed_recently(kind: str, address: str, pause: timedelta) -> bool:
    return OutgoingMail.objects.filter(
        kind=kind, to__iexact=address, created_at__gte=timezone.now() - pause
    ).exists()


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


def _payload(read, token: str) -> dict:
    """A confirmation link's payload; a stale or forged link fails with its reason."""
    try:
        return read(token)
    except signing.SignatureExpired as exc:
        raise ConfirmationFailed("expired") from exc
    except signing.BadSignature as exc:
        raise ConfirmationFailed("invalid") from exc


@transaction.atomic
def confirm_email(token: str) -> User:
    """Activate the account the token was made for; a used or stale link fails clearly."""
    payload = _payload(read_confirmation_token, token)
    user = User.objects.select_for_update().filter(pk=payload["u"], email=payload["e"]).first()
    if user is None:
        raise ConfirmationFailed("invalid")
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.is_active = True
        user.save(update_fields=["email_confirmed_at", "is_active"])
        log_action(user, "accounts.user.email_confirmed", user)
    _confirm_login_address_on_profile(user)
    return user


@transaction.atomic
def confirm_login_address(user: User) -> User:
    """Treat the login's address as confirmed by its owner: for accounts made by the
    platform itself (the demo's logins), never for anything a user typed."""
    if user.email_confirmed_at is None or not user.is_active:
        user.email_confirmed_at = user.email_confirmed_at or timezone.now()
        user.is_active = True
        user.save(update_fields=["email_confirmed_at", "is_active"])
    _confirm_login_address_on_profile(user)
    return user


def _confirm_login_address_on_profile(user: User) -> None:
    # The person's copy of the login address was proven by the same link.
    for email in PersonEmail.objects.filter(
        person__user=user, address__iexact=user.email, confirmed_at__isnull=True
    ).select_related("person"):
        confirm_address(user, email)


def send_address_confirmation(user: User, email: PersonEmail, language: str | None = None) -> bool:
    """Mail a confirmation link to an unconfirmed address of the user's own profile.
    False when one went to it a few minutes ago (nothing is sent then)."""
    if email.confirmed_at is not None or email.person.user_id != user.pk:
        return False
    if _mailed_recently("accounts_confirm_address", email.address, ADDRESS_CONFIRMATION_PAUSE):
        return False
    token = make_address_token(email)
    queue_mail(
        "accounts_confirm_address",
        email.address,
        {
            "name": email.person.full_name,
            "address": email.address,
            "confirm_path": reverse("accounts:confirm_address", kwargs={"token": token}),
            "valid_days": CONFIRM_VALID_DAYS,
        },
        language=language,
    )
    return True


@transaction.atomic
def confirm_profile_address(user: User, token: str) -> PersonEmail:
    """The owner of an address opened the link sent to it, logged in as the account whose
    profile lists it: from now on the address identifies them. A link for another
    account, or for an address edited since, confirms nothing."""
    payload = _payload(read_address_token, token)
    email = (
        PersonEmail.objects.select_related("person")
        .filter(pk=payload["a"], person_id=payload["p"])
        .first()
    )
    if email is None or email.address.lower() != payload["e"]:
        raise ConfirmationFailed("invalid")
    if email.person.user_id != user.pk:
        raise ConfirmationFailed("other_account")
    confirm_address(user, email)
    return email


@transaction.atomic
def update_own_profile(user, form, formsets, ip=None, language=None):
    """A person edits their own data. Showing oneself publicly is a consent, so a change
    of that choice is recorded as one. A new or changed address gets a confirmation link;
    until it is opened it counts for nothing."""
    was_public = form.initial.get("is_public", False)
    unconfirmed_before = set(unconfirmed_addresses(form.instance).values_list("pk", "address"))
    person = save_person(user, form, formsets)
    if person.is_public != was_public:
        record_consent(
            person, Consent.Purpose.DIRECTORY_LISTING, person.is_public, source="profile", ip=ip
        )
    for email in unconfirmed_addresses(person).select_related("person"):
        if user.email_confirmed_at and email.address.lower() == user.email.lower():
            confirm_address(user, email)
        elif (email.pk, email.address) not in unconfirmed_before:
            send_address_confirmation(user, email, language=language)
    return person
