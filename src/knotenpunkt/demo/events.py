"""Demo events: about 60 over the past and the next year, from a 15-person lunch to a
650-person summit, with registrations, waiting lists and check-ins at past events.

Dates are relative to the day the demo is built, so there is always something upcoming;
everything else follows the seed. Registrations are written directly (the demo sends no
mails); a few priced upcoming places are invoiced through the invoicing services when
the clusters' invoice settings exist (run the invoicing demo first). Event groups are
taken from the groups demo when it has run. Safe to run again: does nothing once events
exist.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from knotenpunkt.demo import clock
from knotenpunkt.demo.plan import DIGITAL, MARITIME, SEED
from knotenpunkt.directory.models import Cluster, Person, Position, Topic
from knotenpunkt.events.access import member_organisations
from knotenpunkt.events.models import Event, Invitation, Question, Registration, TicketType
from knotenpunkt.groups.models import Group

# (title, format, capacity, member price, non-member price, audience)
KINDS = [
    ("Mittagstisch Digitalisierung", "in_person", 15, 0, 0, "members"),
    ("Digitalfrühstück", "in_person", 40, 0, 0, "public"),
    ("Webinar: %s", "online", None, 0, 0, "public"),
    ("Workshop: %s", "in_person", 24, 90, 180, "public"),
    ("Barcamp %s", "hybrid", 120, 25, 60, "public"),
    ("CIO-Runde", "in_person", 20, 0, 0, "group"),
    ("Fachgruppentreffen: %s", "hybrid", 35, 0, 0, "group"),
    ("Kamingespräch", "in_person", 25, 0, 0, "invitation"),
    ("Maritimer Abend", "in_person", 80, 30, 55, "public"),
]
# What each kind of demo event is for, as the KPIs count it (Event.Kind).
TRANSFER_PREFIXES = ("Webinar", "Workshop")
CONFERENCE_PREFIXES = ("Barcamp", "Digitalgipfel")


def _kind(title: str) -> str:
    if title.startswith(TRANSFER_PREFIXES):
        return Event.Kind.KNOWLEDGE_TRANSFER
    if title.startswith(CONFERENCE_PREFIXES):
        return Event.Kind.CONFERENCE
    return Event.Kind.NETWORKING


THEMES = [
    "KI im Mittelstand",
    "Cloud und Souveränität",
    "IT-Sicherheit nach NIS2",
    "Fachkräfte gewinnen",
    "E-Rechnung 2025",
    "Digitale Häfen",
    "Open Source in der Verwaltung",
    "Datenräume",
    "Green IT",
    "Low-Code",
]
VENUES = [
    ("Wissenschaftspark Kiel", "Fraunhoferstraße 13", "24118", "Kiel"),
    ("Kreativzentrum Lübeck", "Willy-Brandt-Allee 31", "23554", "Lübeck"),
    ("Hafenspeicher Flensburg", "Schiffbrücke 22", "24939", "Flensburg"),
    ("Haus der Wirtschaft", "Bergstraße 2", "24103", "Kiel"),
]


def _summit(now) -> dict:
    return {
        "title": "Digitalgipfel Schleswig-Holstein",
        "format": "hybrid",
        "capacity": 650,
        "prices": (Decimal("190"), Decimal("390")),
        "audience": "public",
        "starts_at": now + datetime.timedelta(days=75),
        "hours": 8,
        "both_clusters": True,
    }


@transaction.atomic
def build_events_demo(seed: int = SEED) -> bool:
    """About 60 events of the demo clusters with registrations; False if done already."""
    clusters = {
        c.slug: c for c in Cluster.objects.filter(slug__in=[DIGITAL["slug"], MARITIME["slug"]])
    }
    if not clusters or Event.objects.exists():
        return False
    rng = random.Random(seed + 4)
    digital = clusters.get(DIGITAL["slug"])
    maritime = clusters.get(MARITIME["slug"])
    pool = list(
        Person.objects.filter(positions__in=Position.objects.current(), erased_at__isnull=True)
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    organisation_of = dict(
        Position.objects.current().order_by("person", "pk").values_list("person", "organisation")
    )
    topics = list(Topic.objects.order_by("pk").values_list("pk", flat=True))
    groups = _groups()
    now = clock.now().replace(minute=0, second=0, microsecond=0)
    specs = []
    for n in range(59):
        kind = KINDS[n % len(KINDS)]
        days = int((n - 29.5) * 12.3) + rng.randint(-3, 3)  # spread over +-1 year
        start = (now + datetime.timedelta(days=days)).replace(hour=rng.choice([9, 10, 12, 14, 17]))
        title = kind[0] % THEMES[n % len(THEMES)] if "%s" in kind[0] else kind[0]
        specs.append(
            {
                "title": title,
                "format": kind[1],
                "capacity": kind[2],
                "prices": (Decimal(kind[3]), Decimal(kind[4])),
                "audience": kind[5],
                "starts_at": start,
                "hours": 2 if kind[2] and kind[2] < 50 else 4,
                "both_clusters": n % 7 == 3,
                "maritime": "Maritim" in title or n % 5 == 4,
            }
        )
    specs.append(_summit(now))
    for n, spec in enumerate(sorted(specs, key=lambda s: s["starts_at"])):
        event = _create_event(n, spec, rng, digital, maritime, groups, topics)
        _register(event, spec, rng, pool, organisation_of, now)
    _invoice_some()
    return True


def _groups() -> list:
    return list(Group.objects.order_by("pk"))


def _create_event(n, spec, rng, digital, maritime, groups, topics) -> Event:
    venue = VENUES[n % len(VENUES)]
    starts_at = spec["starts_at"]
    audience = spec["audience"]
    if audience == "group" and not groups:
        audience = "members"
    event = Event.objects.create(
        title=spec["title"],
        slug=f"{slugify(spec['title'])[:180]}-{starts_at:%Y-%m-%d}",
        summary=f"{spec['title']} – Austausch, Impulse und Vernetzung im Cluster.",
        description=(
            "Impulsvorträge aus der Praxis, danach Zeit für Fragen und Gespräche.\n\n"
            "- Begrüßung durch das Clustermanagement\n- Impulse\n"
            "- Diskussion und Netzwerken"
        ),
        kind=_kind(spec["title"]),
        format=spec["format"],
        venue_name="" if spec["format"] == "online" else venue[0],
        street="" if spec["format"] == "online" else venue[1],
        postcode="" if spec["format"] == "online" else venue[2],
        city="" if spec["format"] == "online" else venue[3],
        join_url="" if spec["format"] == "in_person" else f"https://meet.example.org/kp-{n:03d}",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=spec["hours"]),
        language="en" if n % 11 == 5 else "de",
        capacity=spec["capacity"],
        registration_closes_at=starts_at - datetime.timedelta(hours=12),
        cancellation_deadline=starts_at - datetime.timedelta(days=2),
        audience=audience,
        feedback_url=f"https://umfrage.example.org/kp-{n:03d}",
        is_published=True,
    )
    hosts = []
    if spec.get("both_clusters"):
        hosts = [c for c in (digital, maritime) if c]
    elif spec.get("maritime") and maritime:
        hosts = [maritime]
    else:
        hosts = [digital or maritime]
    event.clusters.set(hosts)
    if topics:
        event.topics.set(rng.sample(topics, k=min(2, len(topics))))
    if audience == "group" and groups:
        event.groups.set([groups[n % len(groups)]])
    member_price, non_member_price = spec["prices"]
    TicketType.objects.create(
        event=event,
        name="Ticket" if member_price else "Teilnahme",
        price_member=member_price,
        price_non_member=non_member_price,
        position=0,
    )
    if spec["capacity"] and spec["capacity"] >= 100:
        TicketType.objects.create(
            event=event,
            name="Workshop-Paket",
            price_member=member_price + Decimal("40") if member_price else Decimal("0"),
            price_non_member=non_member_price + Decimal("60") if non_member_price else Decimal("0"),
            contingent=spec["capacity"] // 5,
            position=1,
        )
        Question.objects.create(
            event=event,
            label="Welchen Workshop möchten Sie besuchen?",
            kind=Question.Kind.CHOICE,
            choices=["KI in der Praxis", "Sicherheit", "Förderprogramme"],
            position=1,
        )
    if spec["format"] != "online":
        Question.objects.create(event=event, label="Ernährungswünsche", position=0)
    return event


def _register(event, spec, rng, pool, organisation_of, now) -> None:
    past = event.ends_at < now
    capacity = spec["capacity"] or 150
    share = rng.uniform(0.75, 1.0) if past else rng.uniform(0.2, 0.9)
    if spec["title"].startswith("Digitalgipfel"):
        share = 0.62
    wanted = min(int(capacity * share), len(pool))
    people = rng.sample(pool, k=wanted)
    if event.audience == Event.Audience.INVITATION:
        Invitation.objects.bulk_create(Invitation(event=event, person_id=p) for p in people)
    ticket_types = list(event.ticket_types.all())
    members = set(member_organisations(event).values_list("pk", flat=True))
    rows = []
    for index, person_id in enumerate(people):
        ticket_type = (
            ticket_types[-1] if len(ticket_types) > 1 and index % 6 == 0 else ticket_types[0]
        )
        status = Registration.Status.CONFIRMED
        if past and index % 17 == 0:
            status = Registration.Status.CANCELLED
        registered = event.starts_at - datetime.timedelta(days=rng.randint(3, 40))
        checked_in = None
        if past and status == Registration.Status.CONFIRMED and rng.random() < 0.82:
            checked_in = event.starts_at + datetime.timedelta(minutes=rng.randint(-20, 25))
        rows.append(
            Registration(
                event=event,
                ticket_type=ticket_type,
                person_id=person_id,
                organisation_id=organisation_of.get(person_id),
                status=status,
                price_net=ticket_type.price_member
                if organisation_of.get(person_id) in members
                else ticket_type.price_non_member,
                checked_in_at=checked_in,
                cancelled_at=registered + datetime.timedelta(days=1)
                if status == Registration.Status.CANCELLED
                else None,
            )
        )
    Registration.objects.bulk_create(rows)
    if not past and spec["capacity"] and share > 0.85:
        # A booked-out upcoming event shows its waiting list.
        extra = [p for p in rng.sample(pool, k=min(6, len(pool))) if p not in set(people)]
        Registration.objects.bulk_create(
            Registration(
                event=event,
                ticket_type=ticket_types[0],
                person_id=p,
                organisation_id=organisation_of.get(p),
                status=Registration.Status.WAITING,
            )
            for p in extra
        )


def _invoice_some(limit: int = 8) -> None:
    """Invoice a few priced upcoming places, as the registration would have."""
    from knotenpunkt.events.services.notifications import issue_invoice
    from knotenpunkt.invoicing.models import InvoiceSettings

    if not InvoiceSettings.objects.exists():
        return
    priced = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            price_net__gt=0,
            event__starts_at__gt=clock.now(),
            organisation__isnull=False,
        )
        .select_related("event", "ticket_type", "person", "organisation")
        .order_by("event__starts_at", "pk")[:limit]
    )
    for registration in priced:
        issue_invoice(registration)
