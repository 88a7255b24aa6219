"""Candidate pairs of duplicates: finding them with the record linkage, the staff's review
queue, and the decisions "same" and "different", which later scans respect."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import log_action, register_action
from knotenpunkt.directory.models import Organisation, Person, Position
from knotenpunkt.quality.models import CandidatePair
from knotenpunkt.quality.services.scope import records_in_scope

Kind = CandidatePair.Kind
Status = CandidatePair.Status

# The engine's pairs from this probability on go into the queue; the queue's score filter
# lets staff start with the surest ones.
SCAN_THRESHOLD = 0.5
WRITE_BATCH = 1000

register_action("quality.duplicates.scan_requested", _("Search for duplicates started"))
register_action("quality.pair.marked_different", _("Possible duplicates marked as different"))
register_action("quality.pair.marked_same", _("Possible duplicates marked as the same"))

# What the engine's agreement names mean, in the words the review queue shows.
AGREEMENT_LABELS = {
    "email": _("same e-mail address"),
    "phone": _("same phone number"),
    "first_name": _("same first name"),
    "first_initial": _("matching first initial"),
    "similar_first_name": _("similar first name"),
    "last_name": _("same last name"),
    "similar_last_name": _("similar last name"),
    "organisation": _("same organisation"),
    "address": _("same address"),
    "name": _("same name"),
    "similar_name": _("similar name"),
    "vat_id": _("same VAT ID"),
    "register_number": _("same register number"),
    "website": _("same web domain"),
}


def describe_agreements(agreements) -> list[str]:
    """The agreeing fields in plain words ("same e-mail address", "same last name")."""
    return [str(AGREEMENT_LABELS.get(name, name)) for name in agreements]


# Scan -------------------------------------------------------------------------------------


def person_records() -> list[dict]:
    """Every person who was not erased, as a record for the linkage: name, primary e-mail,
    a phone, and the current organisation with its address and website."""
    current = Position.objects.current().select_related("organisation").order_by("pk")
    people = (
        Person.objects.filter(erased_at__isnull=True)
        .prefetch_related("emails", "phones", Prefetch("positions", queryset=current))
        .order_by("pk")
    )
    records = []
    for person in people.iterator(chunk_size=2000):
        phones = list(person.phones.all())
        positions = list(person.positions.all())
        org = positions[0].organisation if positions else None
        records.append(
            {
                "record_id": str(person.pk),
                "first_name": person.first_name,
                "last_name": person.last_name,
                # Only an address that identifies its person links two records.
                "email": next(
                    (
                        e.address
                        for e in sorted(person.emails.all(), key=lambda e: not e.is_primary)
                        if e.identifies_person
                    ),
                    "",
                ),
                "phone": str(phones[0].number) if phones else "",
                "organisation": org.name if org else "",
                "street": org.street if org else "",
                "postcode": org.postcode if org else "",
                "city": org.city if org else "",
                "website": org.website if org else "",
            }
        )
    return records


def organisation_records() -> list[dict]:
    """Every organisation as a record for the linkage (the engine's columns)."""
    from knotenpunkt.quality.linkage.organisations import ORGANISATION_FIELDS

    fields = [name for name in ORGANISATION_FIELDS if name != "record_id"]
    return [
        {
            "record_id": str(row["pk"]),
            **{name: "" if row[name] is None else str(row[name]) for name in fields},
        }
        for row in Organisation.objects.order_by("pk")
        .values("pk", *fields)
        .iterator(chunk_size=2000)
    ]


@dataclass
class ScanResult:
    kind: str
    found: int = 0
    created: int = 0
    updated: int = 0
    removed: int = 0


def scan_people(threshold: float = SCAN_THRESHOLD) -> ScanResult:
    """Run the linkage over all people and bring the candidate pairs up to date."""
    from knotenpunkt.quality.linkage import link_people

    return store_pairs(Kind.PERSON, link_people(person_records(), threshold=threshold))


def scan_organisations(threshold: float = SCAN_THRESHOLD) -> ScanResult:
    """Run the linkage over all organisations and bring the candidate pairs up to date."""
    from knotenpunkt.quality.linkage import link_organisations

    pairs = link_organisations(organisation_records(), threshold=threshold)
    return store_pairs(Kind.ORGANISATION, pairs)


@transaction.atomic
def store_pairs(kind: str, linked) -> ScanResult:
    """Upsert the engine's pairs (objects with a, b, score, agreements).

    Pending pairs get the new score and reasons; a pair decided "different" or already
    merged is never proposed again; pairs whose records no longer exist are skipped; pending
    pairs the engine no longer finds are dropped.
    """
    model = Person if kind == Kind.PERSON else Organisation
    found: dict[tuple[int, int], tuple[float, list[str]]] = {}
    for pair in linked:
        a, b = sorted((int(pair.a), int(pair.b)))
        if a == b:
            continue
        known = found.get((a, b))
        if known is None or pair.score > known[0]:
            found[(a, b)] = (float(pair.score), list(pair.agreements))
    existing_ids = set(model.objects.values_list("pk", flat=True))
    if kind == Kind.PERSON:
        existing_ids -= set(
            Person.objects.filter(erased_at__isnull=False).values_list("pk", flat=True)
        )
    found = {
        key: value
        for key, value in found.items()
        if key[0] in existing_ids and key[1] in existing_ids
    }

    result = ScanResult(kind=kind, found=len(found))
    stored = {
        (p.record_a_id, p.record_b_id): p
        for p in CandidatePair.objects.select_for_update().filter(kind=kind)
    }
    to_update, to_remove = [], []
    for key, pair in stored.items():
        if key in found:
            if pair.status in (Status.PENDING, Status.SAME):
                pair.score, pair.agreements = found[key]
                to_update.append(pair)
        elif pair.status == Status.PENDING:
            to_remove.append(pair.pk)
    new = [
        CandidatePair(kind=kind, record_a_id=a, record_b_id=b, score=score, agreements=agreements)
        for (a, b), (score, agreements) in found.items()
        if (a, b) not in stored
    ]
    CandidatePair.objects.bulk_create(new, batch_size=WRITE_BATCH)
    CandidatePair.objects.bulk_update(to_update, ["score", "agreements"], batch_size=WRITE_BATCH)
    for start in range(0, len(to_remove), WRITE_BATCH):
        CandidatePair.objects.filter(pk__in=to_remove[start : start + WRITE_BATCH]).delete()
    result.created, result.updated, result.removed = len(new), len(to_update), len(to_remove)
    return result


def request_scan(actor, kind: str | None = None) -> None:
    """Search for duplicates in the background, once the current transaction commits."""
    from knotenpunkt.quality.tasks import scan_for_duplicates

    log_action(actor, "quality.duplicates.scan_requested", kind=kind or "all")
    transaction.on_commit(lambda: scan_for_duplicates.enqueue(kind))


def scan(kind: str | None = None) -> list[ScanResult]:
    """Scan people, organisations or both."""
    results = []
    if kind in (None, Kind.PERSON):
        results.append(scan_people())
    if kind in (None, Kind.ORGANISATION):
        results.append(scan_organisations())
    return results


# Review -----------------------------------------------------------------------------------


def pending_pairs(kind: str, min_score: float = 0):
    """Pairs of `kind` still to be reviewed, best first."""
    return CandidatePair.objects.filter(
        kind=kind, status=Status.PENDING, score__gte=min_score
    ).order_by("-score", "id")


def pairs_for(user, kind: str, *, status: str = Status.PENDING, min_score: float = 0):
    """The pairs `user` may review: platform admins all; cluster staff those whose two
    records are both in their scope (their clusters, or no cluster)."""
    pairs = CandidatePair.objects.filter(kind=kind, score__gte=min_score)
    if status:
        pairs = pairs.filter(status=status)
    pairs = pairs.order_by("-score", "id")
    if user.is_superuser:
        return pairs
    in_scope = records_in_scope(kind, user).values("pk")
    return pairs.filter(record_a_id__in=in_scope, record_b_id__in=in_scope)


def user_may_review(user, pair: CandidatePair) -> bool:
    return pairs_for(user, pair.kind, status="").filter(pk=pair.pk).exists()


def records_for(pairs) -> dict[tuple[str, int], Person | Organisation]:
    """The records of a page of pairs, loaded in one query per kind, keyed (kind, id)."""
    wanted: dict[str, set[int]] = {Kind.PERSON: set(), Kind.ORGANISATION: set()}
    for pair in pairs:
        wanted[pair.kind] |= {pair.record_a_id, pair.record_b_id}
    records: dict[tuple[str, int], Person | Organisation] = {}
    if wanted[Kind.PERSON]:
        current = Position.objects.current().select_related("organisation").order_by("pk")
        people = Person.objects.filter(pk__in=wanted[Kind.PERSON]).prefetch_related(
            "emails", "phones", Prefetch("positions", queryset=current)
        )
        records.update({(Kind.PERSON, p.pk): p for p in people})
    if wanted[Kind.ORGANISATION]:
        orgs = Organisation.objects.filter(pk__in=wanted[Kind.ORGANISATION])
        records.update({(Kind.ORGANISATION, o.pk): o for o in orgs})
    return records


@transaction.atomic
def mark_different(pair: CandidatePair, user) -> CandidatePair:
    """The two records are different: the pair leaves the queue and never comes back."""
    return _decide(pair, user, Status.DIFFERENT, "quality.pair.marked_different")


@transaction.atomic
def mark_same(pair: CandidatePair, user) -> CandidatePair:
    """The two records are the same; the pair waits to be merged."""
    return _decide(pair, user, Status.SAME, "quality.pair.marked_same")


def _decide(pair: CandidatePair, user, status: str, action: str) -> CandidatePair:
    pair = CandidatePair.objects.select_for_update().get(pk=pair.pk)
    pair.status = status
    pair.decided_by = user
    pair.decided_at = timezone.now()
    pair.save(update_fields=["status", "decided_by", "decided_at"])
    model = Person if pair.kind == Kind.PERSON else Organisation
    for record in model.objects.filter(pk__in=[pair.record_a_id, pair.record_b_id]):
        log_action(user, action, record, pair=pair.pk, other=_other(pair, record.pk))
    return pair


def _other(pair: CandidatePair, record_id: int) -> int:
    return pair.record_b_id if record_id == pair.record_a_id else pair.record_a_id
