"""`knotenpunkt datev-export --cluster SLUG --year YYYY --out FILE`: the bookkeeping export.

Writes the cluster's invoices of the fiscal year beginning in YYYY as a DATEV EXTF
Buchungsstapel to FILE, and the invoiced organisations as EXTF Debitoren/Kreditoren to a
sibling file named like FILE with "_Debitoren" before the extension
(buchungen-2026.csv → buchungen-2026_Debitoren.csv). Both are imported into DATEV
separately; the debtors first, so that the bookings find their accounts.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from knotenpunkt.core.database_ready import MigratedDatabaseRequired
from knotenpunkt.directory.models import Cluster
from knotenpunkt.invoicing.services.datev import datev_export

FIRST_YEAR, LAST_YEAR = 2000, 2100


def debtors_path(out: Path) -> Path:
    """Where the master data goes beside the booking batch `out`."""
    return out.with_name(f"{out.stem}_Debitoren{out.suffix or '.csv'}")


class Command(MigratedDatabaseRequired, BaseCommand):
    help = (
        "Write a cluster's invoices of a fiscal year as DATEV EXTF Buchungsstapel to FILE "
        "and its debtors as EXTF Debitoren/Kreditoren to FILE's sibling *_Debitoren.csv."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cluster", required=True, help="Slug of the invoicing cluster.")
        parser.add_argument(
            "--year", required=True, help="Year in which the fiscal year begins, e.g. 2026."
        )
        parser.add_argument("--out", required=True, type=Path, help="File for the bookings.")

    def handle(self, *args, cluster: str, year: str, out: Path, **options):
        found = Cluster.objects.filter(slug=cluster).first()
        if found is None:
            raise CommandError(
                _("There is no cluster with the slug “%(slug)s”.") % {"slug": cluster}
            )
        if not year.isdigit() or not FIRST_YEAR <= int(year) <= LAST_YEAR:
            raise CommandError(
                _("The year must be a year between %(first)s and %(last)s, not “%(year)s”.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR, "year": year}
            )
        if not out.parent.is_dir():
            raise CommandError(_("The folder %(path)s does not exist.") % {"path": out.parent})
        try:
            export = datev_export(found, int(year))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        out.write_bytes(export.bookings)
        debtors = debtors_path(out)
        debtors.write_bytes(export.debtors)
        self.stdout.write(
            _("%(count)s bookings from %(start)s to %(end)s written to %(path)s")
            % {
                "count": export.booking_count,
                "start": export.period.start.isoformat(),
                "end": export.period.end.isoformat(),
                "path": out,
            }
        )
        self.stdout.write(
            _("%(count)s debtors written to %(path)s")
            % {"count": export.debtor_count, "path": debtors}
        )
