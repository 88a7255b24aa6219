"""`knotenpunkt fee-run --cluster SLUG --year YYYY [--due-date YYYY-MM-DD] [--dry-run]`.

Bills the cluster's memberships for the year (memberships.services.fee_runs): one line per
invoice or exemption, one per membership not billed with the reason, and last one JSON
object `{"invoices": n, "total": "…", "skipped": n}` for scripts. With --dry-run nothing is
written. Running it again bills only who is not billed yet.
"""

import json
from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from knotenpunkt.core.database_ready import MigratedDatabaseRequired
from knotenpunkt.directory.models import Cluster
from knotenpunkt.memberships.services.fee_runs import run_fees


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("“%(value)s” is not a date in the form YYYY-MM-DD.") % {"value": value}
        ) from None


class Command(MigratedDatabaseRequired, BaseCommand):
    help = "Issue the membership fee invoices of a cluster for a year; JSON summary last."

    def add_arguments(self, parser):
        parser.add_argument("--cluster", required=True, help="Slug of the cluster.")
        parser.add_argument("--year", required=True, type=int, help="The fee year, e.g. 2027.")
        parser.add_argument(
            "--due-date", help="YYYY-MM-DD; default: the due date of the year's fee schedule."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only show what would be billed."
        )

    def handle(self, *args, cluster: str, year: int, due_date, dry_run: bool, **options):
        found = Cluster.objects.filter(slug=cluster).first()
        if found is None:
            raise CommandError(
                _("There is no cluster with the slug “%(slug)s”.") % {"slug": cluster}
            )
        if not 2000 <= year <= 2100:
            raise CommandError(_("The year %(year)s is out of range.") % {"year": year})
        due = iso_date(due_date) if due_date else None
        try:
            result = run_fees(None, found, year, due_date=due, dry_run=dry_run)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        plan = result.plan
        for fee in plan.fees:
            self.stdout.write(
                " | ".join(
                    [
                        str(fee.membership.organisation),
                        f"{fee.period_start:%Y-%m-%d}..{fee.period_end:%Y-%m-%d}",
                        f"{fee.amount} EUR" if fee.amount else str(_("no fee")),
                        fee.basis,
                    ]
                )
            )
        for skipped in plan.skipped:
            self.stdout.write(
                f"{skipped.membership.organisation} | {_('skipped')}: {skipped.reason}"
            )
        if plan.already_billed:
            self.stdout.write(
                _("%(n)s memberships were billed for %(year)s before.")
                % {"n": plan.already_billed, "year": year}
            )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was changed."))
        self.stdout.write(json.dumps(result.summary()))
