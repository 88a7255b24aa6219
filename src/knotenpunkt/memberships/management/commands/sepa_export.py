"""`knotenpunkt sepa-export --cluster SLUG --collection-date YYYY-MM-DD --out FILE`:
write the cluster's SEPA direct debit file (pain.008.001.08).

Collects every open fee invoice with an active mandate of the scheme (CORE unless
--scheme B2B) that is due by the collection date, was pre-notified in time and is not in
an earlier file; marks them submitted. One line per skipped invoice says why; the last
line is `{"transactions": n, "sum": "…"}`. No transactions: no file is written. With
--dry-run nothing is stored and no file is written.
"""

import json
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from knotenpunkt.core.database_ready import MigratedDatabaseRequired
from knotenpunkt.directory.models import Cluster
from knotenpunkt.memberships.models import Mandate
from knotenpunkt.memberships.services.sepa_export import export_debits


class Command(MigratedDatabaseRequired, BaseCommand):
    help = (
        "Write the SEPA direct debit file (pain.008.001.08) of a cluster's open fee "
        "invoices. Prints the skipped invoices and, last, a JSON summary."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cluster", required=True, help="Slug of the cluster.")
        parser.add_argument("--collection-date", required=True, help="Collection date, YYYY-MM-DD.")
        parser.add_argument("--out", required=True, type=Path, help="File to write.")
        parser.add_argument(
            "--scheme",
            default=Mandate.Scheme.CORE,
            choices=Mandate.Scheme.values,
            help="CORE (default) or B2B: banks take each in its own file.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only show what would be collected."
        )

    def handle(self, *args, cluster, collection_date, out: Path, scheme, dry_run, **options):
        found = Cluster.objects.filter(slug=cluster).first()
        if found is None:
            raise CommandError(
                _("There is no cluster with the slug “%(slug)s”.") % {"slug": cluster}
            )
        try:
            day = date.fromisoformat(collection_date)
        except ValueError:
            raise CommandError(
                _("Collection date: “%(value)s” is not a date in the form YYYY-MM-DD.")
                % {"value": collection_date}
            ) from None
        if not dry_run and not out.parent.is_dir():
            raise CommandError(_("Folder not found: %(path)s") % {"path": out.parent})
        try:
            result = export_debits(None, found, day, scheme=scheme, dry_run=dry_run)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        for invoice, reason in result.skipped:
            self.stdout.write(f"{invoice.number} | {invoice.buyer_name} | {reason}")
        if dry_run:
            self.stdout.write(_("Dry run: nothing was changed."))
        elif result.xml:
            out.write_bytes(result.xml)
            self.stdout.write(_("Written: %(path)s") % {"path": out})
        else:
            self.stdout.write(_("Nothing to collect: no file was written."))
        self.stdout.write(json.dumps(result.summary()))
