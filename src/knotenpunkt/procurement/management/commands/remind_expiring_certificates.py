from django.core.management.base import BaseCommand

from knotenpunkt.core.database_ready import MigratedDatabaseRequired
from knotenpunkt.procurement.services.reminders import remind_expiring_certificates


class Command(MigratedDatabaseRequired, BaseCommand):
    help = (
        "Mail providers whose listed offerings have a certificate expiring in 30 days or "
        "expired yesterday (run once a day)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"sent {remind_expiring_certificates()} reminders")
