from django.core.management.base import BaseCommand

from knotenpunkt.matching.services.alerts import send_weekly_digest


class Command(BaseCommand):
    help = (
        "Mail the weekly summary of fitting new needs to people who chose weekly alerts "
        "(run once a week, e.g. Monday morning)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"sent {send_weekly_digest()} summaries")
