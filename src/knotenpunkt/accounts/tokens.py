"""Signed, expiring links for e-mail confirmation; nothing is stored server-side."""

from django.core import signing

CONFIRM_SALT = "knotenpunkt.accounts.confirm-email"
CONFIRM_VALID_DAYS = 3
ADDRESS_SALT = "knotenpunkt.accounts.confirm-address"


def make_confirmation_token(user) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=CONFIRM_SALT)


def read_confirmation_token(token: str) -> dict:
    """The payload, or signing.BadSignature / SignatureExpired."""
    return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_VALID_DAYS * 86400)


def make_address_token(email) -> str:
    """A link for one address of a profile. It names the row, its person and the address
    as it was, so a link for an address edited since confirms nothing."""
    return signing.dumps(
        {"a": email.pk, "p": email.person_id, "e": email.address.lower()}, salt=ADDRESS_SALT
    )


def read_address_token(token: str) -> dict:
    """The payload, or signing.BadSignature / SignatureExpired."""
    return signing.loads(token, salt=ADDRESS_SALT, max_age=CONFIRM_VALID_DAYS * 86400)
