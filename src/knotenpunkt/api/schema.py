"""The OpenAPI document as text, the same for the endpoint's reviewers and the export:
keys sorted, two-space indentation, a newline at the end, so that a diff of
docs/openapi.json shows exactly what changed in the API."""

import json

from django.utils import translation

from knotenpunkt.api.api import api


def openapi_document() -> str:
    # The document describes the API, not a visitor's language: built in English.
    with translation.override("en"):
        schema = api.get_openapi_schema(path_prefix="/api/v1")
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
