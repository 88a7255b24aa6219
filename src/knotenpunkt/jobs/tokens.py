"""Signed links of the job digest, made like the mailings' (knotenpunkt.mailings.tokens)
with salts of their own: nothing is stored. The confirmation link expires, the unsubscribe
link does not (a digest from last year must still let its reader leave)."""

from knotenpunkt.mailings import tokens as mailing_tokens

CONFIRM_SALT = "knotenpunkt.jobs.confirm-digest"
UNSUBSCRIBE_SALT = "knotenpunkt.jobs.unsubscribe-digest"
CONFIRM_VALID_DAYS = mailing_tokens.CONFIRM_VALID_DAYS


def make_confirmation_token(subscription) -> str:
    return mailing_tokens.make_confirmation_token(subscription, salt=CONFIRM_SALT)


def read_confirmation_token(token: str) -> dict:
    """The payload, or signing.BadSignature / SignatureExpired."""
    return mailing_tokens.read_confirmation_token(token, salt=CONFIRM_SALT)


def make_unsubscribe_token(person) -> str:
    return mailing_tokens.make_person_token(person, UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> int:
    """The person's id, or signing.BadSignature."""
    return mailing_tokens.read_person_token(token, UNSUBSCRIBE_SALT)
