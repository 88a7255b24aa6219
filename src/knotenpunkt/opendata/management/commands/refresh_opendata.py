"""`knotenpunkt refresh-opendata`: regenerate the files of every published open dataset
(nightly, from cron or a systemd timer). The last line is one JSON object
`{"datasets": n, "changed": n}`."""

import json

from django.core.management.base import BaseCommand

from knotenpunkt.core.database_ready import MigratedDatabaseRequired
from knotenpunkt.opendata.services.distributions import refresh_published


class Command(MigratedDatabaseRequired, BaseCommand):
    help = "Regenerate the CSV and JSON files of every published open dataset (nightly)."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(refresh_published()))
