"""The problems every operation may answer, added to the generated OpenAPI document:
django-ninja describes the successful answers; these are the same for every endpoint
(problems.py), so they are described once here instead of on each endpoint."""

from ninja import NinjaAPI

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


def _problem_response(status: str) -> dict:
    return {
        "description": DESCRIPTIONS[status],
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }


class ProblemDocumentingAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
        for operations in schema["paths"].values():
            for operation in operations.values():
                statuses = ["400", "404", "422", "429"]
                if operation.get("security"):
                    statuses += ["401", "403"]
                # ninja keys its answers by number; JSON keys are text either way.
                responses = {str(k): v for k, v in operation.get("responses", {}).items()}
                operation["responses"] = responses
                for status in statuses:
                    responses.setdefault(status, _problem_response(status))
        return schema
