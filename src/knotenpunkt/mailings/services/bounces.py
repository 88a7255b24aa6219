"""Bounces: what happens when a mail cannot be delivered.

Reports come from the bounce mailbox (delivery status notifications, parsed with
flufl.bounce, Mailman's detectors for RFC 3464 DSNs and the odd formats of Exim, qmail,
Exchange and others) or from a mail provider's webhook (django-anymail, see webhooks.py).

A permanent failure suppresses the address at once: every PersonEmail with it becomes
BOUNCING and the senders skip it. A temporary one (mailbox full) changes nothing until the
third within 30 days. Every report is kept as a Bounce row, so staff can see why an
address is no longer mailed.
"""

import email
import logging
import re
from datetime import timedelta
from email import policy
from email.message import Message
from email.parser import HeaderParser

import flufl.bounce
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import log_action, register_action
from knotenpunkt.core.registry import register_personal_data
from knotenpunkt.directory.models import Person, PersonEmail
from knotenpunkt.mailings.models import Bounce, MailingRecipient
from knotenpunkt.mailings.services.subscriptions import unsubscribe

log = logging.getLogger(__name__)

register_action("mailings.address.bouncing", _("E-mail address marked as bouncing"))

TEMPORARY_WINDOW = timedelta(days=30)
TEMPORARY_LIMIT = 3  # the third temporary failure in the window counts as permanent

# --- Message-IDs of our bulk mails -----------------------------------------------------------
#
# <knp.{mailing}.{recipient}.{check}@{domain}>: a returned header names the outbox row the
# bounce belongs to. The check is an HMAC, so a forged or foreign Message-ID never marks a
# recipient; it is also stable, so a retried delivery carries the same Message-ID and the
# receiving side can tell the copies apart from two different mails.

MESSAGE_ID_SALT = "knotenpunkt.mailings.message-id"
_MESSAGE_ID = re.compile(r"<?knp\.(\d+)\.(\d+)\.([0-9a-f]{16})@[^\s<>@]+>?", re.IGNORECASE)


def _check(mailing_id: int, recipient_id: int, secret=None) -> str:
    value = f"{mailing_id}.{recipient_id}"
    return salted_hmac(MESSAGE_ID_SALT, value, secret=secret, algorithm="sha256").hexdigest()[:16]


def make_message_id(mailing_id: int, recipient_id: int, domain: str) -> str:
    """The Message-ID header (with angle brackets) of one recipient's mail of a mailing."""
    return f"<knp.{mailing_id}.{recipient_id}.{_check(mailing_id, recipient_id)}@{domain}>"


def parse_message_id(message_id: str | None) -> tuple[int, int] | None:
    """(mailing id, recipient id) of a Message-ID made by `make_message_id`, else None."""
    match = _MESSAGE_ID.fullmatch((message_id or "").strip())
    if match is None:
        return None
    mailing_id, recipient_id, check = int(match[1]), int(match[2]), match[3].lower()
    # Mails sent before a key rotation still bounce afterwards.
    for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        if constant_time_compare(check, _check(mailing_id, recipient_id, secret)):
            return mailing_id, recipient_id
    return None


def _recipient_for(message_id: str) -> MailingRecipient | None:
    ids = parse_message_id(message_id)
    if ids is None:
        return None
    return MailingRecipient.objects.filter(mailing_id=ids[0], pk=ids[1]).first()


# --- recording -------------------------------------------------------------------------------


def _emails_with(address: str):
    # Lower() matches the directory's expression index on PersonEmail.address.
    return PersonEmail.objects.alias(address_lower=Lower("address")).filter(address_lower=address)


@transaction.atomic
def record_bounce(
    address: str,
    permanent: bool,
    *,
    message_id: str = "",
    diagnostic: str = "",
    source: str,
    report_id: str = "",
) -> Bounce | None:
    """Record one delivery failure and suppress the address when it is final.

    `message_id` (of the mail that bounced) links the bounce to its mailing recipient;
    `report_id` (the report's own id) makes reading the same report twice harmless.
    Returns None for an address neither the directory nor a mailing knows: bounces of
    mails we never sent (forged senders' backscatter) are not kept.
    """
    address = address.strip().lower()
    if report_id:
        earlier = Bounce.objects.filter(report_id=report_id[:255], address=address).first()
        if earlier is not None:
            return earlier
    # Locked, so two reports for one address at once count each other's temporary failures.
    emails = list(_emails_with(address).select_for_update(of=("self",)).select_related("person"))
    recipient = _recipient_for(message_id)
    if not emails and recipient is None:
        log.info("Bounce for unknown address %s from %s ignored", address, source)
        return None
    now = timezone.now()
    earlier_temporary = 0 if permanent else _temporary_failures_since_suppression(address, now)
    suppress = permanent or earlier_temporary + 1 >= TEMPORARY_LIMIT
    bounce = Bounce.objects.create(
        address=address,
        permanent=permanent,
        suppressed=suppress,
        occurred_at=now,
        diagnostic=" ".join(diagnostic.split())[:1000],
        source=source[:100],
        message_id=message_id.strip()[:255],
        report_id=report_id[:255],
        recipient=recipient,
    )
    if suppress:
        _suppress(emails, bounce)
        if recipient is not None:
            # The first bounce is the one that counts; status stays SENT (it was sent).
            MailingRecipient.objects.filter(pk=recipient.pk, bounced_at__isnull=True).update(
                bounced_at=now
            )
    return bounce


def _temporary_failures_since_suppression(address: str, now) -> int:
    """Temporary failures within the window, not counting those before the address was
    last suppressed: once staff mark it valid again, it takes three new ones."""
    since = now - TEMPORARY_WINDOW
    last_suppression = (
        Bounce.objects.filter(address=address, suppressed=True, occurred_at__gte=since)
        .order_by("-occurred_at")
        .values_list("occurred_at", flat=True)
        .first()
    )
    if last_suppression is not None:
        since = last_suppression
    return Bounce.objects.filter(
        address=address, permanent=False, suppressed=False, occurred_at__gt=since
    ).count()


def _suppress(emails: list[PersonEmail], bounce: Bounce) -> None:
    PersonEmail.objects.filter(pk__in=[e.pk for e in emails]).update(
        deliverability=PersonEmail.Deliverability.BOUNCING, bounced_at=bounce.occurred_at
    )
    for person_email in emails:
        if person_email.deliverability != PersonEmail.Deliverability.BOUNCING:
            log_action(
                None,
                "mailings.address.bouncing",
                person_email.person,
                address=bounce.address,
                source=bounce.source,
                reason=bounce.diagnostic[:200],
            )


def unsubscribe_address(address: str, *, source: str) -> int:
    """End every subscription of the people with this address (a spam complaint, an
    unsubscribe at the provider). Returns the number of subscriptions ended."""
    people = Person.objects.filter(
        erased_at__isnull=True,
        pk__in=_emails_with(address.strip().lower()).values("person"),
    )
    return sum(len(unsubscribe(person, None, source=source)) for person in people)


# --- bounce mails ----------------------------------------------------------------------------

_SMTP_REPLY = re.compile(r"\b[45]\d\d[ -][45]\.\d{1,3}\.\d{1,3}\b[^\n]*")
_HEADER_MESSAGE_ID = re.compile(r"^Message-ID:[ \t]*(<[^>\s]+>)", re.IGNORECASE | re.MULTILINE)


def process_bounce_message(raw: bytes, source: str = "mailbox") -> list[Bounce]:
    """Record the failures one bounce mail reports; [] for a mail that is no bounce
    (an out-of-office reply, a human answer) or names no address we know."""
    msg = email.message_from_bytes(raw, policy=policy.compat32)
    temporary, permanent = flufl.bounce.all_failures(msg)
    if not temporary and not permanent:
        return []
    message_id = _original_message_id(msg, raw)
    diagnostics = _dsn_diagnostics(msg)
    fallback = _first_smtp_reply(msg) or str(msg.get("subject", ""))
    report_id = str(msg.get("message-id", "")).strip()
    recorded = []
    with transaction.atomic():
        for addresses, is_permanent in ((permanent, True), (temporary - permanent, False)):
            for address in sorted(_decode(a) for a in addresses):
                bounce = record_bounce(
                    address,
                    is_permanent,
                    message_id=message_id,
                    diagnostic=diagnostics.get(address, fallback),
                    source=source,
                    report_id=report_id,
                )
                if bounce is not None:
                    recorded.append(bounce)
    return recorded


def _decode(address: bytes | str) -> str:
    if isinstance(address, bytes):
        address = address.decode("ascii", "replace")
    return address.strip().lower()


def _original_message_id(msg: Message, raw: bytes) -> str:
    """Our Message-ID from the returned original (message/rfc822 or text/rfc822-headers
    part, or a copy quoted in the text as Exim does), or ""."""
    candidates = []
    for part in msg.walk():
        content_type = part.get_content_type()
        if content_type == "message/rfc822" and part.is_multipart():
            candidates += [str(m.get("message-id", "")) for m in part.get_payload()]
        elif content_type == "text/rfc822-headers":
            headers = HeaderParser().parsestr(_text(part), headersonly=True)
            candidates.append(str(headers.get("message-id", "")))
        elif part.get_content_maintype() == "text":
            candidates += _HEADER_MESSAGE_ID.findall(_text(part))
    for candidate in candidates:
        if parse_message_id(candidate) is not None:
            return candidate.strip()
    # Last resort: anything of our format in the raw mail (a header copy in an odd place).
    for match in _MESSAGE_ID.finditer(raw.decode("utf-8", "replace")):
        if parse_message_id(match[0]) is not None:
            return match[0]
    return ""


def _text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if payload is None:
        payload = part.get_payload()
        return payload if isinstance(payload, str) else ""
    try:
        return payload.decode(part.get_content_charset() or "utf-8", "replace")
    except LookupError:  # a charset Python does not know; the ASCII in it still reads
        return payload.decode("utf-8", "replace")


def _dsn_diagnostics(msg: Message) -> dict[str, str]:
    """Per address, the status and reason an RFC 3464 report gives ("5.1.1 smtp; 550 …")."""
    diagnostics: dict[str, str] = {}
    for part in msg.walk():
        if part.get_content_type() != "message/delivery-status" or not part.is_multipart():
            continue
        for block in part.get_payload():
            text = " ".join(
                str(block.get(name, "")) for name in ("status", "diagnostic-code")
            ).strip()
            for name in ("original-recipient", "final-recipient"):
                address = str(block.get(name, "")).partition(";")[2].strip().strip("<>")
                if address and text:
                    diagnostics.setdefault(address.lower(), text)
    return diagnostics


def _first_smtp_reply(msg: Message) -> str:
    """The first SMTP error in the human-readable text ("550 5.1.1 … User unknown")."""
    for part in msg.walk():
        if part.get_content_type() == "text/plain":
            match = _SMTP_REPLY.search(_text(part))
            if match:
                return match[0].strip()
    return ""


# --- personal data (DSGVO) -------------------------------------------------------------------


def _bounces_of(person):
    own = {e.address.lower() for e in person.emails.all()}
    # An address another person still uses is theirs too: its bounces stay for them.
    shared = set(
        PersonEmail.objects.annotate(address_lower=Lower("address"))
        .filter(address_lower__in=own, person__erased_at__isnull=True)
        .exclude(person=person)
        .values_list("address_lower", flat=True)
    )
    return Bounce.objects.filter(Q(address__in=own - shared) | Q(recipient__person=person))


def export_bounces(person) -> list[dict]:
    return [
        {
            "address": b.address,
            "permanent": b.permanent,
            "address_suppressed": b.suppressed,
            "received_at": b.occurred_at.isoformat(),
            "reason": b.diagnostic,
            "source": b.source,
        }
        for b in _bounces_of(person).order_by("pk")
    ]


def erase_bounces(person) -> None:
    _bounces_of(person).delete()


# The key sorts before "directory", whose erasure deletes the addresses looked up here.
register_personal_data("bounces", export_bounces, erase_bounces, models=("mailings.Bounce",))
