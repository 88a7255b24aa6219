from django.core.management.base import BaseCommand

from knotenpunkt.outbox.services import send_due_mail


class Command(BaseCommand):
    help = (
        "Deliver the outbox's due mails: retries whose back-off is over and mails whose "
        "worker died while sending (run every minute from cron or a systemd timer)."
    )
    # Run every minute and by the crash test; `check` is for deployments.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="At most this many mails.")

    def handle(self, *args, limit, **options):
        counts = send_due_mail(limit)
        if not counts:
            self.stdout.write("nothing to do")
            return
        self.stdout.write(", ".join(f"{n} {status}" for status, n in sorted(counts.items())))
