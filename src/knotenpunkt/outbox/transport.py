"""How a message leaves over SMTP with its "sent" mark committed before the end.

An SMTP server takes responsibility for a message when it reads the final "." of DATA.
If the sender crashes after that but before it has recorded the delivery, a restart sends
the message again (the duplicate RFC 1047 describes). `SmtpTransport` therefore commits
the "sent" state *before* it writes the final dot: a crash before the commit leaves the
message pending and the server, having never seen the dot, discards it; a crash after it
finds the message done. What remains is the width of one socket write between the commit
and the dot, where a crash would lose that one mail instead of sending it twice. A refusal
after the dot (5xx/4xx) undoes the mark.

The outbox sends its mails through it one by one; the mailings reuse one connection for
many messages (`per_connection`). It is also the one place where bytes leave for SMTP,
so it signs them (DKIM, when configured: `dkim_signing.py`).
"""

import re
import smtplib
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from email import charset as email_charset
from email.utils import getaddresses

from django.conf import settings
from django.core.mail import EmailMessage

from knotenpunkt.outbox import headers
from knotenpunkt.outbox.dkim_signing import configured_signer

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
_LEADING_DOT = re.compile(rb"^\.", re.MULTILINE)


@dataclass
class DeliveryError(Exception):
    """The server refused (or could not take) one message."""

    message: str
    permanent: bool = False
    # True when the refusal came for the recipient address itself (a synchronous bounce).
    recipient_refused: bool = False
    # True when the server refused the sender or the transaction itself (MAIL FROM, DATA),
    # whoever the recipient: every further message would meet the same refusal.
    sender_refused: bool = False
    connection_lost: bool = False

    def __str__(self):
        return self.message


def _refusal(
    stage: str, code: int, reply: bytes, recipient_refused=False, sender_refused=False
) -> DeliveryError:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return DeliveryError(
        f"{stage}: {code} {text}"[:500],
        permanent=500 <= code < 600,
        recipient_refused=recipient_refused,
        sender_refused=sender_refused,
    )


def _envelope_address(address: str, stage: str) -> str:
    """The address as SMTP without SMTPUTF8 carries it: ASCII, its domain in IDNA form."""
    try:
        ascii_address = headers.ascii_address(address)
    except UnicodeError:
        ascii_address = address
    if not ascii_address.isascii() or any(c in ascii_address for c in "<>\r\n "):
        raise DeliveryError(
            f"{stage}: the address {address!r} cannot be written in SMTP without SMTPUTF8",
            permanent=True,
            sender_refused=stage == "MAIL FROM",
        )
    return ascii_address


class SmtpTransport:
    """One SMTP connection, reused for many messages and renewed every so often."""

    def __init__(self, per_connection: int = 0):
        self.host = settings.EMAIL_HOST
        self.port = settings.EMAIL_PORT
        self.username = settings.EMAIL_HOST_USER
        self.password = settings.EMAIL_HOST_PASSWORD
        self.use_tls = settings.EMAIL_USE_TLS
        self.use_ssl = settings.EMAIL_USE_SSL
        self.timeout = settings.EMAIL_TIMEOUT or 30
        self.per_connection = per_connection  # 0: one connection for as long as it lasts
        self.connection: smtplib.SMTP | None = None
        self.sent_on_connection = 0
        # Read once per transport; a broken DKIM setting raises here (ImproperlyConfigured).
        self.signer = configured_signer()

    def open(self) -> None:
        context = ssl.create_default_context()
        if self.use_ssl:
            connection = smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=context
            )
        else:
            connection = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        # The final dot goes out in its own small write; without TCP_NODELAY, Nagle's
        # algorithm holds it back until the server's delayed ACK (40 ms per message).
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        connection.ehlo()
        if self.use_tls:
            connection.starttls(context=context)
            connection.ehlo()
        if self.username:
            connection.login(self.username, self.password)
        self.connection = connection
        self.sent_on_connection = 0

    def abort(self) -> None:
        """Drop the connection at once; a message under way is discarded by the server."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def close(self) -> None:
        if self.connection is None:
            return
        try:
            self.connection.quit()
        except (smtplib.SMTPException, OSError):
            self.connection.close()
        self.connection = None

    def send(self, sender: str, recipient: str, data: bytes, mark_sent: Callable[[], None]):
        """Deliver one message; `mark_sent` runs (and commits) right before the final dot.

        Raises DeliveryError; `mark_sent` has then either not run or must be undone by the
        caller (the error says the server refused after the dot).
        """
        sender = _envelope_address(sender, "MAIL FROM")
        recipient = _envelope_address(recipient, "RCPT TO")
        if self.signer is not None:
            data = self.signer.sign(data)
        if self.per_connection and self.sent_on_connection >= self.per_connection:
            self.close()
        try:
            if self.connection is None:
                self.open()
            connection = self.connection
            # The addresses come validated from the database (no CR/LF, no brackets), so
            # the commands are written directly rather than through smtplib's parsing.
            connection.putcmd("mail", f"FROM:<{sender}>")
            code, reply = connection.getreply()
            if code != 250:
                connection.rset()
                raise _refusal("MAIL FROM", code, reply, sender_refused=True)
            connection.putcmd("rcpt", f"TO:<{recipient}>")
            code, reply = connection.getreply()
            if code not in (250, 251):
                connection.rset()
                raise _refusal("RCPT TO", code, reply, recipient_refused=True)
            code, reply = connection.docmd("DATA")
            if code != 354:
                connection.rset()
                raise _refusal("DATA", code, reply, sender_refused=True)
            body = _LEADING_DOT.sub(b"..", data)
            if not body.endswith(b"\r\n"):
                body += b"\r\n"
            connection.send(body)
        except (smtplib.SMTPException, OSError) as exc:
            self.connection = None
            raise DeliveryError(f"SMTP: {exc}"[:500], connection_lost=True) from exc
        try:
            mark_sent()
        except BaseException:
            # The message must not arrive unrecorded: leave without the dot (and without
            # QUIT, which the server would read as part of the message).
            self.abort()
            raise
        try:
            connection.send(b".\r\n")
        except (smtplib.SMTPException, OSError) as exc:
            # The dot never left: the server drops the message, the caller undoes the mark.
            self.connection = None
            raise DeliveryError(f"SMTP: {exc}"[:500], connection_lost=True) from exc
        self.sent_on_connection += 1
        try:
            code, reply = connection.getreply()
        except (smtplib.SMTPException, OSError):
            # The dot left but no answer came: the message may well have arrived. Keeping the
            # mark risks one lost mail, undoing it risks a duplicate; a duplicate in the
            # recipient's inbox is the worse of the two.
            self.connection = None
            return
        if code != 250:
            raise _refusal("DATA", code, reply)


def uses_smtp() -> bool:
    return settings.EMAIL_BACKEND == SMTP_BACKEND


# UTF-8 with quoted-printable bodies: every text part 7-bit, so no relay converts it on the
# way (which would break a DKIM body hash, RFC 6376 §5.3) and no 8BITMIME is needed.
SEVEN_BIT_UTF8 = email_charset.Charset("utf-8")
SEVEN_BIT_UTF8.body_encoding = email_charset.QP


def message_bytes(message: EmailMessage) -> bytes:
    """A Django mail as the bytes SMTP carries: 7-bit, CRLF line ends, and the address and
    subject headers encoded as `headers` does (Django folds encoded words with bare LFs
    and lets them grow past RFC 2047's 75 characters)."""
    message.encoding = SEVEN_BIT_UTF8
    mime = message.message()
    extra = {name.lower(): value for name, value in message.extra_headers.items()}
    lines = {"Subject": headers.unstructured("Subject", message.subject)}
    for name, default in (
        ("From", [message.from_email]),
        ("To", message.to),
        ("Cc", message.cc),
        ("Reply-To", message.reply_to),
    ):
        values = [extra[name.lower()]] if name.lower() in extra else default
        if values and name in mime:
            lines[name] = headers.mailboxes(name, getaddresses(values))
    for name, line in lines.items():
        # One line: the generator folds it again, at the spaces between the words.
        mime.replace_header(name, headers.single_line(line))
    return mime.as_bytes(linesep="\r\n")
