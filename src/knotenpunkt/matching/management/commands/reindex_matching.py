from django.core.management.base import BaseCommand

from knotenpunkt.matching.services.indexing import reindex_all


class Command(BaseCommand):
    help = (
        "Rebuild every organisation's matching document (after a taxonomy edit, a bulk "
        "change outside the services, or an upgrade of the engine)."
    )

    def handle(self, *args, **options):
        count = reindex_all()
        self.stdout.write(f"reindexed {count} organisations")
