"""Generate a large one-stop-shop catalogue for bench-catalogue.

5,000 listed offerings of 1,500 provider organisations, composed from the demo's 51
offering texts (bench/../demo/procurement_data.py) with synthetic provider names, and
varied attributes (hosting, certificates with valid and expired documents, Themenfelder,
interfaces, licences) so that every facet has work to do. Rows are bulk-inserted; the
search document is computed by the listing service's own `search_text`. Seeded, so every
run builds the same catalogue.
"""

import datetime
import random
from decimal import Decimal

SEED = 20261125
OFFERINGS = 5_000
PROVIDERS = 1_500
PREFIXES = ["Nord", "Förde", "Küsten", "Hanse", "Deich", "Möwen", "Lotsen", "Watt", "Marsch"]
SUFFIXES = ["werk", "kontor", "logik", "data", "soft", "labs", "systeme", "digital", "tech"]
VARIANTS = ["", "Plus", "Kommunal", "Pro", "Basis", "für Ämter", "für Kreise", "Cloud"]


def generate(today: datetime.date | None = None) -> int:
    """Fill an empty database; returns the number of listed offerings."""
    from django.db import transaction
    from django.utils import timezone

    from knotenpunkt.demo.procurement_data import OFFERINGS as SPECS
    from knotenpunkt.directory.models import Organisation
    from knotenpunkt.procurement.models import (
        Interface,
        Offering,
        OfferingDocument,
        OfferingVersion,
        Themenfeld,
    )
    from knotenpunkt.procurement.services.listing import refresh_search_vectors, search_text

    rng = random.Random(SEED)
    today = today or timezone.localdate()
    themenfelder = list(Themenfeld.objects.all())
    interfaces = {i.key: i for i in Interface.objects.all()}
    now = datetime.datetime.now(datetime.UTC)
    with transaction.atomic():
        providers = Organisation.objects.bulk_create(
            Organisation(
                name=f"{rng.choice(PREFIXES)}{rng.choice(SUFFIXES)} {n} GmbH",
                slug=f"bench-provider-{n}",
                legal_form="gmbh",
            )
            for n in range(PROVIDERS)
        )
        offerings = Offering.objects.bulk_create(
            Offering(provider=providers[n % PROVIDERS], slug=f"bench-offering-{n}")
            for n in range(OFFERINGS)
        )
        versions = []
        for n, offering in enumerate(offerings):
            spec = SPECS[n % len(SPECS)]
            variant = VARIANTS[(n // len(SPECS)) % len(VARIANTS)]
            hosting = rng.choice(["de", "de", "de", "eu", "non_eu", "customer", spec.hosting])
            versions.append(
                OfferingVersion(
                    offering=offering,
                    number=1,
                    status=OfferingVersion.Status.PUBLISHED,
                    name=f"{spec.name.split(' – ')[0]} {variant} {n}".strip(),
                    summary=spec.summary,
                    description=spec.description,
                    kind=spec.kind,
                    category=spec.category,
                    procurement_category=spec.procurement_category,
                    deployment=spec.deployment,
                    hosting=hosting,
                    price_model=spec.price_model,
                    price_amount=Decimal(spec.price_amount) if spec.price_amount else None,
                    leika_keys="\n".join(spec.leika_keys),
                    open_source_licence=spec.open_source_licence
                    or rng.choice(["", "", "", "", "EUPL-1.2"]),
                    accessibility=rng.choice(["full", "partial", "none", "not_assessed"]),
                    c5=rng.choice(["", "", "type1", "type2"]),
                    iso27001=rng.choice(["", "native", "grundschutz"]),
                    avv_available=rng.random() < 0.7,
                    published_at=now,
                )
            )
        versions = OfferingVersion.objects.bulk_create(versions)
        Themenfeld_link = OfferingVersion.themenfelder.through
        Interface_link = OfferingVersion.interfaces.through
        theme_links, interface_links, documents = [], [], []
        for n, version in enumerate(versions):
            spec = SPECS[n % len(SPECS)]
            for themenfeld in rng.sample(themenfelder, rng.randint(1, 3)):
                theme_links.append(
                    Themenfeld_link(offeringversion_id=version.pk, themenfeld_id=themenfeld.pk)
                )
            for key in spec.interfaces:
                interface_links.append(
                    Interface_link(offeringversion_id=version.pk, interface_id=interfaces[key].pk)
                )
            for kind in ("iso27001", "c5"):
                if rng.random() < 0.35:
                    days = rng.randint(-200, 900)  # about a fifth have expired
                    documents.append(
                        OfferingDocument(
                            version=version,
                            kind=kind,
                            title=f"{kind} {n}",
                            file=f"offerings/bench/{kind}-{n}.pdf",
                            valid_until=today + datetime.timedelta(days=days),
                        )
                    )
        Themenfeld_link.objects.bulk_create(theme_links)
        Interface_link.objects.bulk_create(interface_links)
        OfferingDocument.objects.bulk_create(documents)
        for offering, version in zip(offerings, versions, strict=True):
            offering.published = version
        Offering.objects.bulk_update(offerings, ["published"], batch_size=1000)
        listed = list(
            OfferingVersion.objects.select_related("offering__provider").prefetch_related(
                "themenfelder", "interfaces"
            )
        )
        for version in listed:
            version.search_document = search_text(version)
        OfferingVersion.objects.bulk_update(listed, ["search_document"], batch_size=1000)
        refresh_search_vectors(OfferingVersion.objects.all())
    return len(listed)
