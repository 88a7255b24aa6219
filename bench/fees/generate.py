"""Prepare the fee benchmark: a cluster with N paying memberships, most with a SEPA mandate.

Deterministic (seeded), created once: the cluster "bench-fees" with invoice and direct
debit settings, N organisations (German names and addresses, size classes as in the
domain brief: 45 % micro), one paying membership each since 2020 (2 % start-ups, 1 %
free), and an active CORE mandate for 85 % of them. Then, for each fee year asked for, a
fee schedule due on the given day (the runner asks for one year per round).

    DATABASE_URL=... .venv/bin/python bench/fees/generate.py --memberships 13500 \\
        --years 2026,2027,2028 --due 2026-12-14

The last line printed is a JSON object: {"cluster": "bench-fees", "memberships": n}.
"""

import argparse
import json
import random
import sys
from datetime import date
from decimal import Decimal

SEED = 20261206
CLUSTER_SLUG = "bench-fees"
SIZES = ["micro"] * 45 + ["small"] * 30 + ["medium"] * 17 + ["large"] * 8
STREETS = ["Holstenstraße", "Dänische Straße", "Hafenstraße", "Sophienblatt", "Knooper Weg"]
TOWNS = [("24103", "Kiel"), ("23552", "Lübeck"), ("24937", "Flensburg"), ("20095", "Hamburg")]
SORT_CODES = ["21050170", "21060237", "20050550", "23050101"]


def log(message: str) -> None:
    print(f"generate: {message}", file=sys.stderr, flush=True)


def iban(rng: random.Random) -> str:
    from stdnum.iso7064 import mod_97_10

    bban = rng.choice(SORT_CODES) + f"{rng.randrange(10**9, 10**10):010d}"
    return f"DE{mod_97_10.calc_check_digits(bban + 'DE')}{bban}"


def create_once(count: int, rng: random.Random):
    from django.db import transaction

    from knotenpunkt.directory.models import Cluster, Membership, Organisation
    from knotenpunkt.invoicing.models import InvoiceSettings
    from knotenpunkt.memberships.models import DirectDebitSettings, Mandate

    cluster = Cluster.objects.filter(slug=CLUSTER_SLUG).first()
    if cluster is not None:
        return cluster
    log(f"creating {count} memberships with mandates")
    with transaction.atomic():
        cluster = Cluster.objects.create(
            name="Bench-Cluster Beiträge",
            slug=CLUSTER_SLUG,
            street="Lorentzendamm 24",
            postcode="24103",
            city="Kiel",
            email="beitraege@bench.example",
            phone="+494319876543",
        )
        InvoiceSettings.objects.create(
            cluster=cluster,
            legal_name="Bench-Cluster e.V.",
            number_prefix="BENCH",
            tax_number="20/299/12345",
            iban="DE89370400440532013000",
            bic="COBADEFFXXX",
        )
        DirectDebitSettings.objects.create(
            cluster=cluster, creditor_id="DE98ZZZ09999999999", mandate_prefix="BENCH"
        )
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"Beitragsfirma {i:05d} GmbH",
                    slug=f"beitragsfirma-{i:05d}",
                    size_class=rng.choice(SIZES),
                    street=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
                    postcode=(town := rng.choice(TOWNS))[0],
                    city=town[1],
                    email=f"buchhaltung{i:05d}@bench.example",
                )
                for i in range(count)
            ],
            batch_size=2000,
        )
        kinds = ["paying"] * 97 + ["startup"] * 2 + ["free"]
        Membership.objects.bulk_create(
            [
                Membership(
                    organisation=org,
                    cluster=cluster,
                    kind=rng.choice(kinds),
                    start_date=date(2020, 1, 1),
                )
                for org in organisations
            ],
            batch_size=2000,
        )
        Mandate.objects.bulk_create(
            [
                Mandate(
                    cluster=cluster,
                    organisation=org,
                    reference=f"BENCH-{org.pk:06d}",
                    account_holder=org.name,
                    iban=iban(rng),
                    street=org.street,
                    postcode=org.postcode,
                    city=org.city,
                    signed_on=date(2024, 1, 2),
                    signed_by="Geschäftsführung",
                    source=Mandate.Source.PAPER,
                )
                for org in organisations
                if rng.random() < 0.85
            ],
            batch_size=2000,
        )
    return cluster


def schedules(cluster, years: list[int], due: date) -> None:
    from knotenpunkt.memberships.models import FeeSchedule
    from knotenpunkt.memberships.services.schedules import save_schedule

    for year in years:
        if FeeSchedule.objects.filter(cluster=cluster, year=year).exists():
            continue
        save_schedule(
            None,
            cluster,
            year,
            rates=[
                ("paying", "micro", Decimal("360")),
                ("paying", "small", Decimal("720")),
                ("paying", "medium", Decimal("1500")),
                ("paying", "large", Decimal("3000")),
                ("startup", "", Decimal("180")),
            ],
            due_date=due,
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--memberships", type=int, default=13500)
    parser.add_argument("--years", required=True)
    parser.add_argument("--due", required=True, type=date.fromisoformat)
    args = parser.parse_args()
    import django

    django.setup()
    cluster = create_once(args.memberships, random.Random(SEED))
    schedules(cluster, [int(y) for y in args.years.split(",")], args.due)
    print(json.dumps({"cluster": CLUSTER_SLUG, "memberships": cluster.memberships.count()}))


if __name__ == "__main__":
    main()
