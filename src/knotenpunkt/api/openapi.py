"""The problems every operation may answer, added to the generated OpenAPI document:
django-ninja describes the successful answers; these are the same for every endpoint
(problems.py), so they are described once here instead of on each endpoint."""

from typing import Literal

from django.utils import translation
from ninja import NinjaAPI

from knotenpunkt.api.scopes import SCOPES

# What the platform accepts in text and slugs, said in the document so that clients (and
# the contract tests) know: no NUL character anywhere (core's middleware refuses it with
# 400), slugs of letters, digits, hyphens and underscores.
TEXT = r"^[^\x00]*$"
SLUG = r"^[-a-zA-Z0-9_]*$"
# Ids in paths: the database's 64-bit keys, so that a client (and the contract tests) know
# what an id can be.
ID_MAX = 2**63 - 1


def choice_of(choices):
    """The values of a model's choices as a type for a schema: an inline enum. (The
    choices classes themselves would become components named by their class, and three
    apps have a `Kind`: the document would describe two of them wrongly.)"""
    return Literal[tuple(choices.values)]


PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}
DESCRIPTIONS = {
    "400": "The request could not be read (malformed JSON, NUL characters).",
    "401": "No valid token (Authorization: Bearer kp_...).",
    "403": "The token lacks the scope, or its user may not do this.",
    "404": "Not found, or not visible to the caller.",
    "422": "Invalid input; `errors` names each field.",
    "429": "Over the rate limit; see Retry-After.",
}


def problem_response(status: str) -> dict:
    return {
        "description": DESCRIPTIONS[status],
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }


def oauth2_scheme() -> dict:
    """Third-party apps get their bearer token through OAuth 2 (docs/api.md): the
    authorization code flow (with PKCE, S256) and the API's scopes. Relative URLs: the
    document is the same for every installation, and in English whoever asks for it."""
    with translation.override("en"):
        scopes = {scope: str(text) for scope, text in sorted(SCOPES.items())}
    return {
        "type": "oauth2",
        "description": (
            "Authorization code with PKCE (S256) for third-party apps registered under "
            "'My data'; the access token is sent as Authorization: Bearer."
        ),
        "flows": {
            "authorizationCode": {
                "authorizationUrl": "/o/authorize/",
                "tokenUrl": "/o/token/",
                "refreshUrl": "/o/token/",
                "scopes": scopes,
            }
        },
    }


# For endpoints everybody may read and a token's user may read more of
# (auth.optional_token_user): no token, or a token (kp_ or OAuth 2).
OPTIONAL_TOKEN = {"security": [{}, {"TokenAuth": []}]}


class ProblemDocumentingAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {})
        components.setdefault("schemas", {})["Problem"] = PROBLEM
        components.setdefault("securitySchemes", {})["OAuth2"] = oauth2_scheme()
        for operations in schema["paths"].values():
            for operation in operations.values():
                # Wherever a kp_ token opens an operation, an OAuth access token does too;
                # the scope each one needs is named in its description.
                security = operation.get("security", [])
                if {"TokenAuth": []} in security and {"OAuth2": []} not in security:
                    # A new list: operations may share one from OPTIONAL_TOKEN.
                    operation["security"] = [*security, {"OAuth2": []}]
                statuses = ["400", "404", "422", "429"]
                if operation.get("security"):
                    statuses += ["401", "403"]
                # ninja keys its answers by number; JSON keys are text either way.
                responses = {str(k): v for k, v in operation.get("responses", {}).items()}
                operation["responses"] = responses
                for status in statuses:
                    responses.setdefault(status, problem_response(status))
        return schema
