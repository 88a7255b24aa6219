"""`knotenpunkt scan_duplicates [--kind person|organisation] [--rebuild-keys]`."""

import time

from django.core.management.base import BaseCommand

from knotenpunkt.quality.models import CandidatePair
from knotenpunkt.quality.services.duplicates import scan
from knotenpunkt.quality.services.similarity_keys import rebuild_keys


class Command(BaseCommand):
    help = (
        "Search the directory for duplicate people and organisations and update the staff's "
        "review queue (pairs marked different are never proposed again). With "
        "--rebuild-keys, first recreate the keys of the as-you-type duplicate warning."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=CandidatePair.Kind.values, default=None)
        parser.add_argument(
            "--rebuild-keys",
            action="store_true",
            help="Recreate the lookup keys of the duplicate warning (after a bulk load).",
        )
        parser.add_argument(
            "--keys-only", action="store_true", help="Only recreate the lookup keys."
        )

    def handle(self, *args, kind=None, keys_only=False, **options):
        if options.get("rebuild_keys") or keys_only:
            started = time.monotonic()
            count = rebuild_keys(kind)
            self.stdout.write(f"{count} lookup keys written in {time.monotonic() - started:.1f} s.")
        if keys_only:
            return
        for result in scan(kind):
            self.stdout.write(
                f"{result.kind}: {result.found} pairs found, {result.created} new, "
                f"{result.updated} updated, {result.removed} no longer found."
            )
