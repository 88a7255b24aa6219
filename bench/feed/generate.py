"""Prepare the feed benchmark: 40,000 people, 10,000 content items, a year of interactions.

Deterministic (seeded), written in bulk into the benchmark's own database:
- 5 clusters, 120 topics, 4,000 member organisations (two topics each);
- 40,000 people with a login, each working at one organisation, with 0 to 3 interests;
- 200 groups (open or for cluster members) with 20,000 memberships;
- 10,000 items: 4,000 upcoming events (public, members-only, group), 2,000 group meetings,
  4,000 needs (public, members, anonymous), then the feed's refresh from the sources;
- a year of interactions: 30 % of the people consented to profiling, each with 10 to 80
  opens, shares and ratings over the year; 60,000 ratings by everyone; follows for 20 %;
- the interest profiles of the people measured and the popularity per cluster.

    DATABASE_URL=... python bench/feed/generate.py --people 40000 --items 10000

The last line printed is one JSON object with the counts and the logins to measure.
"""

import argparse
import json
import random
import sys
import time
from datetime import timedelta

SEED = 20261207


def log(message: str) -> None:
    print(f"generate: {message}", file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=40000)
    parser.add_argument("--items", type=int, default=10000)
    parser.add_argument("--measured", type=int, default=400)
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db.models import Count, Q
    from django.utils import timezone

    from knotenpunkt.directory.models import (
        Cluster,
        Membership,
        Organisation,
        Person,
        Position,
        Topic,
    )
    from knotenpunkt.events.models import Event
    from knotenpunkt.feed.models import FeedEntry, Follow, Rating, Usage
    from knotenpunkt.feed.services import entries, interests, usage
    from knotenpunkt.groups.models import Group, GroupMembership, Meeting
    from knotenpunkt.matching.models import Need
    from knotenpunkt.privacy.models import Consent

    User = get_user_model()
    rng = random.Random(SEED)
    now = timezone.now()
    if Cluster.objects.filter(slug="bench-feed-1").exists():
        log("already generated; reusing")
        measured = list(
            User.objects.filter(email__startswith="feed")
            .order_by("pk")
            .values_list("email", flat=True)[: args.measured]
        )
        print(json.dumps({"reused": True, "emails": measured}))
        return

    clusters = [
        Cluster.objects.create(name=f"Feed-Cluster {n}", slug=f"bench-feed-{n}")
        for n in range(1, 6)
    ]
    topics = Topic.objects.bulk_create(
        [
            Topic(slug=f"bench-feed-{n}", label_de=f"Thema {n}", label_en=f"Topic {n}")
            for n in range(120)
        ]
    )
    log("organisations")
    organisations = Organisation.objects.bulk_create(
        [Organisation(name=f"Feed-Firma {n}", slug=f"feed-firma-{n}") for n in range(4000)],
        batch_size=1000,
    )
    Membership.objects.bulk_create(
        [
            Membership(
                organisation=o,
                cluster=clusters[i % 5],
                kind="paying",
                annual_fee=600,
                start_date=(now - timedelta(days=800)).date(),
            )
            for i, o in enumerate(organisations)
        ],
        batch_size=1000,
    )
    Organisation.topics.through.objects.bulk_create(
        [
            Organisation.topics.through(organisation_id=o.pk, topic_id=t.pk)
            for o in organisations
            for t in rng.sample(topics, 2)
        ],
        batch_size=2000,
    )
    log("people")
    unusable = make_password(None)
    users = User.objects.bulk_create(
        [User(email=f"feed{n}@bench.example", password=unusable) for n in range(args.people)],
        batch_size=2000,
    )
    people = Person.objects.bulk_create(
        [Person(first_name="Feed", last_name=f"Person {n}", user=u) for n, u in enumerate(users)],
        batch_size=2000,
    )
    Position.objects.bulk_create(
        [Position(person=p, organisation=organisations[n % 4000]) for n, p in enumerate(people)],
        batch_size=2000,
    )
    Person.topics.through.objects.bulk_create(
        [
            Person.topics.through(person_id=p.pk, topic_id=t.pk)
            for p in people
            for t in rng.sample(topics, rng.randint(0, 3))
        ],
        batch_size=5000,
    )
    log("groups")
    groups = Group.objects.bulk_create(
        [
            Group(
                name=f"Feed-Gruppe {n}",
                slug=f"feed-gruppe-{n}",
                policy=rng.choice(["open", "cluster_members"]),
            )
            for n in range(200)
        ]
    )
    Group.clusters.through.objects.bulk_create(
        [
            Group.clusters.through(group_id=g.pk, cluster_id=clusters[n % 5].pk)
            for n, g in enumerate(groups)
        ]
    )
    Group.topics.through.objects.bulk_create(
        [Group.topics.through(group_id=g.pk, topic_id=rng.choice(topics).pk) for g in groups]
    )
    memberships = {(rng.choice(groups).pk, rng.choice(people).pk) for _ in range(20000)}
    GroupMembership.objects.bulk_create(
        [
            GroupMembership(group_id=g, person_id=p, status="active", joined_at=now)
            for g, p in memberships
        ],
        batch_size=5000,
    )
    log("content")
    share = args.items // 10
    events = Event.objects.bulk_create(
        [
            Event(
                title=f"Veranstaltung {n}",
                slug=f"feed-veranstaltung-{n}",
                starts_at=now + timedelta(hours=rng.randint(2, 24 * 180)),
                ends_at=now + timedelta(days=181),
                audience=rng.choice(["public", "public", "members", "group"]),
                is_published=True,
            )
            for n in range(share * 4)
        ],
        batch_size=1000,
    )
    Event.clusters.through.objects.bulk_create(
        [Event.clusters.through(event_id=e.pk, cluster_id=rng.choice(clusters).pk) for e in events],
        batch_size=5000,
    )
    Event.groups.through.objects.bulk_create(
        [
            Event.groups.through(event_id=e.pk, group_id=rng.choice(groups).pk)
            for e in events
            if e.audience == "group"
        ],
        batch_size=5000,
    )
    Event.topics.through.objects.bulk_create(
        [
            Event.topics.through(event_id=e.pk, topic_id=t.pk)
            for e in events
            for t in rng.sample(topics, 2)
        ],
        batch_size=5000,
    )
    Meeting.objects.bulk_create(
        [
            Meeting(
                group=rng.choice(groups),
                title=f"Treffen {n}",
                starts_at=now + timedelta(hours=rng.randint(-24 * 80, 24 * 25)),
            )
            for n in range(share * 2)
        ],
        batch_size=1000,
    )
    needs = Need.objects.bulk_create(
        [
            Need(
                cluster=rng.choice(clusters),
                organisation=rng.choice(organisations),
                title=f"Bedarf {n}",
                text="Wir suchen Unterstützung.",
                visibility=rng.choice(["public", "members", "anonymous"]),
            )
            for n in range(args.items - share * 6)
        ],
        batch_size=1000,
    )
    Need.topics.through.objects.bulk_create(
        [
            Need.topics.through(need_id=x.pk, topic_id=t.pk)
            for x in needs
            for t in rng.sample(topics, 2)
        ],
        batch_size=5000,
    )
    started = time.perf_counter()
    refreshed = entries.refresh_all()
    refresh_seconds = round(time.perf_counter() - started, 1)
    log(f"refreshed the entries in {refresh_seconds} s: {refreshed}")
    # Spread the items' publication over the last year (the sources date them by creation).
    entry_ids = list(FeedEntry.objects.values_list("pk", flat=True))
    for pk in entry_ids[: len(entry_ids) // 2]:
        FeedEntry.objects.filter(pk=pk).update(
            published_at=now - timedelta(days=rng.randint(0, 365))
        )

    log("a year of interactions")
    consenting = rng.sample(people, len(people) * 3 // 10)
    Consent.objects.bulk_create(
        [
            Consent(
                person=p,
                purpose="profiling",
                granted=True,
                source="bench",
                text_version="bench",
                wording="bench",
            )
            for p in consenting
        ],
        batch_size=5000,
    )
    kinds = ["open"] * 8 + ["share", "useful", "not_useful"]
    rows = []
    for person in consenting:
        for _ in range(rng.randint(10, 80)):
            rows.append(
                Usage(
                    person=person,
                    entry_id=rng.choice(entry_ids),
                    kind=rng.choice(kinds),
                    at=now - timedelta(minutes=rng.randint(0, 525600)),
                )
            )
        if len(rows) > 20000:
            Usage.objects.bulk_create(rows, batch_size=5000)
            rows = []
    Usage.objects.bulk_create(rows, batch_size=5000)
    ratings = {(rng.choice(people).pk, rng.choice(entry_ids)) for _ in range(60000)}
    Rating.objects.bulk_create(
        [Rating(person_id=p, entry_id=e, useful=rng.random() < 0.7) for p, e in ratings],
        batch_size=5000,
    )
    log("counters")
    counts = Usage.objects.values("entry_id").annotate(
        opens=Count("pk", filter=Q(kind="open")), shares=Count("pk", filter=Q(kind="share"))
    )
    rated = {
        row["entry_id"]: row
        for row in Rating.objects.values("entry_id").annotate(
            n_useful=Count("pk", filter=Q(useful=True)),
            n_not_useful=Count("pk", filter=Q(useful=False)),
        )
    }
    changed = []
    by_id = FeedEntry.objects.in_bulk(entry_ids)
    for row in counts:
        entry = by_id[row["entry_id"]]
        entry.opens, entry.shares = row["opens"], row["shares"]
    for entry_id, row in rated.items():
        entry = by_id[entry_id]
        entry.useful, entry.not_useful = row["n_useful"], row["n_not_useful"]
    changed = list(by_id.values())
    FeedEntry.objects.bulk_update(
        changed, ["opens", "shares", "useful", "not_useful"], batch_size=2000
    )
    Follow.objects.bulk_create(
        [
            Follow(
                person=p,
                target_type="topic",
                target_id=rng.choice(topics).pk,
                level=rng.choice(["tracking", "tracking", "watching", "muted"]),
            )
            for p in rng.sample(people, len(people) // 5)
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )
    log("popularity and the measured people's profiles")
    usage.recompute_popularity()
    measured = rng.sample(people, args.measured)
    for person in measured:
        interests.compute_profile(person)
    print(
        json.dumps(
            {
                "people": len(people),
                "entries": FeedEntry.objects.count(),
                "usage": Usage.objects.count(),
                "ratings": Rating.objects.count(),
                "refresh_seconds": refresh_seconds,
                "emails": [p.user.email for p in measured],
            }
        )
    )


if __name__ == "__main__":
    main()
