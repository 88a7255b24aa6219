"""`knotenpunkt invoice-export --all --dir DIR [--since YYYY-MM-DD]`: every issued
invoice as NUMBER.xml and NUMBER.pdf plus DIR/index.json (the GoBD data export)."""

from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from knotenpunkt.core.database_ready import MigratedDatabaseRequired
from knotenpunkt.invoicing.services.export import export_invoices


class Command(MigratedDatabaseRequired, BaseCommand):
    help = (
        "Write every issued invoice of the installation (cluster invoices, cancellations, "
        "the shop's supplier e-invoices) as NUMBER.xml and NUMBER.pdf, plus DIR/index.json."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Every issuer: all clusters and all providers of the one-stop shop.",
        )
        parser.add_argument("--dir", required=True, help="Directory to write into.")
        parser.add_argument("--since", help="Only invoices issued on or after YYYY-MM-DD.")

    def handle(self, *args, **options):
        if not options["all"]:
            raise CommandError(
                _("Give --all: the export covers every issued invoice of the installation.")
            )
        since = None
        if options["since"]:
            try:
                since = date.fromisoformat(options["since"].strip())
            except ValueError as error:
                raise CommandError(
                    _("--since %(value)s is not a date; write it as YYYY-MM-DD.")
                    % {"value": options["since"]}
                ) from error
        try:
            index = export_invoices(Path(options["dir"]), since)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            ngettext(
                "%(count)s invoice written to %(dir)s (index.json lists it).",
                "%(count)s invoices written to %(dir)s (index.json lists them).",
                len(index),
            )
            % {"count": len(index), "dir": options["dir"]}
        )
