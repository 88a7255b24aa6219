"""`knotenpunkt fees-daily [--date YYYY-MM-DD] [--cluster SLUG]`: the fees' daily round.

Settles the SEPA debits the bank has collected, expires mandates unused for 36 months and
sends the reminders due (see `services.daily`). Run it once a day from cron or a systemd
timer; running it twice sends nothing twice. The last line is one JSON object
`{"settled": n, "expired_mandates": n, "reminders": n, "skipped_no_address": n}`.
"""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from knotenpunkt.core.database_ready import MigratedDatabaseRequired
from knotenpunkt.directory.models import Cluster
from knotenpunkt.memberships.services.daily import run_fees_daily


class Command(MigratedDatabaseRequired, BaseCommand):
    help = (
        "Settle collected direct debits, expire unused mandates and send due payment "
        "reminders. Prints a JSON summary as its last line."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to run for, YYYY-MM-DD (default: today).")
        parser.add_argument("--cluster", help="Send the reminders of this cluster (slug) only.")

    def handle(self, *args, date: str | None, cluster: str | None, **options):
        today = _parse_date(date)
        selected = None
        if cluster:
            selected = Cluster.objects.filter(slug=cluster).first()
            if selected is None:
                raise CommandError(
                    _("There is no cluster with the slug “%(slug)s”.") % {"slug": cluster}
                )
        counts = run_fees_daily(today, selected)
        self.stdout.write(
            _(
                "%(settled)s debits settled, %(expired_mandates)s mandates expired, "
                "%(reminders)s reminders sent, %(skipped_no_address)s without an e-mail "
                "address."
            )
            % counts
        )
        self.stdout.write(json.dumps(counts))


def _parse_date(value: str | None):
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("--date: “%(value)s” is no date; write it as YYYY-MM-DD.") % {"value": value}
        ) from None
