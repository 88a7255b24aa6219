"""DKIM signatures (RFC 6376) on the messages the platform hands to its SMTP server.

Optional: off until `DKIM_SELECTOR` and a private key (`DKIM_PRIVATE_KEY_FILE`, or the
PEM itself in `DKIM_PRIVATE_KEY`) are set. The signature covers the headers a receiver
judges the sender by, those of them the message has: From, To, Subject, Date, Message-ID
and, on mailings, the list headers; RFC 8058 §4 wants List-Unsubscribe and
List-Unsubscribe-Post signed, or a receiver must not offer one-click unsubscribing.
Relaxed canonicalisation for header and body, so a relay that refolds a header or
trims trailing whitespace does not break it. dkimpy does the signing; RSA keys only
(Ed25519 would need PyNaCl).
"""

from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path

import dkim
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from dkim.crypto import UnparsableKeyError, parse_pem_private_key

SIGNED_HEADERS = (
    "From",
    "Sender",
    "Reply-To",
    "To",
    "Cc",
    "Subject",
    "Date",
    "Message-ID",
    "MIME-Version",
    "Content-Type",
    "List-Id",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "Feedback-ID",
)
_SIGNED = {name.lower(): name.encode("ascii") for name in SIGNED_HEADERS}


@dataclass(frozen=True)
class DkimSigner:
    """A private key with the selector and domain its public half is published under."""

    selector: str
    domain: str
    private_key: bytes

    def signature(self, message: bytes) -> bytes:
        """The DKIM-Signature header line (with CRLF) for the message's bytes."""
        return dkim.sign(
            message,
            self.selector.encode("ascii"),
            self.domain.encode("ascii"),
            self.private_key,
            canonicalize=(b"relaxed", b"relaxed"),
            include_headers=present_headers(message),
            linesep=b"\r\n",
        )

    def sign(self, message: bytes) -> bytes:
        """The message with its DKIM-Signature header in front."""
        return self.signature(message) + message


def present_headers(message: bytes) -> list[bytes]:
    """Which of SIGNED_HEADERS the message carries, in SIGNED_HEADERS' order."""
    head = message.split(b"\r\n\r\n", 1)[0]
    names = {
        line.split(b":", 1)[0].strip().lower().decode("ascii", "replace")
        for line in head.split(b"\r\n")
        if line and line[:1] not in (b" ", b"\t") and b":" in line
    }
    return [encoded for lower, encoded in _SIGNED.items() if lower in names]


def _private_key() -> bytes:
    if settings.DKIM_PRIVATE_KEY:
        pem = settings.DKIM_PRIVATE_KEY.encode("ascii", "replace")
        origin = "DKIM_PRIVATE_KEY"
    else:
        path = Path(settings.DKIM_PRIVATE_KEY_FILE)
        origin = f"DKIM_PRIVATE_KEY_FILE ({path})"
        try:
            pem = path.read_bytes()
        except OSError as error:
            raise ImproperlyConfigured(
                f"DKIM: cannot read the private key {origin}: {error.strerror}"
            ) from error
    # dkimpy's PEM reader expects LF line ends.
    pem = pem.replace(b"\r\n", b"\n").strip() + b"\n"
    try:
        parse_pem_private_key(pem)
    except (UnparsableKeyError, ValueError) as error:
        raise ImproperlyConfigured(
            f"DKIM: {origin} holds no RSA private key in PEM form ({error})"
        ) from error
    return pem


def configured_signer() -> DkimSigner | None:
    """The signer the settings describe, None when DKIM is off.

    Raises ImproperlyConfigured for a half or broken configuration: a mail must not go
    out unsigned when the operator meant it signed.
    """
    has_key = bool(settings.DKIM_PRIVATE_KEY or settings.DKIM_PRIVATE_KEY_FILE)
    if not has_key and not settings.DKIM_SELECTOR:
        return None
    if not has_key or not settings.DKIM_SELECTOR:
        raise ImproperlyConfigured(
            "DKIM needs both DKIM_SELECTOR and a key (DKIM_PRIVATE_KEY_FILE or "
            "DKIM_PRIVATE_KEY); set both, or neither to send unsigned."
        )
    domain = settings.DKIM_DOMAIN or parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2]
    if not domain:
        raise ImproperlyConfigured("DKIM: set DKIM_DOMAIN (DEFAULT_FROM_EMAIL has no domain).")
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise ImproperlyConfigured(f"DKIM: DKIM_DOMAIN {domain!r} is no domain name") from error
    return DkimSigner(
        selector=settings.DKIM_SELECTOR.strip(), domain=domain, private_key=_private_key()
    )
