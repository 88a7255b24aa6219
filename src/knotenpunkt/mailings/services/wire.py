"""The bytes of one mailing message, built per recipient from a skeleton made once.

Building a MIME message through the email package costs about 0.7 ms (measured with
Django's EmailMultiAlternatives); at 13,500 recipients that alone would halve the sending
rate. The skeleton quoted-printable-encodes the rendered mailing's literal parts once;
a recipient's message is then those parts joined with their own encoded values. Every
part ends with a soft line break ("=" CRLF), which a decoder removes, so lines stay within
RFC 2045's 76 characters however the pieces fall.
"""

import binascii
import secrets
from email.header import Header
from email.utils import formataddr, formatdate, parseaddr

from django.utils.html import escape

from knotenpunkt.mailings.services.compose import Fillable, RenderedMailing

CRLF = b"\r\n"
SOFT_BREAK = b"=\r\n"


def quoted_printable(text: str) -> bytes:
    """Text as quoted-printable with CRLF line ends, safe for any SMTP server."""
    data = text.replace("\r\n", "\n").encode("utf-8")
    return binascii.b2a_qp(data, istext=True).replace(b"\n", CRLF)


def encode_header(value: str) -> str:
    """A header value as ASCII (RFC 2047 where needed); newlines can never get through."""
    value = " ".join(value.split())
    if value.isascii():
        return value
    return Header(value, "utf-8").encode()


def address_header(name: str, address: str) -> str:
    return formataddr((" ".join(name.split()), address), charset="utf-8")


class _EncodedPart:
    """One text part: its literal pieces encoded once, the values per recipient."""

    def __init__(self, fillable: Fillable, escape_values: bool):
        self.literals = [quoted_printable(literal) + SOFT_BREAK for literal in fillable.literals]
        self.names = fillable.names
        self.escape_values = escape_values

    def encode(self, values: dict[str, str]) -> bytes:
        out = [self.literals[0]]
        for name, literal in zip(self.names, self.literals[1:], strict=True):
            value = values.get(name, "")
            out.append(quoted_printable(escape(value) if self.escape_values else value))
            out.append(SOFT_BREAK)
            out.append(literal)
        return b"".join(out)


class MessageSkeleton:
    """Everything of a mailing's message that is the same for every recipient."""

    def __init__(
        self,
        rendered: RenderedMailing,
        *,
        from_name: str,
        from_address: str,
        reply_to: str = "",
        list_id: str = "",
    ):
        self.boundary = "knp-" + secrets.token_hex(12)
        self.html = _EncodedPart(rendered.html, escape_values=True)
        self.text = _EncodedPart(rendered.text, escape_values=False)
        common = [
            f"From: {address_header(from_name, from_address)}",
            f"Subject: {encode_header(rendered.subject)}",
            "MIME-Version: 1.0",
            f'Content-Type: multipart/alternative; boundary="{self.boundary}"',
        ]
        if reply_to:
            common.append(f"Reply-To: {reply_to}")
        if list_id:
            common.append(f"List-Id: {list_id}")
        self.common_headers = CRLF.join(h.encode("ascii") for h in common) + CRLF
        part_head = (
            '\r\n--{b}\r\nContent-Type: text/{kind}; charset="utf-8"\r\n'
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        )
        self.text_head = part_head.format(b=self.boundary, kind="plain").encode("ascii")
        self.html_head = part_head.format(b=self.boundary, kind="html").encode("ascii")
        self.tail = f"\r\n--{self.boundary}--\r\n".encode("ascii")

    def build(
        self,
        *,
        to_name: str,
        to_address: str,
        message_id: str,
        values: dict[str, str],
        headers: dict[str, str],
    ) -> bytes:
        """The complete message for one recipient, CRLF line ends, ASCII only."""
        own = [
            f"To: {address_header(to_name, to_address)}",
            f"Date: {formatdate(localtime=False)}",
            f"Message-ID: {message_id}",
            *(f"{name}: {value}" for name, value in headers.items()),
        ]
        return b"".join(
            (
                self.common_headers,
                CRLF.join(h.encode("ascii") for h in own),
                CRLF,
                CRLF,
                b"This is a multi-part message in MIME format.\r\n",
                self.text_head,
                self.text.encode(values),
                self.html_head,
                self.html.encode(values),
                self.tail,
            )
        )


def envelope_address(from_email: str) -> str:
    """The bare address of a From value like 'Name <a@b.de>'."""
    return parseaddr(from_email)[1]
