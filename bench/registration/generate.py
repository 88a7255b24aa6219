"""Prepare the registration benchmark: a summit with 600 places and 650 logged-in attendees.

Deterministic (seeded). Creates once: the cluster "bench-summit", 220 organisations (three
quarters of them members), 650 people with a user account, a work e-mail address and a
current function, and the event "zukunftsgipfel-bench" (capacity 600) with three ticket
types: "Standard" (no own limit), "Workshop-Paket" (contingent 80) and "Start-up"
(contingent 40), plus an optional question. Every run (also the first) then resets the
event: its registrations are deleted, registration opens now, and each of the 650 users
gets a fresh database session. The sessions and the ticket type each user asks for are
written to the JSON file given with --out, for the load client.

Usage (settings from the environment, like every `knotenpunkt` command):

    DATABASE_URL=... .venv/bin/python bench/registration/generate.py --out FILE

The last line printed is a JSON object with the counts and the expected outcome.
"""

import argparse
import datetime
import json
import os
import random
import secrets
import sys
from decimal import Decimal
from pathlib import Path

from knotenpunkt.demo.names import FIRST_NAMES_FEMALE, FIRST_NAMES_MALE, LAST_NAMES

SEED = 20261124
CLUSTER_SLUG = "bench-summit"
EVENT_SLUG = "zukunftsgipfel-bench"
ATTENDEES = 650
ORGANISATIONS = 220
CAPACITY = 600
# (name, member price, non-member price, contingent, share of the attendees asking for it)
TICKET_TYPES = [
    ("Standard", Decimal("0.00"), Decimal("89.00"), None, 0.75),
    ("Workshop-Paket", Decimal("49.00"), Decimal("129.00"), 80, 0.15),
    ("Start-up", Decimal("0.00"), Decimal("0.00"), 40, 0.10),
]


def log(message: str) -> None:
    print(f"generate: {message}", file=sys.stderr, flush=True)


def create_once(rng: random.Random) -> None:
    from django.db import transaction
    from django.utils import timezone

    from knotenpunkt.accounts.models import User
    from knotenpunkt.directory.models import (
        Cluster,
        Membership,
        Organisation,
        Person,
        PersonEmail,
        Position,
    )
    from knotenpunkt.events.models import Event, Question, TicketType

    if Event.objects.filter(slug=EVENT_SLUG).exists():
        log("summit already present; resetting it only")
        return
    log(f"creating {ORGANISATIONS} organisations and {ATTENDEES} attendees")
    with transaction.atomic():
        cluster = Cluster.objects.create(name="Bench Zukunftscluster", slug=CLUSTER_SLUG)
        organisations = Organisation.objects.bulk_create(
            Organisation(
                name=f"Gipfelgast {i:03d} GmbH",
                slug=f"gipfelgast-{i:03d}",
                legal_form=Organisation.LegalForm.GMBH,
                actor_type=Organisation.ActorType.BUSINESS,
                street=f"Hafenstraße {i + 1}",
                postcode="24103",
                city="Kiel",
            )
            for i in range(ORGANISATIONS)
        )
        start = timezone.localdate() - datetime.timedelta(days=400)
        Membership.objects.bulk_create(
            Membership(organisation=org, cluster=cluster, start_date=start)
            for i, org in enumerate(organisations)
            if i % 4  # three quarters are members: member and non-member prices both occur
        )
        # Nobody logs in with a password here (the sessions are made below); one hash
        # for all keeps the generation fast.
        hashed = User(email="x@example.org")
        hashed.set_password(secrets.token_urlsafe(16))
        users = User.objects.bulk_create(
            User(
                email=f"gast{i:03d}@gipfel.example",
                password=hashed.password,
                email_confirmed_at=timezone.now(),
            )
            for i in range(ATTENDEES)
        )
        first_names = FIRST_NAMES_FEMALE + FIRST_NAMES_MALE
        people = Person.objects.bulk_create(
            Person(first_name=rng.choice(first_names), last_name=rng.choice(LAST_NAMES), user=u)
            for u in users
        )
        PersonEmail.objects.bulk_create(
            PersonEmail(person=p, address=u.email, is_primary=True)
            for p, u in zip(people, users, strict=True)
        )
        Position.objects.bulk_create(
            Position(person=p, organisation=organisations[i % ORGANISATIONS], function="other")
            for i, p in enumerate(people)
        )
        starts = timezone.now() + datetime.timedelta(days=60)
        event = Event.objects.create(
            title="Zukunftsgipfel (Benchmark)",
            slug=EVENT_SLUG,
            summary="Der jährliche Gipfel mit 600 Plätzen.",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=9),
            venue_name="Halle 400",
            street="Kaistraße 101",
            postcode="24114",
            city="Kiel",
            capacity=CAPACITY,
            is_published=True,
        )
        event.clusters.add(cluster)
        for position, (name, member, non_member, contingent, _share) in enumerate(TICKET_TYPES):
            TicketType.objects.create(
                event=event,
                name=name,
                price_member=member,
                price_non_member=non_member,
                contingent=contingent,
                position=position,
            )
        Question.objects.create(
            event=event, label="Essenswunsch", kind=Question.Kind.TEXT, required=False
        )


def reset(rng: random.Random) -> dict:
    """Empty the summit, open its registration now, log every attendee in afresh."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.db import transaction
    from django.utils import timezone

    from knotenpunkt.accounts.models import User
    from knotenpunkt.directory.models import Person
    from knotenpunkt.events.models import Event, Registration

    event = Event.objects.get(slug=EVENT_SLUG)
    ticket_types = list(event.ticket_types.order_by("position"))
    question = event.questions.first()
    with transaction.atomic():
        Registration.objects.filter(event=event).delete()
        Event.objects.filter(pk=event.pk).update(
            registration_opens_at=timezone.now() - datetime.timedelta(minutes=1),
            registration_closes_at=None,
        )
        Session.objects.all().delete()
    users = list(User.objects.filter(email__endswith="@gipfel.example").order_by("email"))
    backend = "django.contrib.auth.backends.ModelBackend"
    attendees = []
    # Exact shares, shuffled: the outcome to expect is the same on every run.
    wanted = [
        ticket_type
        for ticket_type, spec in zip(ticket_types, TICKET_TYPES, strict=True)
        for _ in range(round(spec[4] * len(users)))
    ]
    wanted = (wanted + [ticket_types[0]] * len(users))[: len(users)]
    rng.shuffle(wanted)
    people = dict(Person.objects.filter(user__in=users).values_list("user_id", "pk"))
    for i, (user, ticket) in enumerate(zip(users, wanted, strict=True)):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        # As the browser sends it: the attendee select is preset to oneself.
        form = {"ticket_type": str(ticket.pk), "person": str(people[user.pk])}
        if question is not None and i % 3 == 0:
            form[f"q_{question.pk}"] = rng.choice(["vegetarisch", "vegan", "glutenfrei"])
        attendees.append(
            {
                "session": session.session_key,
                # The unmasked secret is a valid form token for its own cookie.
                "csrf": secrets.token_hex(16),
                "form": form,
                "ticket_type": ticket.pk,
            }
        )
    demand = {t.pk: sum(1 for a in attendees if a["ticket_type"] == t.pk) for t in ticket_types}
    placeable = sum(
        demand[t.pk] if t.contingent is None else min(demand[t.pk], t.contingent)
        for t in ticket_types
    )
    return {
        "event": event.slug,
        "path": f"/events/{event.slug}/register/",
        "capacity": event.capacity,
        "attendees": attendees,
        "ticket_types": [
            {"pk": t.pk, "name": t.name, "contingent": t.contingent, "demand": demand[t.pk]}
            for t in ticket_types
        ],
        # The service confirms while a place and the ticket's contingent are free, so the
        # summit fills up exactly when the demand that fits the contingents exceeds it.
        "expected_confirmed": min(event.capacity, placeable),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotenpunkt.settings")
    import django

    django.setup()
    rng = random.Random(args.seed)
    create_once(rng)
    plan = reset(random.Random(args.seed + 1))
    args.out.write_text(json.dumps(plan))
    summary = {k: v for k, v in plan.items() if k != "attendees"}
    print(json.dumps({**summary, "attendee_sessions": len(plan["attendees"]), "seed": args.seed}))


if __name__ == "__main__":
    main()
