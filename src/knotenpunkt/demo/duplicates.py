"""Legacy duplicates in the demo: people as the old newsletter tool and ticket shop held them.

A real cluster starts with the same person two or three times (DOMAIN.md: CRM, newsletter tool,
ticket shop and ERP each kept their own copy). The demo adds a few such copies, spelled the way
those systems spelled them, so that the review queue, the merge and the as-you-type warning
have something to show; then it fills the duplicate lookup and runs the duplicate scan.
"""

import datetime
from random import Random

from django.db import transaction

from knotenpunkt.demo.organisations import ascii_fold
from knotenpunkt.directory.models import Person, PersonEmail, PersonPhone
from knotenpunkt.directory.services.changes import people_saved
from knotenpunkt.quality.services.duplicates import scan

LEGACY_COPIES = 24
LEGACY_SINCE = datetime.datetime(2019, 3, 1, 9, 0, tzinfo=datetime.UTC)


def _spelled_out(name: str) -> str:
    """'Jürgen Groß' as an old system without umlauts stored it: 'Juergen Gross'."""
    return " ".join(part.capitalize() for part in ascii_fold(name).split(" "))


def _national_format(e164: str) -> str:
    """'+494311234567' as people type it: '0431 1234567'."""
    digits = e164.removeprefix("+49")
    return f"0{digits[:3]} {digits[3:]}"


def _legacy_copy(rng: Random, person: Person, variant: int) -> Person:
    email = next(iter(person.emails.all()), None)
    phone = next(iter(person.phones.all()), None)
    first, last = person.first_name, person.last_name
    address = email.address if email else ""
    if variant == 0:  # newsletter tool: no umlauts, the same work address in capitals
        first, last, address = _spelled_out(first), _spelled_out(last), address.upper()
    elif variant == 1:  # ticket shop: the first name as an initial, a private address
        first = f"{first[0]}."
        address = f"{ascii_fold(last).replace(' ', '')}{rng.randint(60, 99)}@web.example"
    else:  # association ERP: a typo in the last name, the phone as typed
        i = rng.randrange(1, max(2, len(last) - 1))
        last = last[:i] + last[i + 1 :] if len(last) > 4 else last + last[-1]
    copy = Person.objects.create(salutation=person.salutation, first_name=first, last_name=last)
    if address:
        kind = PersonEmail.Kind.PRIVATE if variant == 1 else PersonEmail.Kind.WORK
        PersonEmail.objects.create(person=copy, address=address, kind=kind, is_primary=True)
    if phone is not None:
        PersonPhone.objects.create(person=copy, number=_national_format(str(phone.number)))
    return copy


@transaction.atomic
def add_legacy_duplicates(seed: int) -> int:
    """Add the legacy copies of a few demo people; returns how many."""
    rng = Random(seed + 3)
    candidates = list(
        Person.objects.filter(user=None, emails__isnull=False, phones__isnull=False)
        .distinct()
        .order_by("pk")
        .prefetch_related("emails", "phones")
    )
    originals = rng.sample(candidates, min(LEGACY_COPIES, len(candidates)))
    copies = [_legacy_copy(rng, person, i % 3).pk for i, person in enumerate(originals)]
    # They came over from the old systems when the platform started, and nobody touched them
    # since: older than the curated records (which the merge's defaults prefer).
    Person.objects.filter(pk__in=copies).update(created_at=LEGACY_SINCE, updated_at=LEGACY_SINCE)
    people_saved(copies)
    return len(copies)


def prepare_duplicate_detection() -> int:
    """Fill the review queue; returns the pending pairs found. (The as-you-type lookup's
    keys were written as the records were saved, through the directory's write path.)"""
    return sum(result.found for result in scan())
