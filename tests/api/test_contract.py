"""The API against its own OpenAPI document, on the demo data (schemathesis): no 5xx,
every answer matches the documented schema, status and media type, and what needs a
token refuses without one. Generated requests, so new endpoints are covered as they
come; a failure prints the request to reproduce it (a curl command)."""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from knotenpunkt.api.schema import openapi_document
from knotenpunkt.api.scopes import SCOPES

schema = schemathesis.openapi.from_dict(json.loads(openapi_document()))
schema.app = get_wsgi_application()
EXAMPLES = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,  # the same requests on every run: a red build is reproducible
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def demo_token(demo, django_db_blocker):
    """A token with every scope for the demo's organisation admin."""
    from knotenpunkt.accounts.models import User
    from knotenpunkt.api.tokens import create_token

    with django_db_blocker.unblock():
        admin = User.objects.get(email="orgadmin@demo.example")
        return create_token(admin, "Contract tests", list(SCOPES), 30)[1]


@pytest.fixture(autouse=True)
def connection_kept_open():
    """The WSGI handler closes the database connection after each request; the test's
    transaction with the demo data lives on it. Django's test client leaves it open the
    same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def generous_rate_limit(settings):
    settings.API_RATE_LIMIT_PER_MINUTE = settings.API_ANONYMOUS_RATE_LIMIT_PER_MINUTE = 100_000


@schema.parametrize()
@EXAMPLES
def test_anonymous_requests_conform(case, demo, db):
    response = case.call_and_validate()
    security = case.operation.definition.raw.get("security")
    # An empty requirement ({}) makes the token optional: such resources answer everybody.
    if security and {} not in security:
        assert response.status_code >= 400, "answered without a token"


@schema.parametrize()
@EXAMPLES
def test_requests_with_a_token_conform(case, demo, db, demo_token):
    # A write checks its values as the pages do (postcodes, addresses, the organisation's
    # own rules), more than JSON Schema can say: such a write is a 422 problem naming
    # the fields, which the other checks still hold to the documented schema.
    #
    # The token replaces the Authorization header schemathesis generates for the security
    # scheme; a negative case that leaves the header out (to see a refusal) stays without.
    headers = {}
    if case.headers and "Authorization" in case.headers:
        headers["Authorization"] = f"Bearer {demo_token}"
    case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])


def test_the_demo_prints_a_working_token_with_every_login(client, demo, db):
    from knotenpunkt.demo.logins import format_logins

    printed = format_logins(demo.logins)
    admin = next(login for login in demo.logins if login.email == "orgadmin@demo.example")
    assert admin.api_token.startswith("kp_") and admin.api_token in printed
    me = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {admin.api_token}")
    assert me.status_code == 200 and me.json()["email"] == "orgadmin@demo.example"
    assert me.json()["administers"]
