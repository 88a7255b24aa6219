from django.core.management.base import BaseCommand, CommandError

from knotenpunkt.mailings.models import Mailing
from knotenpunkt.mailings.services.sending import progress
from knotenpunkt.mailings.services.worker import send_mailing


class Command(BaseCommand):
    help = (
        "Send (or resume sending) one due mailing in the foreground, the same way the "
        "background task does."
    )
    # Run by workers and the crash test again and again; `check` is for deployments.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("mailing_id", type=int)

    def handle(self, *args, mailing_id, **options):
        if not Mailing.objects.filter(pk=mailing_id).exists():
            raise CommandError(f"There is no mailing with the id {mailing_id}.")
        outcome = send_mailing(mailing_id)
        state = progress(Mailing.objects.get(pk=mailing_id))
        self.stdout.write(
            f"{outcome}: {state.sent} sent, {state.skipped} not sent, {state.failed} failed, "
            f"{state.pending} waiting"
        )
