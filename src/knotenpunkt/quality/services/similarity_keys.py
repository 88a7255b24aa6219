"""Keys under which the as-you-type duplicate warning finds people and organisations.

Every record keeps a handful of normalised keys (`SimilarityKey`): e-mail, phone in E.164
form, last name with first initial, a Kölner Phonetik code of it, organisation name and
its words, web domain, VAT ID, register number. They are derived data: the directory
announces changed records through its signals (`directory.signals`), and `rebuild_keys()`
recreates all of them (`knotenpunkt scan_duplicates --keys-only`).
"""

from django.db import transaction
from django.dispatch import receiver

from knotenpunkt.core.registry import register_personal_data
from knotenpunkt.directory import signals as directory_signals
from knotenpunkt.directory.models import Organisation, Person
from knotenpunkt.quality.models import CandidatePair, SimilarityKey
from knotenpunkt.quality.normalise import (
    email_domain,
    email_key,
    fold,
    given_name_key,
    organisation_key,
    phone_key,
    web_domain,
)

Kind = CandidatePair.Kind
KeyType = SimilarityKey.KeyType
REBUILD_BATCH = 2000

# Addresses at these domains say nothing about which organisation someone works for.
FREEMAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "web.de",
        "gmx.de",
        "gmx.net",
        "t-online.de",
        "outlook.com",
        "outlook.de",
        "hotmail.com",
        "hotmail.de",
        "yahoo.com",
        "yahoo.de",
        "icloud.com",
        "me.com",
        "posteo.de",
        "mailbox.org",
        "freenet.de",
        "aol.com",
        "arcor.de",
    }
)

# Words too common in German firm names to find a duplicate by.
_COMMON_ORGANISATION_WORDS = frozenset(
    {
        "und",
        "der",
        "die",
        "das",
        "fuer",
        "von",
        "the",
        "and",
        "gruppe",
        "group",
        "holding",
        "deutschland",
        "germany",
        "service",
        "services",
        "solutions",
        "consulting",
        "software",
        "digital",
        "systems",
        "technologies",
        "media",
        "partner",
    }
)


# Kölner Phonetik ------------------------------------------------------------------------
# The German counterpart of Soundex (Postel, 1969): "Meyer", "Maier" and "Mayr" all give
# "67". No maintained Python package provides it, and it is twenty lines.

_COLOGNE_SIMPLE = {
    **dict.fromkeys("aeijouy", "0"),
    "b": "1",
    **dict.fromkeys("fvw", "3"),
    **dict.fromkeys("gkq", "4"),
    "l": "5",
    **dict.fromkeys("mn", "6"),
    "r": "7",
    **dict.fromkeys("sz", "8"),
}


def _cologne_letter(word: str, i: int) -> str:
    letter = word[i]
    before = word[i - 1] if i > 0 else ""
    after = word[i + 1] if i + 1 < len(word) else ""
    if letter == "h":
        return ""
    if letter == "p":
        return "3" if after == "h" else "1"
    if letter in "dt":
        return "8" if after in ("c", "s", "z") and after else "2"
    if letter == "c":
        if i == 0:
            return "4" if after and after in "ahkloqrux" else "8"
        if before in ("s", "z") and before:
            return "8"
        return "4" if after and after in "ahkoqux" else "8"
    if letter == "x":
        return "8" if before and before in "ckq" else "48"
    return _COLOGNE_SIMPLE.get(letter, "")


def cologne_phonetic(text: str | None) -> str:
    """The Kölner Phonetik code of each word, space-separated: "Müller-Lüdenscheidt" →
    "657 52682"; "" for text without letters."""
    codes = []
    for word in fold(text).split():
        word = "".join(ch for ch in word if ch.isalpha())
        if not word:
            continue
        raw = "".join(_cologne_letter(word, i) for i in range(len(word)))
        collapsed = []
        for digit in raw:
            if not collapsed or collapsed[-1] != digit:
                collapsed.append(digit)
        code = collapsed[0] + "".join(d for d in collapsed[1:] if d != "0") if collapsed else ""
        if code:
            codes.append(code)
    return " ".join(codes)


# Keys -------------------------------------------------------------------------------------


def _initial(first_name: str | None) -> str:
    return given_name_key(first_name)[:1]


def person_keys(first_name="", last_name="", emails=(), phones=()) -> set[tuple[str, str]]:
    """The (key type, key) pairs under which a person with these values is found."""
    keys = {(KeyType.EMAIL, key) for key in map(email_key, emails) if key}
    keys |= {(KeyType.PHONE, key) for key in map(phone_key, phones) if key}
    last = fold(last_name)
    initial = _initial(first_name)
    if last and initial:
        keys.add((KeyType.NAME, f"{last}|{initial}"))
        compact = last.replace(" ", "")
        keys.add((KeyType.NAME_START, f"{compact[:3]}|{initial}"))
        keys.add((KeyType.NAME_END, f"{compact[-3:]}|{initial}"))
        if phonetic := cologne_phonetic(last_name):
            keys.add((KeyType.PHONETIC, f"{phonetic}|{initial}"))
    return {(t, k[:200]) for t, k in keys}


def vat_key(vat_id: str | None) -> str:
    return "".join(ch for ch in str(vat_id or "").upper() if ch.isalnum())


def register_key(register_number: str | None) -> str:
    return fold(register_number).replace(" ", "")


def organisation_words(name: str | None) -> set[str]:
    return {
        word
        for word in organisation_key(name).split()
        if len(word) >= 4 and word not in _COMMON_ORGANISATION_WORDS
    }


def organisation_keys(
    name="", website="", email="", phone="", vat_id="", register_number=""
) -> set[tuple[str, str]]:
    """The (key type, key) pairs under which an organisation with these values is found."""
    keys: set[tuple[str, str]] = set()
    if name_key := organisation_key(name):
        keys.add((KeyType.ORGANISATION, name_key))
        keys.add((KeyType.ORGANISATION_PHONETIC, cologne_phonetic(name_key)))
        keys |= {(KeyType.ORGANISATION_WORD, word) for word in organisation_words(name)}
    domains = {web_domain(website)}
    if (mail_domain := email_domain(email)) not in FREEMAIL_DOMAINS:
        domains.add(mail_domain)
    keys |= {(KeyType.WEB, domain) for domain in domains if domain}
    if phone_number := phone_key(str(phone or "")):
        keys.add((KeyType.PHONE, phone_number))
    if vat := vat_key(vat_id):
        keys.add((KeyType.VAT, vat))
    if register := register_key(register_number):
        keys.add((KeyType.REGISTER, register))
    return {(t, k[:200]) for t, k in keys if k}


def _keys_of_person(person: Person) -> set[tuple[str, str]]:
    return person_keys(
        person.first_name,
        person.last_name,
        # An address counts as "the same e-mail" only where it identifies its person: not
        # one a user typed into their own profile without confirming it.
        [e.address for e in person.emails.all() if e.identifies_person],
        [str(p.number) for p in person.phones.all()],
    )


def _keys_of_organisation(org: Organisation) -> set[tuple[str, str]]:
    return organisation_keys(
        org.name, org.website, org.email, str(org.phone or ""), org.vat_id, org.register_number
    )


@transaction.atomic
def refresh_keys(kind: str, ids) -> int:
    """Recompute the keys of these people or organisations (erased or deleted ones lose
    theirs); returns the number of keys written."""
    ids = list(ids)
    if not ids:
        return 0
    SimilarityKey.objects.filter(kind=kind, record_id__in=ids).delete()
    if kind == Kind.PERSON:
        records = Person.objects.filter(pk__in=ids, erased_at__isnull=True).prefetch_related(
            "emails", "phones"
        )
        keys_of = _keys_of_person
    else:
        records = Organisation.objects.filter(pk__in=ids)
        keys_of = _keys_of_organisation
    rows = [
        SimilarityKey(kind=kind, record_id=record.pk, key_type=key_type, key=key)
        for record in records
        for key_type, key in keys_of(record)
    ]
    SimilarityKey.objects.bulk_create(rows, batch_size=REBUILD_BATCH)
    return len(rows)


def rebuild_keys(kind: str | None = None) -> int:
    """Recreate the keys of every person and/or organisation; returns how many were written."""
    total = 0
    for each in [kind] if kind else [Kind.PERSON, Kind.ORGANISATION]:
        model = Person if each == Kind.PERSON else Organisation
        with transaction.atomic():
            SimilarityKey.objects.filter(kind=each).delete()
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), REBUILD_BATCH):
            total += refresh_keys(each, ids[start : start + REBUILD_BATCH])
    return total


@receiver(directory_signals.person_changed, dispatch_uid="quality.person_keys")
def _person_changed(sender, person, **kwargs):
    refresh_keys(Kind.PERSON, [person.pk])


@receiver(directory_signals.organisation_changed, dispatch_uid="quality.organisation_keys")
def _organisation_changed(sender, organisation, **kwargs):
    refresh_keys(Kind.ORGANISATION, [organisation.pk])


@receiver(directory_signals.people_changed, dispatch_uid="quality.people_keys")
def _people_changed(sender, ids, **kwargs):
    refresh_keys(Kind.PERSON, ids)


@receiver(directory_signals.organisations_changed, dispatch_uid="quality.organisations_keys")
def _organisations_changed(sender, ids, **kwargs):
    refresh_keys(Kind.ORGANISATION, ids)


# The keys hold e-mail addresses and phone numbers: they are personal data like the rows
# they are derived from, exported with them and erased with them.
def _export_keys(person) -> list[dict]:
    keys = SimilarityKey.objects.filter(kind=Kind.PERSON, record_id=person.pk)
    return [{"type": k.key_type, "key": k.key} for k in keys.order_by("key_type", "key")]


def _erase_keys(person) -> None:
    SimilarityKey.objects.filter(kind=Kind.PERSON, record_id=person.pk).delete()


register_personal_data(
    "duplicate_lookup_keys", _export_keys, _erase_keys, models=("quality.SimilarityKey",)
)
