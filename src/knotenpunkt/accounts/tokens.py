"""Signed, expiring links for e-mail confirmation; nothing is stored server-side."""

from django.core import signing

CONFIRM_SALT = "knotenpunkt.accounts.confirm-email"
CONFIRM_VALID_DAYS = 3


def make_confirmation_token(user) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=CONFIRM_SALT)


def read_confirmation_token(token: str) -> dict:
    """The payload, or signing.BadSignature / SignatureExpired."""
    return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_VALID_DAYS * 86400)
