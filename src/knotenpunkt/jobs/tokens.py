"""Signed links of the job digest, as the mailings' (knotenpunkt.mailings.tokens): nothing
is stored; each purpose has its own salt. The confirmation link expires, the unsubscribe
link does not (a digest from last year must still let its reader leave)."""

from django.core import signing

CONFIRM_SALT = "knotenpunkt.jobs.confirm-digest"
UNSUBSCRIBE_SALT = "knotenpunkt.jobs.unsubscribe-digest"
CONFIRM_VALID_DAYS = 7


def make_confirmation_token(subscription) -> str:
    # The request time binds the link to this request: after an unsubscribe and a new
    # request, a link of the earlier round confirms nothing.
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(
        {"s": subscription.pk, "r": subscription.requested_at.isoformat()}
    )


def read_confirmation_token(token: str) -> dict:
    """The payload, or signing.BadSignature / SignatureExpired."""
    return signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(
        token, max_age=CONFIRM_VALID_DAYS * 86400
    )


def make_unsubscribe_token(person) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object({"p": person.pk})


def read_unsubscribe_token(token: str) -> int:
    """The person's id, or signing.BadSignature."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)["p"]
