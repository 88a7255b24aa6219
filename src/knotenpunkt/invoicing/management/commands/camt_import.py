"""`knotenpunkt camt-import FILE --cluster SLUG [--dry-run]`: apply a bank statement.

FILE is a CAMT.053 statement (XML) or a ZIP of statements. One line per payment says what
was applied and why the others were not; the last line is one JSON object
`{"entries": n, "matched": n, "unmatched": n, "ignored": n}` for scripts
(`statement_import` defines the three outcomes). With --dry-run nothing is changed.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from knotenpunkt.core.database_ready import MigratedDatabaseRequired
from knotenpunkt.directory.models import Cluster
from knotenpunkt.invoicing.services.statement_import import import_statement


class Command(MigratedDatabaseRequired, BaseCommand):
    help = (
        "Mark invoices of a cluster paid from a CAMT.053 bank statement (XML or ZIP). "
        "Prints one line per payment and, last, a JSON summary."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CAMT.053 statement (.xml) or ZIP of them.")
        parser.add_argument("--cluster", required=True, help="Slug of the invoicing cluster.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Only show what would be applied."
        )

    def handle(self, *args, file: Path, cluster: str, dry_run: bool, **options):
        clusters = Cluster.objects.filter(slug=cluster)
        if not clusters.exists():
            raise CommandError(
                _("There is no cluster with the slug “%(slug)s”.") % {"slug": cluster}
            )
        if not file.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": file})
        try:
            result = import_statement(None, clusters, file.read_bytes(), dry_run=dry_run)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        for payment in result.payments:
            self.stdout.write(
                " | ".join(
                    [
                        str(payment.get_outcome_display()),
                        payment.booked_on.isoformat() if payment.booked_on else "-",
                        f"{payment.amount_text} {payment.currency}".strip(),
                        payment.payer or "-",
                        payment.reference or "-",
                        payment.reason_text,
                    ]
                )
            )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was changed."))
        self.stdout.write(json.dumps(result.counts()))
