"""Prepare a mailing benchmark: N subscribers and a personalised newsletter due now.

Deterministic (seeded). Creates once: the cluster "bench-mailing" with its newsletter list,
N people (name, salutation, some with an academic title, one work address each, a function
at one of N/3 organisations) with a confirmed subscription, an event and a member for the
teaser and portrait blocks. Every run then adds a fresh mailing to the whole list,
scheduled for now, so a benchmark or a test can send it again and again.

Usage (settings from the environment, like every `knotenpunkt` command):

    DATABASE_URL=... .venv/bin/python bench/mailing/generate.py --recipients 13500

The last line printed is a JSON object: {"mailing_id": ..., "recipients": ...}.
"""

import argparse
import datetime
import json
import os
import random
import sys

from knotenpunkt.demo.names import FIRST_NAMES_FEMALE, FIRST_NAMES_MALE, LAST_NAMES

SEED = 20261124
CLUSTER_SLUG = "bench-mailing"
TITLES = ["", "", "", "", "", "", "Dr.", "Prof. Dr."]

TEXT = """{anrede}

willkommen zur neuen Ausgabe unseres Newsletters. Wir haben wieder Neuigkeiten aus dem
Netzwerk für Sie und für die Kolleginnen und Kollegen der {organisation} gesammelt.

**Förderprogramm Digitalisierung:** Die Antragsfrist für kleine und mittlere Unternehmen
läuft bis Ende Januar. Gefördert werden Beratungsleistungen und die Einführung digitaler
Werkzeuge mit bis zu 50 Prozent der Kosten. Unsere Fördermittelsprechstunde hilft beim
Antrag; Termine gibt es jeden Dienstag.

**Fachgruppe KI:** Beim letzten Treffen haben 34 Unternehmen ihre Erfahrungen mit
Sprachmodellen in Vertrieb und Verwaltung geteilt. Die Folien stehen im Mitgliederbereich.

**Fachkräfte:** Die Hochschulen der Region suchen Praxispartner für Abschlussarbeiten im
Sommersemester. Melden Sie Ihr Thema bis zum 15. Dezember.

Mehr dazu auf [unserer Website](https://example.org/neuigkeiten).
"""


def log(message: str) -> None:
    print(f"generate: {message}", file=sys.stderr, flush=True)


def create_once(recipients: int, rng: random.Random) -> None:
    from django.db import transaction
    from django.utils import timezone

    from knotenpunkt.directory.models import (
        Cluster,
        Membership,
        Organisation,
        Person,
        PersonEmail,
        Position,
    )
    from knotenpunkt.events.models import Event
    from knotenpunkt.mailings.models import MailingList, Subscription

    cluster = Cluster.objects.filter(slug=CLUSTER_SLUG).first()
    if cluster is not None:
        have = Subscription.objects.filter(mailing_list__cluster=cluster).count()
        if have != recipients:
            sys.exit(
                f"The database holds the benchmark with {have} subscribers, not {recipients}; "
                "use a fresh database."
            )
        log("subscribers already present")
        return
    log(f"creating {recipients} subscribers")
    with transaction.atomic():
        cluster = Cluster.objects.create(
            name="Digitale Wirtschaft Benchmark e. V.",
            slug=CLUSTER_SLUG,
            email="info@bench.example",
            street="Lorentzendamm 24",
            postcode="24103",
            city="Kiel",
        )
        newsletter = MailingList.objects.create(cluster=cluster, name="Newsletter", slug="news")
        count = max(1, recipients // 3)
        organisations = Organisation.objects.bulk_create(
            Organisation(
                name=f"Nordlicht Software {i:05d} GmbH",
                slug=f"nordlicht-{i:05d}",
                legal_form=Organisation.LegalForm.GMBH,
                actor_type=Organisation.ActorType.BUSINESS,
                city="Kiel",
                description="Wir entwickeln Software für den Mittelstand im Norden.",
            )
            for i in range(count)
        )
        Membership.objects.bulk_create(
            Membership(
                organisation=organisation,
                cluster=cluster,
                start_date=timezone.localdate() - datetime.timedelta(days=365),
            )
            for organisation in organisations[: count // 2 + 1]
        )
        people = []
        for _ in range(recipients):
            female = rng.random() < 0.45
            people.append(
                Person(
                    salutation=Person.Salutation.MS if female else Person.Salutation.MR,
                    title=rng.choice(TITLES),
                    first_name=rng.choice(FIRST_NAMES_FEMALE if female else FIRST_NAMES_MALE),
                    last_name=rng.choice(LAST_NAMES),
                )
            )
        people = Person.objects.bulk_create(people, batch_size=1000)
        PersonEmail.objects.bulk_create(
            (
                PersonEmail(person=p, address=f"empfaenger{i:05d}@bench.example", is_primary=True)
                for i, p in enumerate(people)
            ),
            batch_size=1000,
        )
        Position.objects.bulk_create(
            (
                Position(person=p, organisation=organisations[i % count], function="other")
                for i, p in enumerate(people)
            ),
            batch_size=1000,
        )
        now = timezone.now()
        Subscription.objects.bulk_create(
            (
                Subscription(
                    person=p,
                    mailing_list=newsletter,
                    status=Subscription.Status.ACTIVE,
                    confirmed_at=now,
                    source="benchmark",
                )
                for p in people
            ),
            batch_size=1000,
        )
        starts = now + datetime.timedelta(days=30)
        event = Event.objects.create(
            title="Digitalforum Nord",
            slug="digitalforum-nord-bench",
            summary="Der Treffpunkt der Digitalwirtschaft im Norden.",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=6),
            venue_name="Wissenschaftspark",
            city="Kiel",
            is_published=True,
        )
        event.clusters.add(cluster)


def new_mailing() -> dict:
    from django.utils import timezone

    from knotenpunkt.directory.models import Cluster, Organisation
    from knotenpunkt.events.models import Event
    from knotenpunkt.mailings.models import Mailing, MailingBlock

    cluster = Cluster.objects.get(slug=CLUSTER_SLUG)
    mailing = Mailing.objects.create(
        cluster=cluster,
        mailing_list=cluster.mailing_lists.get(),
        subject="Newsletter: Förderung, KI und Fachkräfte",
        preheader="Neues aus dem Netzwerk",
        status=Mailing.Status.SCHEDULED,
        scheduled_for=timezone.now(),
    )
    MailingBlock.objects.bulk_create(
        [
            MailingBlock(mailing=mailing, position=0, kind="text", text=TEXT),
            MailingBlock(
                mailing=mailing,
                position=1,
                kind="event",
                event=Event.objects.get(slug="digitalforum-nord-bench"),
            ),
            MailingBlock(
                mailing=mailing,
                position=2,
                kind="portrait",
                heading="Mitglied im Porträt",
                organisation=Organisation.objects.filter(memberships__cluster=cluster).first(),
            ),
        ]
    )
    return {"mailing_id": mailing.pk, "recipients": mailing.mailing_list.subscriptions.count()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=13500)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotenpunkt.settings")
    import django

    django.setup()
    create_once(args.recipients, random.Random(args.seed))
    print(json.dumps(new_mailing()), flush=True)


if __name__ == "__main__":
    main()
