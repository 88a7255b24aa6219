"""Keys that make German contact data comparable: the same person or firm written by
different systems (a CRM, a newsletter tool, a ticket shop, the association's ERP) should
give the same key here.

Small pure functions, no database access; used by the record-linkage engine
(`quality.linkage`) and by the as-you-type duplicate warning. The signatures are stable.
"""

import re
import unicodedata
from urllib.parse import urlsplit

import phonenumbers

# Transliterated before accents are stripped: NFKD would turn "ü" into "u", but Germans
# write "Müller" as "Mueller", never as "Muller".
_GERMAN_LETTERS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss", "æ": "ae", "ø": "oe", "œ": "oe"}
)
_NOT_WORD = re.compile(r"[^a-z0-9]+")

# Legal forms as they appear once folded ("G.m.b.H." folds to "g m b h"). Longest first,
# so "gmbh co kg" goes before "gmbh" and leaves no stray "co kg" behind.
_LEGAL_FORMS = sorted(
    [
        "gesellschaft mit beschraenkter haftung",
        "gesellschaft mbh",
        "ges m b h",
        "gmbh co kgaa",
        "gmbh co kg",
        "gmbh und co kg",
        "gmbh co ohg",
        "ug haftungsbeschraenkt co kg",
        "ug haftungsbeschraenkt",
        "unternehmergesellschaft haftungsbeschraenkt",
        "unternehmergesellschaft",
        "ag co kg",
        "se co kg",
        "aktiengesellschaft",
        "kommanditgesellschaft auf aktien",
        "kommanditgesellschaft",
        "offene handelsgesellschaft",
        "gesellschaft buergerlichen rechts",
        "gesellschaft des buergerlichen rechts",
        "eingetragener verein",
        "eingetragene genossenschaft",
        "eingetragener kaufmann",
        "eingetragene kauffrau",
        "partnerschaftsgesellschaft mbb",
        "partnerschaftsgesellschaft",
        "stiftung buergerlichen rechts",
        "g m b h",
        "gmbh",
        "mbh",
        "ggmbh",
        "kgaa",
        "ug",
        "ag",
        "e v",
        "ev",
        "e g",
        "eg",
        "kg",
        "ohg",
        "gbr",
        "se",
        "e k",
        "ek",
        "e kfm",
        "e kfr",
        "partg mbb",
        "partg",
        "mbb",
        "ltd",
        "limited",
        "inc",
        "llc",
        "bv",
        "b v",
    ],
    key=len,
    reverse=True,
)
_LEGAL_FORM = re.compile(r"(?:^| )(?:" + "|".join(re.escape(f) for f in _LEGAL_FORMS) + r")(?= |$)")


def fold(text: str | None) -> str:
    """Lowercase, umlauts transliterated (ä→ae, ß→ss), accents stripped, punctuation to
    spaces and whitespace collapsed: "Jürgen  Groß-Möller" → "juergen gross moeller"."""
    if not text:
        return ""
    lowered = str(text).lower().translate(_GERMAN_LETTERS)
    decomposed = unicodedata.normalize("NFKD", lowered)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Letters that NFKD cannot decompose (ı, ł, đ) have no ASCII form; keep the base letter.
    ascii_only = ascii_only.translate(str.maketrans({"ı": "i", "ł": "l", "đ": "d", "ð": "d"}))
    return _NOT_WORD.sub(" ", ascii_only).strip()


def organisation_key(name: str | None) -> str:
    """The folded name of an organisation without its legal form, so that "Nordlicht
    G.m.b.H." and "Nordlicht Gesellschaft mit beschränkter Haftung" give "nordlicht"."""
    folded = fold(name).replace(" & ", " ")
    # "&" is punctuation and already a space; "und" between a legal form and "Co" is not.
    folded = re.sub(r"\b(gmbh|ag|se|ug haftungsbeschraenkt) und co\b", r"\1 co", folded)
    previous = None
    while previous != folded:
        previous = folded
        folded = _LEGAL_FORM.sub(" ", folded).strip()
        folded = re.sub(r" +", " ", folded)
    # A name that is nothing but a legal form ("GmbH") keeps it rather than becoming "".
    return folded or fold(name)


def phone_key(raw: str | None, region: str = "DE") -> str:
    """E.164 form ("+49431123456") of a phone number written any German way
    ("0431/12 34 56", "+49 (0)431 123456", "0049 431 …"); "" when it cannot be parsed."""
    if not raw or not str(raw).strip():
        return ""
    text = str(raw).strip()
    # "(0)" after the country code is a German habit phonenumbers does not expect.
    text = re.sub(r"\(\s*0\s*\)", "", text)
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return ""
    # German numbering allows very short numbers in theory; in contact data fewer than
    # six digits is a typo or an extension, and would make unrelated records agree.
    if not phonenumbers.is_possible_number(number) or len(str(number.national_number)) < 6:
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email_key(raw: str | None) -> str:
    """The e-mail address lowercased and stripped (also of a "mailto:" prefix and angle
    brackets); "" when it has no "@"."""
    if not raw:
        return ""
    text = str(raw).strip().strip("<>").strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    text = text.lower()
    if "@" not in text:
        return ""
    return text


def email_domain(raw: str | None) -> str:
    """The domain part of an e-mail address ("kiel-digital.example"), "" when none."""
    key = email_key(raw)
    return key.rsplit("@", 1)[1] if key else ""


def web_domain(url: str | None) -> str:
    """The host of a web address without "www.", lowercased: "https://www.Nordlicht.example/
    kontakt" and "nordlicht.example" both give "nordlicht.example"; "" when empty."""
    if not url or not str(url).strip():
        return ""
    text = str(url).strip().lower()
    if "://" not in text:
        text = "http://" + text
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return ""
    host = host.strip(".")
    if host.startswith("www."):
        host = host[4:]
    return host


def given_name_key(first: str | None) -> str:
    """The folded given name; an initial ("J.", "j") becomes its letter "j", and of a
    double name written with initials ("H.-P.") the first letter is kept."""
    folded = fold(first)
    if not folded:
        return ""
    parts = folded.split()
    if all(len(part) == 1 for part in parts):
        return parts[0]
    return folded


def is_initial(first: str | None) -> bool:
    """Whether a given name is only an initial ("J.", "j", "H.-P.")."""
    key = given_name_key(first)
    return len(key) == 1
