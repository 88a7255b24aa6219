"""How a mailing's messages leave: over SMTP, with the "sent" mark committed before the end.

An SMTP server takes responsibility for a message when it reads the final "." of DATA.
If the sender crashes after that but before it has recorded the delivery, a restart sends
the message again (the duplicate RFC 1047 describes). `SmtpTransport` therefore commits
the recipient's "sent" state *before* it writes the final dot: a crash before the commit
leaves the recipient pending and the server, having never seen the dot, discards the
message; a crash after it finds the recipient done. What remains is the width of one
socket write between the commit and the dot, where a crash would lose that one mail instead
of sending it twice. A refusal after the dot (5xx/4xx) undoes the mark.

Installations that deliver through a provider's API (django-anymail) or use the console
backend in development go through `BackendTransport`, which keeps the same order (mark,
then hand over) but cannot split the hand-over.
"""

import re
import smtplib
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
_LEADING_DOT = re.compile(rb"^\.", re.MULTILINE)


@dataclass
class DeliveryError(Exception):
    """The server refused (or could not take) one message."""

    message: str
    permanent: bool = False
    # True when the refusal came for the recipient address itself (a synchronous bounce).
    recipient_refused: bool = False
    connection_lost: bool = False

    def __str__(self):
        return self.message


def _refusal(stage: str, code: int, reply: bytes, recipient_refused=False) -> DeliveryError:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return DeliveryError(
        f"{stage}: {code} {text}"[:500],
        permanent=500 <= code < 600,
        recipient_refused=recipient_refused,
    )


class SmtpTransport:
    """One SMTP connection, reused for many messages and renewed every so often."""

    def __init__(self):
        self.host = settings.EMAIL_HOST
        self.port = settings.EMAIL_PORT
        self.username = settings.EMAIL_HOST_USER
        self.password = settings.EMAIL_HOST_PASSWORD
        self.use_tls = settings.EMAIL_USE_TLS
        self.use_ssl = settings.EMAIL_USE_SSL
        self.timeout = settings.EMAIL_TIMEOUT or 30
        self.per_connection = settings.MAILING_MESSAGES_PER_CONNECTION
        self.connection: smtplib.SMTP | None = None
        self.sent_on_connection = 0

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
                raise _refusal("MAIL FROM", code, reply)
            connection.putcmd("rcpt", f"TO:<{recipient}>")
            code, reply = connection.getreply()
            if code not in (250, 251):
                connection.rset()
                raise _refusal("RCPT TO", code, reply, recipient_refused=True)
            code, reply = connection.docmd("DATA")
            if code != 354:
                connection.rset()
                raise _refusal("DATA", code, reply)
            body = _LEADING_DOT.sub(b"..", data)
            if not body.endswith(b"\r\n"):
                body += b"\r\n"
            connection.send(body)
        except (smtplib.SMTPException, OSError) as exc:
            self.connection = None
            raise DeliveryError(f"SMTP: {exc}"[:500], connection_lost=True) from exc
        mark_sent()
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


class BackendTransport:
    """Any other Django mail backend: a provider's API via anymail, the console, locmem."""

    def __init__(self):
        self.connection = get_connection()

    def close(self) -> None:
        self.connection.close()

    def send_parts(
        self,
        *,
        sender: str,
        from_header: str,
        recipient: str,
        subject: str,
        text: str,
        html: str,
        headers: dict[str, str],
        mark_sent: Callable[[], None],
    ) -> None:
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=from_header,
            to=[recipient],
            headers=headers,
            connection=self.connection,
        )
        message.attach_alternative(html, "text/html")
        mark_sent()
        try:
            message.send()
        except Exception as exc:  # noqa: BLE001 - a provider's error of any kind is recorded
            raise DeliveryError(f"{type(exc).__name__}: {exc}"[:500]) from exc


def uses_smtp() -> bool:
    return settings.EMAIL_BACKEND == SMTP_BACKEND
