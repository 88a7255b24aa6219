"""Recommend the procurement procedure for a planned purchase.

    knotenpunkt procurement-advice --jurisdiction SH --authority municipal \
        --category services --value 25000 [--monthly 4500 --term-months 36 \
        --option-months 24] [--framework-entitled --framework-max-reached \
        --framework-kind KdB] [--date 2026-02-01]

`--monthly` without `--term-months` means an indefinite term. Prints the reasoning, then
one JSON object as the last line. Bad input exits with code 2 and a message; a database
that `knotenpunkt migrate` has not set up, with code 1 and a message.
"""

import datetime
import json
import sys
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError

from knotenpunkt.core.database_ready import require_migrated_database
from knotenpunkt.procurement.services.advisor import AdviceError, advise, check_input


def _amount(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise CommandError(f"not an amount: {text!r}", returncode=2) from None
    if not value.is_finite() or value < 0:
        raise CommandError(f"not a non-negative amount: {text!r}", returncode=2)
    return value


def _months(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise CommandError(f"not a number of months: {text!r}", returncode=2) from None
    if value < 0:
        raise CommandError(f"months must not be negative: {text!r}", returncode=2)
    return value


def _optional(parse, text):
    return None if text is None else parse(text)


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {text!r}", returncode=2) from None


class Command(BaseCommand):
    help = "Recommend the procurement procedure, its basis and duties (JSON last)."

    def add_arguments(self, parser):
        parser.add_argument("--jurisdiction", required=True, help="BUND, SH, BY, NI, HH, …")
        parser.add_argument(
            "--authority",
            required=True,
            help="federal_top, federal_upper, land, municipal or sector",
        )
        parser.add_argument(
            "--category", required=True, help="supplies, services (construction: out of scope)"
        )
        parser.add_argument("--value", help="one-off net value in EUR")
        parser.add_argument("--monthly", help="recurring net value per month in EUR")
        parser.add_argument("--term-months", help="fixed term; omitted = indefinite")
        parser.add_argument("--option-months", help="extension options in months")
        parser.add_argument("--option-value", help="further options, net EUR")
        parser.add_argument(
            "--related-value",
            help="same buyer, same kind of offering within 12 months, net EUR (no splitting)",
        )
        parser.add_argument("--framework-entitled", action="store_true")
        parser.add_argument("--framework-max-reached", action="store_true")
        parser.add_argument("--framework-kind", help="e.g. KdB (Kaufhaus des Bundes)")
        parser.add_argument("--date", help="decision date, YYYY-MM-DD (default: today)")

    def execute(self, *args, **options):
        # Errors end in one line and exit code 2 (bad input) or 1 (database not set up),
        # never in a traceback.
        try:
            return super().execute(*args, **options)
        except CommandError as error:
            self.stderr.write(f"Error: {error}")
            sys.exit(getattr(error, "returncode", 2) or 2)

    def handle(self, *args, **options):
        jurisdiction = options["jurisdiction"].upper()
        authority = options["authority"].lower()
        category = options["category"].lower()
        values = {
            "value": _optional(_amount, options["value"]),
            "monthly": _optional(_amount, options["monthly"]),
            "term_months": _optional(_months, options["term_months"]),
            "option_months": _optional(_months, options["option_months"]),
            "option_value": _optional(_amount, options["option_value"]),
            "related_value": _optional(_amount, options["related_value"]),
            "date": _day(options["date"]) if options["date"] else None,
        }
        try:
            # Bad input is named before the database is looked at, so it reads the same
            # whatever state the database is in.
            check_input(jurisdiction, authority, category)
            require_migrated_database()
            advice = advise(
                jurisdiction,
                authority,
                category,
                framework_entitled=options["framework_entitled"],
                framework_max_reached=options["framework_max_reached"],
                framework_kind=options["framework_kind"],
                **values,
            )
        except AdviceError as error:
            hint = f" ({error.cli_hint})" if error.cli_hint else ""
            raise CommandError(f"{error}{hint}", returncode=2) from None
        for step in advice.steps:
            self.stdout.write(f"{step.text}: {step.amount} EUR")
        for duty in advice.duties:
            mark = " (uncertain)" if duty.uncertain else ""
            self.stdout.write(f"Duty: {duty.text} [{duty.source}]{mark}")
        for warning in advice.warnings:
            self.stdout.write(f"Warning: {warning}")
        self.stdout.write(json.dumps(advice.as_json(), ensure_ascii=False))
