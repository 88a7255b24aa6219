"""`knotenpunkt jobs-reminders`: expire postings past their date and remind posters a week
before theirs ends. Run it nightly (cron, systemd timer); safe to run more often: each
posting is reminded once per date."""

from django.core.management.base import BaseCommand

from knotenpunkt.core.database_ready import MigratedDatabaseRequired
from knotenpunkt.jobs.tasks import expire_and_remind


class Command(MigratedDatabaseRequired, BaseCommand):
    help = "Queue the nightly run of the job board: expire postings, remind posters (once)."

    def handle(self, *args, **options):
        result = expire_and_remind.enqueue()
        self.stdout.write(f"Enqueued {result.id}")
