"""Recommend the procurement procedure for a planned purchase.

    knotenpunkt procurement-advice --jurisdiction SH --authority municipal \
        --category services --value 25000 [--monthly 4500 --term-months 36 \
        --option-months 24] [--framework-entitled --framework-max-reached \
        --framework-kind KdB] [--date 2026-02-01]

`--monthly` without `--term-months` means an indefinite term. Prints the reasoning, then
one JSON object as the last line. Bad input exits with code 2 and a message.
"""

import datetime
import json
import sys
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError

from knotenpunkt.procurement.services.advisor import AdviceError, advise


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
        # Errors must end in exit code 2 with a message, never a traceback.
        try:
            return super().execute(*args, **options)
        except CommandError as error:
            self.stderr.write(f"Error: {error}")
            sys.exit(getattr(error, "returncode", 2) or 2)

    def handle(self, *args, **options):
        try:
            advice = advise(
                options["jurisdiction"],
                options["authority"].lower(),
                options["category"].lower(),
                value=_amount(options["value"]) if options["value"] is not None else None,
                monthly=_amount(options["monthly"]) if options["monthly"] is not None else None,
                term_months=_months(options["term_months"])
                if options["term_months"] is not None
                else None,
                option_months=_months(options["option_months"])
                if options["option_months"] is not None
                else None,
                option_value=_amount(options["option_value"])
                if options["option_value"] is not None
                else None,
                related_value=_amount(options["related_value"])
                if options["related_value"] is not None
                else None,
                framework_entitled=options["framework_entitled"],
                framework_max_reached=options["framework_max_reached"],
                framework_kind=options["framework_kind"],
                date=_day(options["date"]) if options["date"] else None,
            )
        except AdviceError as error:
            raise CommandError(str(error), returncode=2) from None
        for step in advice.steps:
            self.stdout.write(f"{step.text}: {step.amount} EUR")
        for duty in advice.duties:
            mark = " (uncertain)" if duty.uncertain else ""
            self.stdout.write(f"Duty: {duty.text} [{duty.source}]{mark}")
        for warning in advice.warnings:
            self.stdout.write(f"Warning: {warning}")
        self.stdout.write(json.dumps(advice.as_json(), ensure_ascii=False))
