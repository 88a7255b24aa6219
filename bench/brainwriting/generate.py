"""Prepare the brainwriting benchmark: 60 accounts in 10 groups of a public process, and a
fresh session (new on every run, so runs do not see each other's ideas).

    DATABASE_URL=... .venv/bin/python bench/brainwriting/generate.py --participants 60 --groups 10

The last line printed is a JSON object: the phase, the session and the participants'
e-mail addresses by group.
"""

import argparse
import json
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

TOPICS = [
    "Neue Arbeit",
    "Tourismus",
    "Mobilität",
    "Gesundheit",
    "Bildung",
    "Handwerk",
    "Energie",
    "Landwirtschaft",
    "Kultur",
    "Verwaltung",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=60)
    parser.add_argument("--groups", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from knotenpunkt.directory.models import Cluster
    from knotenpunkt.participation.models import Phase, Process
    from knotenpunkt.participation.services import brainwriting, processes

    User = get_user_model()
    facilitator = User.objects.filter(email="facilitator@bench.example").first()
    if facilitator is None:
        facilitator = User.objects.create_superuser(
            "facilitator@bench.example", "bench-brainwriting-password"
        )
    cluster, _ = Cluster.objects.get_or_create(
        slug="bench-brainwriting", defaults={"name": "Brainwriting-Benchmark"}
    )
    process = processes.create_process(
        facilitator,
        cluster,
        title="Brainwriting-Benchmark",
        summary="Wie arbeitet die Region 2035?",
        visibility=Process.Visibility.PUBLIC,
        is_published=True,
    )
    from django.utils import timezone

    today = timezone.localdate()
    phase = processes.add_phase(
        facilitator,
        process,
        title="Ideenwerkstatt",
        module=Phase.Module.BRAINWRITING,
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=1),
    )
    topics = [
        TOPICS[n % len(TOPICS)] + ("" if n < len(TOPICS) else f" {n}") for n in range(args.groups)
    ]
    session = brainwriting.configure_session(
        facilitator,
        phase,
        rounds=args.rounds,
        minutes_per_round=1,
        ideas_per_round=3,
        groups=topics,
    )
    groups = list(session.groups.order_by("pk"))
    by_group: dict[str, list[str]] = {group.title: [] for group in groups}
    for n in range(args.participants):
        email = f"participant{n:03d}@bench.example"
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email, "bench-brainwriting-password"
        )
        group = groups[n % len(groups)]
        brainwriting.join_group(user, session, group)
        by_group[group.title].append(email)
    print(json.dumps({"phase": phase.pk, "session": session.pk, "groups": by_group}))


if __name__ == "__main__":
    main()
