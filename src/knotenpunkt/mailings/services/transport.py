"""How a mailing's messages leave: over SMTP, with the "sent" mark committed before the end.

The SMTP side (`SmtpTransport`, `DeliveryError`) lives in the outbox, which sends every
other mail the same way (`outbox/transport.py` explains the order: the recipient's "sent"
state is committed before the final dot of DATA). Here a connection carries up to
`MAILING_MESSAGES_PER_CONNECTION` messages.

Installations that deliver through a provider's API (django-anymail) or use the console
backend in development go through `BackendTransport`, which keeps the same order (mark,
then hand over) but cannot split the hand-over.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from knotenpunkt.outbox import transport as smtp
from knotenpunkt.outbox.transport import SMTP_BACKEND, DeliveryError, uses_smtp

__all__ = ["SMTP_BACKEND", "BackendTransport", "DeliveryError", "SmtpTransport", "uses_smtp"]


class SmtpTransport(smtp.SmtpTransport):
    """One SMTP connection, reused for many messages and renewed every so often."""

    def __init__(self):
        super().__init__(per_connection=settings.MAILING_MESSAGES_PER_CONNECTION)


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
