from django.core.management.base import BaseCommand

from knotenpunkt.webhooks.services import send_due


class Command(BaseCommand):
    help = (
        "Send every due webhook delivery now (retries on task backends that cannot defer, "
        "and deliveries whose worker died). Run it periodically, e.g. every minute."
    )

    def handle(self, *args, **options):
        counts = send_due()
        self.stdout.write(
            "succeeded {succeeded}, failed (will retry) {failed}, given up {given_up}".format(
                **counts
            )
        )
