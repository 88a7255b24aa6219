"""The API instance: its routers, errors as problem details, docs served from the
installed django-ninja package (no CDN). `knotenpunkt export-openapi` writes its
OpenAPI 3.1 document; docs/openapi.json holds the reviewed copy (tests/api/test_schema.py
compares them, so that a change to the API shows up in review)."""

from csp.decorators import csp_update
from ninja import Swagger

from knotenpunkt.api import problems
from knotenpunkt.api.openapi import ProblemDocumentingAPI
from knotenpunkt.api.routers import (
    catalogue,
    competences,
    directory,
    events,
    groups,
    invoices,
    jobs,
    kpis,
    me,
    my_offerings,
    needs,
    people,
    quote_requests,
    registrations,
    subscriptions,
)

api = ProblemDocumentingAPI(
    title="Knotenpunkt API",
    version="1",
    # For integrators, in English like docs/api.md; the answers themselves follow
    # Accept-Language.
    description=(
        "The platform's data for members' websites, CRMs and the administration's "
        "systems. Public resources need no token; others need a token with the named "
        "scope (Authorization: Bearer kp_...), made under 'My data' (/api-tokens/), or "
        "an OAuth 2 access token of a third-party app (authorization code with PKCE: "
        "/o/authorize/, /o/token/). "
        "Errors are RFC 9457 problem details in German or English (Accept-Language). "
        "See docs/api.md."
    ),
    urls_namespace="api",
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    # Swagger UI sets style attributes from its script; the page has no user content.
    docs_decorator=csp_update({"style-src": ["'unsafe-inline'"]}),
)
problems.install(api)
api.add_router("/", me.router)
api.add_router("/", directory.router)
api.add_router("/", events.router)
api.add_router("/", jobs.router)
api.add_router("/", catalogue.router)
api.add_router("/", needs.router)
api.add_router("/", competences.router)
api.add_router("/", my_offerings.router)
api.add_router("/", quote_requests.router)
api.add_router("/", kpis.router)
api.add_router("/", people.router)
api.add_router("/", registrations.router)
api.add_router("/", groups.router)
api.add_router("/", invoices.router)
api.add_router("/", subscriptions.router)
