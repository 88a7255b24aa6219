from django.core.management.base import BaseCommand

from knotenpunkt.mailings.services.sending import resume_stalled


class Command(BaseCommand):
    help = (
        "Start due scheduled mailings and resume those whose worker stopped (run every "
        "minute from cron or a systemd timer)."
    )

    def handle(self, *args, **options):
        mailings = resume_stalled()
        for mailing in mailings:
            self.stdout.write(f"enqueued mailing {mailing.pk}: {mailing}")
        if not mailings:
            self.stdout.write("nothing to do")
