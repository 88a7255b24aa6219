"""`knotenpunkt refresh_feed`: refresh every feed entry from its source, every interest
profile and the popularity per cluster. Run it nightly; the last line is one JSON object."""

import json

from django.core.management.base import BaseCommand

from knotenpunkt.core.database_ready import MigratedDatabaseRequired
from knotenpunkt.feed.tasks import refresh_everything


class Command(MigratedDatabaseRequired, BaseCommand):
    help = "Refresh the feed entries, interest profiles and popularity (nightly)."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(refresh_everything(), default=str))
