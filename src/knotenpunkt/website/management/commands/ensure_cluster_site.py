from django.core.management.base import BaseCommand, CommandError

from knotenpunkt.directory.models import Cluster
from knotenpunkt.website.services.sites import ensure_cluster_site, sync_all_site_groups


class Command(BaseCommand):
    help = (
        "Create (or complete) a cluster's website under a host name; with --sync-editors, "
        "bring every site's editors in line with its cluster's staff."
    )

    def add_arguments(self, parser):
        parser.add_argument("cluster", nargs="?", help="the cluster's short address (slug)")
        parser.add_argument("hostname", nargs="?", help="e.g. www.digitalcluster.example")
        parser.add_argument("--port", type=int, default=80)
        parser.add_argument("--sync-editors", action="store_true")

    def handle(self, cluster=None, hostname=None, port=80, sync_editors=False, **options):
        if sync_editors:
            count = sync_all_site_groups()
            self.stdout.write(f"Editors of {count} site(s) synchronised.")
            return
        if not cluster or not hostname:
            raise CommandError("Give the cluster's slug and the host name.")
        try:
            cluster_obj = Cluster.objects.get(slug=cluster)
        except Cluster.DoesNotExist:
            raise CommandError(f"No cluster with the short address {cluster!r}.") from None
        cluster_site = ensure_cluster_site(cluster_obj, hostname, port=port)
        self.stdout.write(
            f"Website of {cluster_obj.name}: http://{cluster_site.site.hostname}/de/web/"
        )
