"""Demo open data: both demo clusters publish datasets, and the installation marks a few
key figures public (as a platform admin would in the KPI definitions), so the KPI
dataset has rows.

Runs after the parts whose public data the datasets read (directory, events, shop,
KPIs). Safe to run again: it does nothing once a demo cluster has a dataset.
"""

from django.db import transaction

from knotenpunkt.core.audit import log_action
from knotenpunkt.demo.plan import DIGITAL, MARITIME
from knotenpunkt.directory.models import Cluster
from knotenpunkt.kpis.models import Kpi
from knotenpunkt.opendata.models import Dataset
from knotenpunkt.opendata.services.datasets import create_dataset, update_dataset
from knotenpunkt.opendata.services.distributions import refresh_dataset

PUBLIC_KPIS = ["members_end", "entries", "exits", "events_held", "participants"]
Kind, Licence = Dataset.Kind, Dataset.Licence

# cluster slug: [(kind, licence, published)]
PLAN = {
    DIGITAL["slug"]: [
        (Kind.DIRECTORY, Licence.DL_BY, True),
        (Kind.EVENTS, Licence.DL_BY, True),
        (Kind.CATALOGUE, Licence.DL_BY, True),
        (Kind.KPIS, Licence.DL_ZERO, True),
        # Prepared, not yet published: the cluster runs no public process of its own.
        (Kind.PARTICIPATION, Licence.DL_BY, False),
    ],
    MARITIME["slug"]: [
        (Kind.DIRECTORY, Licence.CC_BY, True),
        (Kind.EVENTS, Licence.CC_BY, True),
        (Kind.KPIS, Licence.CC_ZERO, True),
    ],
}


def _publish_key_figures() -> None:
    for kpi in Kpi.objects.filter(key__in=PUBLIC_KPIS, is_public=False):
        kpi.is_public = True
        kpi.save(update_fields=["is_public"])
        log_action(None, "kpis.kpi.changed", kpi, fields=["is_public"])


def build_opendata_demo() -> bool:
    clusters = {c.slug: c for c in Cluster.objects.filter(slug__in=list(PLAN))}
    if not clusters or Dataset.objects.filter(cluster__in=clusters.values()).exists():
        return False
    with transaction.atomic():
        _publish_key_figures()
        for slug, datasets in PLAN.items():
            cluster = clusters.get(slug)
            if cluster is None:
                continue
            for kind, licence, published in datasets:
                dataset = create_dataset(None, cluster, kind)
                update_dataset(None, dataset, {"licence": licence, "is_published": published})
                if published:
                    # At once, not only by the background task: the demo's pages and
                    # catalogue show the files without a worker running.
                    refresh_dataset(dataset)
    return True
