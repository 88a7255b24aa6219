"""`knotenpunkt followup-reminders [--date YYYY-MM-DD]`: mail each staff member their open
follow-ups due on or before the day, once (a follow-up reminded before is not mailed
again). Run it once a day from cron or a systemd timer. The last line is one JSON object
`{"mails": n, "follow_ups": n}`.
"""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from knotenpunkt.core.database_ready import MigratedDatabaseRequired
from knotenpunkt.interactions.services.follow_ups import send_follow_up_reminders


class Command(MigratedDatabaseRequired, BaseCommand):
    help = (
        "Mail each staff member their due and overdue open follow-ups, once. Prints a JSON "
        "summary as its last line."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to run for, YYYY-MM-DD (default: today).")

    def handle(self, *args, date: str | None, **options):
        counts = send_follow_up_reminders(_parse_date(date))
        self.stdout.write(_("%(follow_ups)s follow-ups reminded in %(mails)s mails.") % counts)
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
