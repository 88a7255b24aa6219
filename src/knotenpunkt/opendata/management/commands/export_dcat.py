"""`knotenpunkt export-dcat --out FILE.ttl [--format ttl|rdf|jsonld]`: write the DCAT-AP.de
catalogue, byte for byte what /opendata/catalog.<format> serves (docs/open-data.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from knotenpunkt.core.database_ready import MigratedDatabaseRequired
from knotenpunkt.opendata.services.catalogue import FORMATS, catalogue_bytes

SUFFIXES = {".ttl": "ttl", ".rdf": "rdf", ".xml": "rdf", ".jsonld": "jsonld", ".json": "jsonld"}


class Command(MigratedDatabaseRequired, BaseCommand):
    help = "Write the DCAT-AP.de catalogue of the published open datasets to a file."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="the file to write ('-': stdout)")
        parser.add_argument(
            "--format",
            choices=sorted(FORMATS),
            help="ttl (Turtle), rdf (RDF/XML) or jsonld (JSON-LD); default from the file name",
        )

    def handle(self, *args, **options):
        out = options["out"]
        fmt = options["format"] or SUFFIXES.get(Path(out).suffix.lower(), "ttl")
        content = catalogue_bytes(fmt)
        if out == "-":
            self.stdout.write(content.decode("utf-8"), ending="")
            return
        try:
            Path(out).write_bytes(content)
        except OSError as error:
            raise CommandError(f"cannot write {out}: {error}") from error
        self.stdout.write(f"{out}: {len(content)} bytes ({fmt})")
