import json
from pathlib import Path

from django.core.management.base import BaseCommand

from knotenpunkt.api.schema import openapi_document


class Command(BaseCommand):
    help = "Write the API's OpenAPI 3.1 document (what /api/v1/openapi.json serves)."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="the file to write, e.g. openapi.json")

    def handle(self, *args, out, **options):
        Path(out).write_text(openapi_document(), encoding="utf-8")
        document = json.loads(openapi_document())
        self.stdout.write(
            f"OpenAPI {document['openapi']}: {len(document['paths'])} paths written to {out}"
        )
