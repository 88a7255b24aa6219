"""Check a Leitweg-ID: `knotenpunkt leitweg-check 991-33333TEST-33` exits 0 when valid,
1 otherwise (format and ISO 7064 MOD 97-10 check digits, see procurement/leitweg.py)."""

import sys

from django.core.management.base import BaseCommand

from knotenpunkt.procurement.leitweg import is_valid_leitweg_id


class Command(BaseCommand):
    help = "Check a Leitweg-ID (exit code 0 = valid, 1 = invalid)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("leitweg_id")

    def handle(self, *args, **options):
        value = options["leitweg_id"].strip()
        if is_valid_leitweg_id(value):
            self.stdout.write(f"valid: {value}")
            return
        self.stdout.write(f"invalid: {value}")
        sys.exit(1)
