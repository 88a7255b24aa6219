"""Prepare the KPI benchmark: ten clusters, 13,500 organisations, ten years of members.

Deterministic (seeded), created once in the benchmark's own database:
- 10 clusters with invoice settings; 13,500 organisations with the domain brief's mix of
  actor types;
- memberships from ten years ago on: each organisation in one cluster (12 % in a second
  one), entries spread over the years, a quarter of them ended (some on 31 December),
  15 % a start-up membership followed the next day by a paying one;
- a fee invoice per membership and year it ran, through the platform's batch invoicing
  (period = the calendar year's running part), 2 % of them cancelled;
- 40 events per cluster and year (5 % co-hosted with a second cluster), 5 to 60 checked-in
  attendees each; newsletter subscriptions of 8,000 people.

    DATABASE_URL=... .venv/bin/python bench/kpis/generate.py --organisations 13500 --last-year 2026

The last line printed is a JSON object with the counts.
"""

import argparse
import json
import random
import sys
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

SEED = 20261207
CLUSTERS = 10
YEARS = 10
ACTORS = (
    ["business"] * 74
    + ["research"] * 5
    + ["intermediary"] * 13
    + ["marketing"] * 4
    + ["public"] * 4
)
BERLIN = ZoneInfo("Europe/Berlin")


def log(message: str) -> None:
    print(f"generate: {message}", file=sys.stderr, flush=True)


def random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def create_clusters():
    from knotenpunkt.directory.models import Cluster
    from knotenpunkt.invoicing.models import InvoiceSettings

    clusters = []
    for n in range(1, CLUSTERS + 1):
        cluster = Cluster.objects.create(
            name=f"Bench-Cluster {n:02d}",
            slug=f"bench-kpi-{n:02d}",
            street="Am Markt 1",
            postcode="24103",
            city="Kiel",
        )
        InvoiceSettings.objects.create(
            cluster=cluster, tax_number="27/123/45678", number_prefix=f"K{n:02d}"
        )
        clusters.append(cluster)
    return clusters


def create_memberships(rng, clusters, organisations, first_year, last_year):
    from knotenpunkt.directory.models import Membership

    first, last = date(first_year, 1, 1), date(last_year, 12, 31)
    rows = []

    def add(org, cluster, start, end, kind):
        status = "ended" if end else "active"
        rows.append(
            Membership(
                organisation=org,
                cluster=cluster,
                kind=kind,
                start_date=start,
                end_date=end,
                status=status,
                annual_fee=Decimal("600"),
            )
        )

    for org in organisations:
        homes = [rng.choice(clusters)]
        if rng.random() < 0.12:
            homes.append(rng.choice([c for c in clusters if c != homes[0]]))
        for cluster in homes:
            start = random_day(rng, first - timedelta(days=3 * 365), last)
            start = max(start, first) if rng.random() < 0.6 else start
            end = None
            if rng.random() < 0.25:
                end = random_day(rng, start, last)
                if rng.random() < 0.3:
                    end = date(end.year, 12, 31)
            if rng.random() < 0.15 and (end is None or (end - start).days > 400):
                switch = start + timedelta(days=rng.randrange(200, 400))
                add(org, cluster, start, switch, "startup")
                # Closed memberships never block the one open membership per cluster.
                rows[-1].status = "ended"
                add(org, cluster, switch + timedelta(days=1), end, "paying")
            else:
                add(org, cluster, start, end, "paying")
    Membership.objects.bulk_create(rows, batch_size=5000)
    return rows


def create_fee_invoices(rng, memberships, first_year, last_year):
    from knotenpunkt.invoicing.models import Invoice
    from knotenpunkt.invoicing.services import Draft, Line, Party, create_invoices

    batches = defaultdict(list)
    for membership in memberships:
        if membership.kind != "paying":
            continue
        for year in range(max(first_year, membership.start_date.year), last_year + 1):
            start = max(membership.start_date, date(year, 1, 1))
            end = min(membership.end_date or date(year, 12, 31), date(year, 12, 31))
            if end < start:
                continue
            days = (end - start).days + 1
            amount = (Decimal(600) * days / (366 if year % 4 == 0 else 365)).quantize(
                Decimal("0.01")
            )
            batches[(membership.cluster, year)].append(
                Draft(
                    buyer=Party(
                        name=membership.organisation.name,
                        street="Hafenstraße 1",
                        postcode="24103",
                        city="Kiel",
                    ),
                    lines=[Line("Mitgliedsbeitrag", Decimal(1), amount, Decimal(0))],
                    organisation=membership.organisation,
                    period=(start, end),
                    source=membership,
                )
            )
    count = 0
    for (cluster, year), drafts in sorted(batches.items(), key=lambda b: (b[0][0].pk, b[0][1])):
        invoices = create_invoices(
            None, cluster=cluster, drafts=drafts, issued_on=date(year, 1, 15)
        )
        count += len(invoices)
        cancelled = [i.pk for i in invoices if rng.random() < 0.02]
        Invoice.objects.filter(pk__in=cancelled).update(status=Invoice.Status.CANCELLED)
    return count


def create_events(rng, clusters, first_year, last_year):
    from knotenpunkt.directory.models import Person
    from knotenpunkt.events.models import Event, Registration, TicketType

    people = Person.objects.bulk_create(
        Person(first_name="Gast", last_name=str(n)) for n in range(60)
    )
    events, hosts = [], []
    for cluster in clusters:
        for year in range(first_year, last_year + 1):
            for n in range(40):
                day = random_day(rng, date(year, 1, 1), date(year, 12, 31))
                starts = datetime.combine(day, time(rng.choice([9, 14, 18])), tzinfo=BERLIN)
                events.append(
                    Event(
                        title=f"{cluster.name} {year} #{n}",
                        slug=f"{cluster.slug}-{year}-{n}",
                        starts_at=starts,
                        ends_at=starts + timedelta(hours=2),
                        is_published=True,
                        kind=rng.choice(["networking", "knowledge_transfer", "conference"]),
                    )
                )
                extra = rng.choice(clusters) if rng.random() < 0.05 else None
                hosts.append([cluster] + ([extra] if extra and extra != cluster else []))
    Event.objects.bulk_create(events, batch_size=2000)
    Through = Event.clusters.through
    Through.objects.bulk_create(
        [Through(event=e, cluster=c) for e, cs in zip(events, hosts, strict=True) for c in cs],
        batch_size=5000,
    )
    tickets = TicketType.objects.bulk_create(
        [TicketType(event=e, name="Teilnahme") for e in events], batch_size=2000
    )
    registrations = []
    for event, ticket in zip(events, tickets, strict=True):
        for person in rng.sample(people, rng.randrange(5, 60)):
            registrations.append(
                Registration(
                    event=event, ticket_type=ticket, person=person, checked_in_at=event.starts_at
                )
            )
    Registration.objects.bulk_create(registrations, batch_size=5000)
    return len(events), len(registrations)


def create_subscriptions(rng, clusters, last_year):
    from django.utils import timezone

    from knotenpunkt.directory.models import Person
    from knotenpunkt.mailings.models import MailingList, Subscription

    lists = [
        MailingList.objects.create(cluster=c, name=f"{c.name} Newsletter", slug=c.slug)
        for c in clusters
    ]
    people = Person.objects.bulk_create(
        Person(first_name="Leserin", last_name=str(n)) for n in range(8000)
    )
    rows = []
    for person in people:
        confirmed = datetime.combine(
            random_day(rng, date(last_year - YEARS, 1, 1), date(last_year, 11, 30)),
            time(12),
            tzinfo=timezone.get_current_timezone(),
        )
        rows.append(
            Subscription(
                person=person,
                mailing_list=rng.choice(lists),
                status="active",
                confirmed_at=confirmed,
            )
        )
    Subscription.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def analyse() -> None:
    """Fresh planner statistics and visibility maps, as autovacuum keeps them in
    production: right after a bulk load PostgreSQL still believes the tables empty (and
    plans nested loops), and no index-only scan can skip the table yet."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=13500)
    parser.add_argument("--last-year", type=int, required=True)
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import transaction

    from knotenpunkt.directory.models import Cluster, Organisation

    if Cluster.objects.filter(slug__startswith="bench-kpi-").exists():
        log("data exists")
        analyse()
        print(json.dumps({"organisations": Organisation.objects.count(), "created": False}))
        return
    rng = random.Random(SEED)
    first_year = args.last_year - YEARS + 1
    with transaction.atomic():
        clusters = create_clusters()
        log(f"{args.organisations} organisations and their memberships")
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"Bench Firma {n:05d} GmbH",
                    slug=f"bench-firma-{n:05d}",
                    actor_type=rng.choice(ACTORS),
                )
                for n in range(args.organisations)
            ],
            batch_size=5000,
        )
        memberships = create_memberships(rng, clusters, organisations, first_year, args.last_year)
    log(f"fee invoices for {len(memberships)} memberships")
    with transaction.atomic():
        invoices = create_fee_invoices(rng, memberships, first_year, args.last_year)
    log("events and checked-in attendees")
    with transaction.atomic():
        events, registrations = create_events(rng, clusters, first_year, args.last_year)
        subscriptions = create_subscriptions(rng, clusters, args.last_year)
    analyse()
    print(
        json.dumps(
            {
                "organisations": len(organisations),
                "memberships": len(memberships),
                "invoices": invoices,
                "events": events,
                "registrations": registrations,
                "subscriptions": subscriptions,
                "created": True,
            }
        )
    )


if __name__ == "__main__":
    main()
