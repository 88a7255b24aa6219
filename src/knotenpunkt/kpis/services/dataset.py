"""The KPI dataset format of `knotenpunkt kpi-report --dataset` (docs/kpis.md): checked
record by record, then stored through the platform's models and services, so the report
computes from the same tables as the dashboard.

{"clusters": [{"key", "name"}],
 "organisations": [{"key", "name", "actor_type"}],
 "memberships": [{"organisation", "cluster", "kind", "start", "end"}],
 "fee_lines": [{"organisation", "cluster", "net", "service_start", "service_end",
                "cancelled"}],
 "events": [{"key", "clusters": [...], "start" (ISO 8601 with offset), "checked_in"}]}
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.text import slugify

from knotenpunkt.directory.models import Cluster, Membership, Organisation, Person
from knotenpunkt.events.models import Event, Registration, TicketType
from knotenpunkt.invoicing.models import InvoiceSettings
from knotenpunkt.invoicing.services import Draft, Line, Party, cancel_invoice, create_invoices

SECTIONS = ("clusters", "organisations", "memberships", "fee_lines", "events")
FIELDS = {
    "clusters": {"key", "name"},
    "organisations": {"key", "name", "actor_type"},
    "memberships": {"organisation", "cluster", "kind", "start", "end"},
    "fee_lines": {"organisation", "cluster", "net", "service_start", "service_end", "cancelled"},
    "events": {"key", "clusters", "start", "checked_in"},
}


class DatasetError(ValueError):
    """A dataset the report cannot use; the message names the record."""


@dataclass
class Dataset:
    """A checked dataset, with dates, amounts and times parsed."""

    clusters: list[dict] = field(default_factory=list)
    organisations: list[dict] = field(default_factory=list)
    memberships: list[dict] = field(default_factory=list)
    fee_lines: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)


def _where(section: str, index: int, record) -> str:
    key = record.get("key") if isinstance(record, dict) else None
    return f"{section}[{index}]" + (f" ({key})" if key else "")


def _date(value, where: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise DatasetError(f"{where}: {name} {value!r} is not a date (YYYY-MM-DD)") from None


def _reference(value, known: dict, where: str, name: str):
    if value not in known:
        raise DatasetError(f"{where}: unknown {name} {value!r}")
    return value


def _records(data: dict, section: str) -> list[dict]:
    records = data.get(section, [])
    if not isinstance(records, list):
        raise DatasetError(f"{section}: expected a list of records")
    for index, record in enumerate(records):
        where = _where(section, index, record)
        if not isinstance(record, dict):
            raise DatasetError(f"{where}: expected an object")
        missing = FIELDS[section] - set(record)
        if missing:
            raise DatasetError(f"{where}: missing {', '.join(sorted(missing))}")
        unknown = set(record) - FIELDS[section]
        if unknown:
            raise DatasetError(f"{where}: unknown field {', '.join(sorted(unknown))}")
    return records


def _unique_keys(records: list[dict], section: str) -> dict:
    keys = {}
    for index, record in enumerate(records):
        key = record["key"]
        if not isinstance(key, str) or not key.strip():
            raise DatasetError(f"{section}[{index}]: key must be a non-empty text")
        if key in keys:
            raise DatasetError(f"{_where(section, index, record)}: key used twice")
        keys[key] = record
    return keys


def check(data) -> Dataset:
    """The dataset parsed, or a DatasetError naming the first bad record."""
    if not isinstance(data, dict):
        raise DatasetError(
            "The dataset must be a JSON object with the lists " + ", ".join(SECTIONS)
        )
    unknown = set(data) - set(SECTIONS)
    if unknown:
        raise DatasetError(f"unknown section {', '.join(sorted(unknown))}")
    dataset = Dataset()
    clusters = _unique_keys(_records(data, "clusters"), "clusters")
    organisations = _unique_keys(_records(data, "organisations"), "organisations")
    dataset.clusters = list(clusters.values())
    for index, record in enumerate(organisations.values()):
        if record["actor_type"] not in Organisation.ActorType.values:
            raise DatasetError(
                f"{_where('organisations', index, record)}: unknown actor type "
                f"{record['actor_type']!r} (one of {', '.join(Organisation.ActorType.values)})"
            )
        dataset.organisations.append(record)
    for index, record in enumerate(_records(data, "memberships")):
        where = f"memberships[{index}] ({record['organisation']} in {record['cluster']})"
        _reference(record["organisation"], organisations, where, "organisation")
        _reference(record["cluster"], clusters, where, "cluster")
        if record["kind"] not in Membership.Kind.values:
            raise DatasetError(f"{where}: unknown kind {record['kind']!r}")
        start = _date(record["start"], where, "start")
        end = None if record["end"] is None else _date(record["end"], where, "end")
        if end is not None and end < start:
            raise DatasetError(f"{where}: end {end} is before start {start}")
        dataset.memberships.append({**record, "start": start, "end": end})
    for index, record in enumerate(_records(data, "fee_lines")):
        where = f"fee_lines[{index}] ({record['organisation']} in {record['cluster']})"
        _reference(record["organisation"], organisations, where, "organisation")
        _reference(record["cluster"], clusters, where, "cluster")
        try:
            net = Decimal(str(record["net"]))
        except InvalidOperation:
            raise DatasetError(f"{where}: net {record['net']!r} is not an amount") from None
        if not net.is_finite() or net < 0 or net != net.quantize(Decimal("0.01")):
            raise DatasetError(f"{where}: net {record['net']!r} is not an amount in cents >= 0")
        start = _date(record["service_start"], where, "service_start")
        end = _date(record["service_end"], where, "service_end")
        if end < start:
            raise DatasetError(f"{where}: service_end {end} is before service_start {start}")
        if not isinstance(record["cancelled"], bool):
            raise DatasetError(f"{where}: cancelled must be true or false")
        dataset.fee_lines.append({**record, "net": net, "service_start": start, "service_end": end})
    for index, record in enumerate(_records(data, "events")):
        where = _where("events", index, record)
        hosts = record["clusters"]
        if not isinstance(hosts, list) or not hosts:
            raise DatasetError(f"{where}: clusters must be a non-empty list")
        for host in hosts:
            _reference(host, clusters, where, "cluster")
        try:
            start = datetime.fromisoformat(record["start"])
        except (TypeError, ValueError):
            raise DatasetError(f"{where}: start {record['start']!r} is not ISO 8601") from None
        if start.utcoffset() is None:
            raise DatasetError(f"{where}: start {record['start']!r} has no UTC offset")
        checked_in = record["checked_in"]
        if not isinstance(checked_in, int) or isinstance(checked_in, bool) or checked_in < 0:
            raise DatasetError(f"{where}: checked_in must be a whole number >= 0")
        dataset.events.append({**record, "start": start})
    _unique_keys(data.get("events", []), "events")
    return dataset


def _membership_for(periods: list[Membership], day: date, where: str) -> Membership:
    """The membership a fee line bills: the one running on its first day, else the
    nearest (a fee billed after the exit, say)."""
    if not periods:
        raise DatasetError(f"{where}: the organisation has no membership in that cluster")
    running = [m for m in periods if m.is_active_on(day)]
    if running:
        return running[0]

    def distance(membership):
        if day < membership.start_date:
            return (membership.start_date - day).days
        return (day - (membership.end_date or day)).days

    return min(periods, key=distance)


@transaction.atomic
def load(dataset: Dataset) -> dict[str, Cluster]:
    """Store the dataset; returns the clusters by their key. For an empty database."""
    clusters = {}
    for record in dataset.clusters:
        cluster = Cluster.objects.create(
            name=record["name"],
            slug=slugify(record["key"])[:60] or f"cluster-{len(clusters) + 1}",
            street="Am Markt 1",
            postcode="10115",
            city="Berlin",
        )
        InvoiceSettings.objects.create(cluster=cluster, tax_number="27/123/45678")
        clusters[record["key"]] = cluster
    organisations = {
        record["key"]: Organisation(
            name=record["name"],
            slug=slugify(f"{record['key']}-{record['name']}")[:220],
            actor_type=record["actor_type"],
        )
        for record in dataset.organisations
    }
    Organisation.objects.bulk_create(organisations.values())
    memberships = _load_memberships(dataset, clusters, organisations)
    _load_fee_lines(dataset, clusters, organisations, memberships)
    _load_events(dataset, clusters)
    return clusters


def _load_memberships(dataset, clusters, organisations) -> dict:
    rows = []
    for record in dataset.memberships:
        rows.append(
            Membership(
                organisation=organisations[record["organisation"]],
                cluster=clusters[record["cluster"]],
                kind=record["kind"],
                start_date=record["start"],
                end_date=record["end"],
                status=Membership.Status.ENDED if record["end"] else Membership.Status.ACTIVE,
            )
        )
    # The platform allows one open membership per organisation and cluster: of several
    # without an end (a kind change recorded without closing the old one), the latest
    # is the open one; the spans treat them as one anyway.
    by_pair = defaultdict(list)
    for membership in rows:
        by_pair[(membership.organisation.pk, membership.cluster.pk)].append(membership)
    for group in by_pair.values():
        open_ones = sorted((m for m in group if m.end_date is None), key=lambda m: m.start_date)
        for membership in open_ones[:-1]:
            membership.status = Membership.Status.ENDED
    Membership.objects.bulk_create(rows)
    return by_pair


def _load_fee_lines(dataset, clusters, organisations, memberships) -> None:
    # One batch per cluster and invoice date: fee lines are issued on their first day.
    batches = defaultdict(list)
    for index, record in enumerate(dataset.fee_lines):
        organisation = organisations[record["organisation"]]
        cluster = clusters[record["cluster"]]
        where = f"fee_lines[{index}] ({record['organisation']} in {record['cluster']})"
        membership = _membership_for(
            memberships.get((organisation.pk, cluster.pk), []), record["service_start"], where
        )
        draft = Draft(
            buyer=Party(
                name=organisation.name, street="Hauptstraße 1", postcode="10115", city="Berlin"
            ),
            lines=[Line("Mitgliedsbeitrag", Decimal(1), record["net"], Decimal(0))],
            organisation=organisation,
            period=(record["service_start"], record["service_end"]),
            source=membership,
        )
        batches[(cluster.pk, record["service_start"])].append((draft, record["cancelled"]))
    cluster_by_pk = {c.pk: c for c in clusters.values()}
    for (cluster_pk, issued_on), entries in sorted(batches.items()):
        invoices = create_invoices(
            None,
            cluster=cluster_by_pk[cluster_pk],
            drafts=[draft for draft, _cancelled in entries],
            issued_on=issued_on,
            due_on=issued_on + timedelta(days=30),
        )
        for invoice, (_draft, cancelled) in zip(invoices, entries, strict=True):
            if cancelled:
                cancel_invoice(None, invoice, "Storniert (Datensatz)")


def _load_events(dataset, clusters) -> None:
    attendees_needed = max((record["checked_in"] for record in dataset.events), default=0)
    attendees = Person.objects.bulk_create(
        Person(first_name="Teilnehmende", last_name=str(n)) for n in range(attendees_needed)
    )
    registrations = []
    for record in dataset.events:
        event = Event.objects.create(
            title=record["key"],
            slug=slugify(record["key"])[:220] or "event",
            starts_at=record["start"],
            ends_at=record["start"] + timedelta(hours=2),
            is_published=True,
        )
        event.clusters.set([clusters[key] for key in record["clusters"]])
        ticket = TicketType.objects.create(event=event, name="Teilnahme")
        registrations += [
            Registration(
                event=event,
                ticket_type=ticket,
                person=person,
                checked_in_at=record["start"],
            )
            for person in attendees[: record["checked_in"]]
        ]
    Registration.objects.bulk_create(registrations, batch_size=2000)
