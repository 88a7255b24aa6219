"""The as-you-type duplicate warning: which existing people or organisations look like
what someone is typing into a form.

The record-linkage engine is far too slow to run per keystroke. Instead a lookup
computes the typed values' keys (`similarity_keys`), finds the few records sharing one
through an index, and scores only those in Python. It reveals only records the user may
know of anyway.
"""

from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db.models import Prefetch, Q
from django.urls import reverse

from knotenpunkt.directory import rules as directory_rules
from knotenpunkt.directory.models import Organisation, Person, Position
from knotenpunkt.directory.services.search import listed_organisations
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
from knotenpunkt.quality.services.similarity_keys import (
    FREEMAIL_DOMAINS,
    cologne_phonetic,
    organisation_keys,
    organisation_words,
    person_keys,
    register_key,
    vat_key,
)

Kind = CandidatePair.Kind
KeyType = SimilarityKey.KeyType

# How many results the warning shows, and how many key hits are looked at to find them.
RESULT_LIMIT = 5
CANDIDATE_LIMIT = 40
# A key shared by more records than this ("software", the switchboard of a university)
# says little; its hits are cut off rather than loading hundreds of records.
HITS_PER_QUERY = 200
# Below this score a record is not worth a warning (a shared last name alone is not).
MIN_SCORE = 0.4

# Who may learn what -----------------------------------------------------------------------


def visible_people(user):
    """People whose existence the warning may reveal to `user`.

    Platform admins: everyone. Cluster staff: people of their clusters' organisations and
    people without one, as in the back office. An organisation admin: only the people of
    the organisations they administer, whom they see anyway. Anyone else: nobody.
    """
    people = Person.objects.filter(erased_at__isnull=True)
    if not user.is_authenticated:
        return people.none()
    if user.is_superuser:
        return people
    if user.has_perm("quality.review_duplicates"):
        return directory_rules.visible_people(user)
    administered = Position.objects.current().filter(person__user=user, is_admin=True)
    organisations = administered.values("organisation")
    colleagues = Position.objects.current().filter(organisation__in=organisations)
    return people.filter(pk__in=colleagues.values("person"))


def visible_organisations(user):
    """Organisations whose existence the warning may reveal to `user`: staff as in the back
    office; everyone else the public directory and the organisations they administer."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    if user.has_perm("quality.review_duplicates"):
        return directory_rules.visible_organisations(user)
    administered = Position.objects.current().filter(person__user=user, is_admin=True)
    return Organisation.objects.filter(
        Q(pk__in=listed_organisations().values("pk"))
        | Q(pk__in=administered.values("organisation"))
    )


# Lookup -----------------------------------------------------------------------------------


@dataclass
class SimilarRecord:
    """One existing record that looks like what is being typed."""

    record: Person | Organisation
    score: float
    agreements: list[str] = field(default_factory=list)
    url: str = ""
    context: str = ""  # where the person works, or the organisation's town

    @property
    def percent(self) -> int:
        return round(self.score * 100)


# Queried group by group, each with its own cut-off, so that a common name with hundreds
# of hits cannot push an exact e-mail or VAT ID match out of the result.
_KEY_GROUPS = [
    {KeyType.EMAIL, KeyType.PHONE, KeyType.VAT, KeyType.REGISTER, KeyType.WEB},
    {KeyType.NAME, KeyType.PHONETIC, KeyType.ORGANISATION, KeyType.ORGANISATION_PHONETIC},
    {KeyType.NAME_START},
    {KeyType.NAME_END},
    {KeyType.ORGANISATION_WORD},
]


def _candidate_ids(kind: str, keys: set[tuple[str, str]], exclude_id=None) -> list[int]:
    """Ids of the records sharing most keys with `keys`, best first."""
    hits: Counter[int] = Counter()
    for types in _KEY_GROUPS:
        group = {(t, k) for t, k in keys if t in types}
        if not group:
            continue
        rows = SimilarityKey.objects.filter(kind=kind, key__in={k for _t, k in group}).values_list(
            "record_id", "key_type", "key"
        )[:HITS_PER_QUERY]
        hits.update(record_id for record_id, t, k in rows if (t, k) in group)
    hits.pop(exclude_id, None)
    return [record_id for record_id, _n in hits.most_common(CANDIDATE_LIMIT)]


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def _score_person(typed: dict, person: Person) -> tuple[float, list[str]]:
    score, agreements = 0.0, []
    typed_emails = {email_key(e) for e in typed["emails"]} - {""}
    if typed_emails & {email_key(e.address) for e in person.emails.all()}:
        score += 0.6
        agreements.append("email")
    typed_phones = {phone_key(p) for p in typed["phones"]} - {""}
    if typed_phones & {phone_key(str(p.number)) for p in person.phones.all()}:
        score += 0.3
        agreements.append("phone")
    last, their_last = fold(typed["last_name"]), fold(person.last_name)
    if last and last == their_last:
        score += 0.3
        agreements.append("last_name")
    elif last and (
        cologne_phonetic(last) == cologne_phonetic(their_last) or _similar(last, their_last) >= 0.8
    ):
        score += 0.2
        agreements.append("similar_last_name")
    first, their_first = given_name_key(typed["first_name"]), given_name_key(person.first_name)
    if first and first == their_first:
        score += 0.2
        agreements.append("first_name")
    elif first and their_first and (len(first) == 1 or len(their_first) == 1):
        if first[0] == their_first[0]:
            score += 0.1
            agreements.append("first_initial")
    elif first and _similar(first, their_first) >= 0.8:
        score += 0.15
        agreements.append("similar_first_name")
    return min(score, 1.0), agreements


def _score_organisation(typed: dict, org: Organisation) -> tuple[float, list[str]]:
    score, agreements = 0.0, []
    if (vat := vat_key(typed["vat_id"])) and vat == vat_key(org.vat_id):
        score += 0.7
        agreements.append("vat_id")
    register = register_key(typed["register_number"])
    if register and register == register_key(org.register_number):
        score += 0.6
        agreements.append("register_number")
    typed_domains = {web_domain(typed["website"]), email_domain(typed["email"])}
    their_domains = {web_domain(org.website), email_domain(org.email)}
    if (typed_domains & their_domains) - {""} - FREEMAIL_DOMAINS:
        score += 0.5
        agreements.append("website")
    if (phone := phone_key(typed["phone"])) and phone == phone_key(str(org.phone or "")):
        score += 0.25
        agreements.append("phone")
    name, their_name = organisation_key(typed["name"]), organisation_key(org.name)
    words, their_words = organisation_words(typed["name"]), organisation_words(org.name)
    if name and name == their_name:
        score += 0.6
        agreements.append("name")
    elif name and (
        cologne_phonetic(name) == cologne_phonetic(their_name)
        or _similar(name, their_name) >= 0.85
        or (words and words <= their_words)
    ):
        score += 0.4
        agreements.append("similar_name")
    return min(score, 1.0), agreements


def _best(scored: list[SimilarRecord]) -> list[SimilarRecord]:
    scored = [s for s in scored if s.score >= MIN_SCORE]
    scored.sort(key=lambda s: (-s.score, str(s.record)))
    return scored[:RESULT_LIMIT]


def similar_people(
    user, *, first_name="", last_name="", emails=(), phones=(), exclude_id=None
) -> list[SimilarRecord]:
    """Up to five people `user` may know of who look like the typed values, best first."""
    typed = {
        "first_name": first_name,
        "last_name": last_name,
        "emails": [e for e in emails if e],
        "phones": [p for p in phones if p],
    }
    keys = person_keys(first_name, last_name, typed["emails"], typed["phones"])
    ids = _candidate_ids(Kind.PERSON, keys, exclude_id)
    if not ids:
        return []
    current = Position.objects.current().select_related("organisation").order_by("pk")
    people = (
        visible_people(user)
        .filter(pk__in=ids)
        .prefetch_related("emails", "phones", Prefetch("positions", queryset=current))
    )
    staff = user.is_superuser or user.has_perm("quality.review_duplicates")
    scored = []
    for person in people:
        score, agreements = _score_person(typed, person)
        url = reverse("admin:directory_person_change", args=[person.pk]) if staff else ""
        context = ", ".join(p.organisation.name for p in person.positions.all())
        scored.append(SimilarRecord(person, score, agreements, url, context))
    return _best(scored)


def similar_organisations(
    user, *, name="", website="", email="", phone="", vat_id="", register_number="", exclude_id=None
) -> list[SimilarRecord]:
    """Up to five organisations `user` may know of that look like the typed values."""
    typed = {
        "name": name,
        "website": website,
        "email": email,
        "phone": phone,
        "vat_id": vat_id,
        "register_number": register_number,
    }
    staff = user.is_superuser or user.has_perm("quality.review_duplicates")
    if not staff:
        # The VAT ID and the register number are not shown in the public directory: a
        # match on them would tell anyone whose they are.
        typed["vat_id"] = typed["register_number"] = ""
    keys = organisation_keys(**typed)
    ids = _candidate_ids(Kind.ORGANISATION, keys, exclude_id)
    if not ids:
        return []
    scored = []
    for org in visible_organisations(user).filter(pk__in=ids):
        score, agreements = _score_organisation(typed, org)
        if staff:
            url = reverse("admin:directory_organisation_change", args=[org.pk])
        else:
            url = org.get_absolute_url()
        scored.append(SimilarRecord(org, score, agreements, url, org.city))
    return _best(scored)
