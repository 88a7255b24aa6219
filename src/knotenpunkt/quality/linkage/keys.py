"""Cached normalisers and the few keys only the linkage needs (free-mail providers,
generic mailboxes, street keys). Exports repeat the same company, street and phone
thousands of times; caching turns 160,000 records into a few thousand parses."""

import re
from functools import lru_cache

from knotenpunkt.quality import normalise

# Stand-ins for free-mail providers under the reserved .example domain (RFC 2606), as the
# demo and test data write private addresses; the demo draws its addresses from this list.
EXAMPLE_FREE_MAIL_DOMAINS = ("posteo.example", "mailbox.example", "web.example", "gmx.example")

# A shared provider says nothing about the employer; a work domain does.
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "web.de",
        "gmx.de",
        "gmx.net",
        "gmx.at",
        "gmx.ch",
        "t-online.de",
        "freenet.de",
        "posteo.de",
        "posteo.net",
        "mailbox.org",
        "outlook.com",
        "outlook.de",
        "hotmail.com",
        "hotmail.de",
        "live.de",
        "live.com",
        "msn.com",
        "yahoo.de",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "aol.de",
        "arcor.de",
        "online.de",
        "email.de",
        "proton.me",
        "protonmail.com",
        "kabelmail.de",
        "vodafonemail.de",
        "ewe.net",
        *EXAMPLE_FREE_MAIL_DOMAINS,
    }
)

# Role mailboxes: many people share "info@…", so the local part says nothing about one.
GENERIC_MAILBOXES = frozenset(
    {
        "info",
        "kontakt",
        "contact",
        "office",
        "mail",
        "post",
        "service",
        "hallo",
        "hello",
        "team",
        "buero",
        "verwaltung",
        "zentrale",
        "empfang",
        "sekretariat",
        "vertrieb",
        "sales",
        "support",
        "admin",
        "newsletter",
        "noreply",
        "no-reply",
        "presse",
        "marketing",
        "personal",
        "hr",
        "bewerbung",
        "anfrage",
        "webmaster",
    }
)

_TITLES = frozenset({"dr", "prof", "dipl", "ing", "med", "rer", "nat", "phil", "jur", "mba"})
_STREET_SUFFIX = re.compile(r"(str|strasse)\b")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    return normalise.fold(text)


@lru_cache(maxsize=200_000)
def given_name(text: str) -> str:
    """The given-name key without academic titles that slipped into the field."""
    words = [word for word in fold(text).split() if word not in _TITLES]
    return normalise.given_name_key(" ".join(words))


@lru_cache(maxsize=200_000)
def family_name(text: str) -> str:
    words = [word for word in fold(text).split() if word not in _TITLES]
    return " ".join(words)


@lru_cache(maxsize=200_000)
def phone(text: str) -> str:
    return normalise.phone_key(text)


@lru_cache(maxsize=100_000)
def organisation(text: str) -> str:
    return normalise.organisation_key(text)


@lru_cache(maxsize=100_000)
def website(text: str) -> str:
    return normalise.web_domain(text)


@lru_cache(maxsize=100_000)
def street(text: str) -> str:
    """ "Hauptstr. 5", "Hauptstraße 5" and "Haupt-Straße 5" all give "hauptstrasse5"."""
    return _STREET_SUFFIX.sub("strasse", fold(text)).replace(" ", "")


@lru_cache(maxsize=20_000)
def postcode(text: str) -> str:
    digits = re.sub(r"\D", "", text or "")
    return digits if len(digits) == 5 else ""


def email_parts(text: str) -> tuple[str, str, str]:
    """(whole address, personal local part or "", work domain or "")."""
    key = normalise.email_key(text)
    if not key:
        return "", "", ""
    local, _, domain = key.rpartition("@")
    personal_local = "" if local in GENERIC_MAILBOXES else local
    work_domain = "" if domain in FREE_MAIL_DOMAINS else domain
    return key, personal_local, work_domain
