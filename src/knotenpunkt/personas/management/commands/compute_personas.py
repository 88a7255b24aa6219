"""`knotenpunkt compute-personas [--cluster SLUG ...]`: recompute the personas of every cluster
(or the named ones). Run it nightly after `refresh-feed`; the last line is one JSON object."""

import json

from django.core.management.base import BaseCommand, CommandError

from knotenpunkt.core.database_ready import MigratedDatabaseRequired
from knotenpunkt.directory.models import Cluster
from knotenpunkt.personas.services import compute_all


class Command(MigratedDatabaseRequired, BaseCommand):
    help = "Recompute the personas of every cluster (nightly, after refresh-feed)."

    def add_arguments(self, parser):
        parser.add_argument("--cluster", action="append", default=[], help="cluster key (slug)")

    def handle(self, *args, cluster, **options):
        cluster_ids = None
        if cluster:
            found = dict(Cluster.objects.filter(slug__in=cluster).values_list("slug", "pk"))
            unknown = sorted(set(cluster) - set(found))
            if unknown:
                raise CommandError(f"unknown cluster(s): {', '.join(unknown)}")
            cluster_ids = list(found.values())
        self.stdout.write(json.dumps(compute_all(cluster_ids)))
