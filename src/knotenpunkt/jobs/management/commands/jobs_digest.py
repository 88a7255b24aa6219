"""`knotenpunkt jobs-digest`: mail each subscriber the new postings of the past week that
fit their filters. Run it once a week (e.g. Monday morning); a second run in the same
week sends nothing twice."""

from django.core.management.base import BaseCommand

from knotenpunkt.core.database_ready import MigratedDatabaseRequired
from knotenpunkt.jobs.tasks import send_digest


class Command(MigratedDatabaseRequired, BaseCommand):
    help = "Queue the weekly digest of new jobs and training offers to its subscribers."

    def handle(self, *args, **options):
        result = send_digest.enqueue()
        self.stdout.write(f"Enqueued {result.id}")
