"""`knotenpunkt refresh-kpis`: recompute the KPI figures kept for closed years, so that
changes that sent no signal (bulk updates, imports) reach the dashboards. Run it nightly
from cron or a systemd timer. The last line is one JSON object
`{"bodies": n, "figures": n, "dropped": n}`.
"""

import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from knotenpunkt.core.database_ready import MigratedDatabaseRequired
from knotenpunkt.kpis.services.refresh import refresh_all


class Command(MigratedDatabaseRequired, BaseCommand):
    help = (
        "Recompute the KPI figures kept for closed years (nightly). Prints a JSON summary "
        "as its last line."
    )

    def handle(self, *args, **options):
        counts = refresh_all()
        self.stdout.write(
            _("%(figures)s figures of %(bodies)s bodies of clusters recomputed.") % counts
        )
        self.stdout.write(json.dumps(counts))
