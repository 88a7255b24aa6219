"""Signed links for the mailings; nothing is stored server-side.

Each purpose has its own salt, so a link made for one purpose never works for another.
Confirmation links expire (a forgotten double opt-in mail must not stay usable forever);
preference and unsubscribe links do not, because a mail from years ago must still let its
recipient leave (RFC 8058 and DSGVO Art. 7(3): withdrawing as easy as giving).
"""

from django.core import signing
from django.urls import reverse

CONFIRM_SALT = "knotenpunkt.mailings.confirm-subscription"
PREFERENCES_SALT = "knotenpunkt.mailings.preferences"
UNSUBSCRIBE_SALT = "knotenpunkt.mailings.unsubscribe"
CONFIRM_VALID_DAYS = 7


def make_confirmation_token(subscription, salt: str = CONFIRM_SALT) -> str:
    """A double opt-in link for a subscription with a `requested_at` (the job digest's
    subscriptions use it too, with their own salt)."""
    # The request time binds the link to this one request: after an unsubscribe and a
    # new request, a link from the earlier round no longer confirms anything.
    return signing.TimestampSigner(salt=salt).sign_object(
        {"s": subscription.pk, "r": subscription.requested_at.isoformat()}
    )


def read_confirmation_token(token: str, salt: str = CONFIRM_SALT) -> dict:
    """The payload, or signing.BadSignature / SignatureExpired."""
    return signing.TimestampSigner(salt=salt).unsign_object(
        token, max_age=CONFIRM_VALID_DAYS * 86400
    )


def make_person_token(person, salt: str) -> str:
    """A link that names one person for one purpose (the salt) and never expires."""
    return signing.Signer(salt=salt).sign_object({"p": person.pk})


def read_person_token(token: str, salt: str) -> int:
    """The person's id, or signing.BadSignature."""
    return signing.Signer(salt=salt).unsign_object(token)["p"]


def make_preferences_token(person) -> str:
    return make_person_token(person, PREFERENCES_SALT)


def read_preferences_token(token: str) -> int:
    """The person's id, or signing.BadSignature."""
    return read_person_token(token, PREFERENCES_SALT)


def make_unsubscribe_token(person, mailing_list=None) -> str:
    """A link that ends one list's subscription, or all of them when no list is given."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(
        {"p": person.pk, "l": mailing_list.pk if mailing_list is not None else None}
    )


def read_unsubscribe_token(token: str) -> tuple[int, int | None]:
    """(person id, list id or None), or signing.BadSignature."""
    payload = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    return payload["p"], payload["l"]


# Engagement counting (only when a mailing has it switched on). The links carry the
# mailing and the link's position, never the recipient: what is counted cannot be
# traced back to a person.
OPEN_SALT = "knotenpunkt.mailings.open"
CLICK_SALT = "knotenpunkt.mailings.click"


def open_path(mailing) -> str:
    token = signing.Signer(salt=OPEN_SALT).sign(str(mailing.pk))
    return reverse("mailings:track_open", kwargs={"token": token})


def read_open_token(token: str) -> int:
    """The mailing's id, or signing.BadSignature."""
    return int(signing.Signer(salt=OPEN_SALT).unsign(token))


def click_path(mailing, position: int) -> str:
    token = signing.Signer(salt=CLICK_SALT).sign_object([mailing.pk, position])
    return reverse("mailings:track_click", kwargs={"token": token})


def read_click_token(token: str) -> tuple[int, int]:
    """(mailing id, link position), or signing.BadSignature."""
    mailing_id, position = signing.Signer(salt=CLICK_SALT).unsign_object(token)
    return int(mailing_id), int(position)
