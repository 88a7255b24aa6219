"""The OpenAPI document: 3.1, every endpoint, served as the export writes it, and the
reviewed copy in docs/openapi.json is up to date (a change to the API shows in review)."""

import json
from pathlib import Path

from django.core.management import call_command

from knotenpunkt.api.schema import openapi_document

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_the_committed_document_is_what_the_code_describes():
    assert COMMITTED.read_text(encoding="utf-8") == openapi_document(), (
        "The API changed: run `knotenpunkt export-openapi --out docs/openapi.json` and "
        "commit the result."
    )


def test_it_is_openapi_3_1_with_every_endpoint_and_the_token_scheme(client, db):
    served = client.get("/api/v1/openapi.json").json()
    assert served["openapi"].startswith("3.1")
    paths = served["paths"]
    assert {"/api/v1/organisations", "/api/v1/organisations/{slug}", "/api/v1/me"} <= set(paths)
    assert {"get", "patch"} <= set(paths["/api/v1/organisations/{slug}"])
    schemes = served["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
    assert served == json.loads(openapi_document())


def test_export_openapi_writes_the_document(tmp_path):
    out = tmp_path / "openapi.json"
    call_command("export_openapi", "--out", str(out))
    assert out.read_text(encoding="utf-8") == openapi_document()


def test_the_docs_page_is_served_from_local_files(client, db):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle" in html and "cdn" not in html.lower()
