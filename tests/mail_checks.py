"""A strict look at a message's raw bytes, as a receiving mail system would take them.

One function for every test that sends mail: `check_message(raw)` fails unless the
message is RFC 5322 / RFC 2047 conformant in the ways that receivers (and their spam
filters) notice, and returns it parsed. `expected` compares decoded header texts.
"""

import email.policy
import re
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.parser import BytesParser

BARE_CR_OR_LF = re.compile(rb"\r(?!\n)|(?<!\r)\n")
ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")
FOLD = re.compile(r"\r\n(?=[ \t])")
ADDRESS_HEADERS = {"from", "to", "cc", "reply-to", "sender"}


def decoded(raw_value: str) -> str:
    """A header's raw value, unfolded and decoded as RFC 2047 says (email.header)."""
    return str(make_header(decode_header(FOLD.sub("", raw_value).strip())))


def _header_block(raw: bytes) -> list[bytes]:
    return raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")


def check_message(raw: bytes, expected: dict[str, str] | None = None) -> EmailMessage:
    """Fail unless `raw` is a conformant message; return it parsed (policy.default).

    - only CRLF line ends, no bare CR or LF anywhere (RFC 5322 §2.3);
    - 7-bit clean (no 8BITMIME or SMTPUTF8 needed), every line at most 998 octets;
    - header lines at most 78 characters unless there is no whitespace to fold at;
      encoded words at most 75 characters (RFC 2047 §2);
    - the strict parser (raise_on_defect) reads it, no header of any part has a defect;
    - every header of every part decodes (decode_header/make_header) to the text the
      parser sees; `expected` header texts, decoded, are exactly as given.
    """
    assert not BARE_CR_OR_LF.search(raw), "bare CR or LF in the message"
    assert raw.isascii(), "8-bit octets in the message"
    too_long = [line[:60] for line in raw.split(b"\r\n") if len(line) > 998]
    assert not too_long, f"lines longer than 998 octets: {too_long}"
    for line in _header_block(raw):
        text = line.decode("ascii")
        assert len(text) <= 78 or not re.search(r"\S\s+\S", text.split(":", 1)[-1]), (
            f"foldable header line longer than 78 characters: {text!r}"
        )
        for word in ENCODED_WORD.findall(text):
            assert len(word) <= 75, f"encoded word longer than 75 characters: {word}"

    BytesParser(policy=email.policy.strict).parsebytes(raw)  # raises on any defect
    message = BytesParser(policy=email.policy.default).parsebytes(raw)
    for part in message.walk():
        assert not part.defects, part.defects
        for name, raw_value in part.raw_items():
            text = decoded(raw_value)  # raises for an undecodable encoded word
            header = part[name] if len(part.get_all(name)) == 1 else None
            if header is None:
                continue
            assert not header.defects, (name, header.defects)
            if name.lower() in ADDRESS_HEADERS:
                names = [" ".join(a.display_name.split()) for a in header.addresses]
                assert all(" ".join(n.split()) in " ".join(text.split()) for n in names), (
                    name,
                    text,
                    names,
                )
            elif name.lower() == "subject":
                assert text == str(header), (name, text, str(header))
    for name, value in (expected or {}).items():
        values = [decoded(v) for n, v in message.raw_items() if n.lower() == name.lower()]
        assert values == [value], f"{name}: {values} != {value!r}"
    return message


def display_names(message: EmailMessage, name: str) -> list[str]:
    """The display names of an address header as a receiving parser reads them (spaces
    collapsed: CPython keeps the space between adjacent encoded words in a phrase)."""
    return [" ".join(a.display_name.split()) for a in message[name].addresses]
