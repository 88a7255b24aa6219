"""Header lines as RFC 5322 wants them on the wire, for any text staff or members type.

Every line ends in CRLF, folds only at whitespace, and stays within 78 characters where
there is whitespace to fold at. Non-ASCII text (and ASCII that merely looks like an
encoded word) becomes RFC 2047 encoded words of at most 75 characters each, made by
`email.header.Header`; only the folding is done here, because `Header.encode()` folds
with a bare LF by default and lets encoded words grow to 77 characters. Display names
(in From, To, List-Id) are encoded as whole phrases, so a comma or colon in a name
stays part of the name.
"""

import re
from email.header import Header
from email.utils import quote

CRLF = "\r\n"
MAX_LINE = 78
MAX_ENCODED_WORD = 75  # RFC 2047 §2
# A plain word longer than this could not fold into RFC 5322's 998 octets per line; such
# text is sent as encoded words, which can be cut anywhere.
MAX_WORD = 900
_ATOMS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+( [A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")


def _plain(value: str) -> bool:
    return value.isascii() and "=?" not in value


def _room(name: str) -> int:
    """Room for the first encoded word on the line that starts with `Name: `."""
    return MAX_LINE - len(name) - 2


def _one_word(text: str) -> str:
    return Header(text, "utf-8").encode(maxlinelen=10_000)


def encoded_words(value: str, first_room: int = MAX_ENCODED_WORD) -> list[str]:
    """The text as RFC 2047 encoded words (UTF-8), each at most 75 characters long.

    Words are packed whole into encoded words, the space before a break kept inside the
    encoded word before it (whitespace between encoded words is dropped by decoders);
    only a single word too long for one encoded word is cut, by `Header`. `first_room`:
    what the first line leaves after the header's name.
    """
    chunks, current = [], ""
    for word in value.split(" "):
        candidate = f"{current} {word}" if current else word
        room = MAX_ENCODED_WORD if chunks else min(first_room, MAX_ENCODED_WORD)
        if current and len(_one_word(candidate)) > room:
            chunks.append(current + " ")
            current = word
        else:
            current = candidate
    chunks.append(current)
    words = []
    for index, chunk in enumerate(chunks):
        room = MAX_ENCODED_WORD if index else min(first_room, MAX_ENCODED_WORD)
        word = _one_word(chunk)
        if len(word) <= room:
            words.append(word)
        else:
            encoded = Header(chunk, "utf-8", maxlinelen=room)
            words.extend(encoded.encode(linesep="\n", maxlinelen=room).split("\n "))
    return words


def fold(name: str, tokens: list[str]) -> str:
    """`Name: tokens` joined by single spaces, a line break before a token that would
    make the line longer than 78 characters (unfolding restores the spaces exactly)."""
    lines, line = [], f"{name}:"
    for token in tokens:
        if len(line) + 1 + len(token) > MAX_LINE and line.strip() != f"{name}:":
            lines.append(line)
            line = ""
        line = f"{line} {token}"
    lines.append(line)
    return CRLF.join(lines)


def text_tokens(value: str, name: str = "") -> list[str]:
    """Unstructured text (a subject) as tokens to fold: ASCII words, else encoded words.

    Runs of whitespace (and any line break a value may carry) become one space.
    """
    value = " ".join(value.split())
    if not value:
        return []
    words = value.split(" ")
    if _plain(value) and max(len(word) for word in words) <= MAX_WORD:
        return words
    return encoded_words(value, _room(name))


def phrase_tokens(display_name: str, name: str = "") -> list[str]:
    """A display name: plain atoms as they are, other ASCII quoted, anything else encoded."""
    display_name = " ".join(display_name.split())
    if not display_name:
        return []
    if _plain(display_name) and len(display_name) <= MAX_WORD:
        if _ATOMS.fullmatch(display_name):
            return display_name.split(" ")
        return [f'"{quote(display_name)}"']
    return encoded_words(display_name, _room(name))


def ascii_address(address: str) -> str:
    """An address with its domain in IDNA form (the local part must be ASCII already)."""
    local, _at, domain = address.strip().rpartition("@")
    if not domain.isascii():
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}" if local else domain


def unstructured(name: str, value: str) -> str:
    """One unstructured header line (`Subject: …`), folded, without the final CRLF."""
    return fold(name, text_tokens(value, name))


def mailbox_tokens(display_name: str, address: str, name: str = "") -> list[str]:
    if not display_name.strip():
        return [ascii_address(address)]
    return [*phrase_tokens(display_name, name), f"<{ascii_address(address)}>"]


def mailboxes(name: str, pairs: list[tuple[str, str]]) -> str:
    """An address header (`From`, `To`, …) of (display name, address) pairs, folded."""
    tokens: list[str] = []
    for index, (display_name, address) in enumerate(pairs):
        # Only the first mailbox starts on the header's own line.
        mailbox = mailbox_tokens(display_name, address, "" if tokens else name)
        if index < len(pairs) - 1:
            mailbox[-1] += ","
        tokens.extend(mailbox)
    return fold(name, tokens)


def list_id(display_name: str, identifier: str) -> str:
    """RFC 2919 List-Id: the list's name as a phrase, its ASCII identifier in brackets."""
    return fold("List-Id", [*phrase_tokens(display_name, "List-Id"), f"<{identifier}>"])


def single_line(header_line: str) -> str:
    """The value of a folded header line as one line (folds turned back into spaces), for
    mail libraries that refold themselves and refuse line breaks in values."""
    return header_line.split(":", 1)[1].replace(CRLF, "").strip()
