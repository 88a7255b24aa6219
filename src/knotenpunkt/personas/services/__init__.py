"""The personas' operations: compute, describe, look up (docs/personas.md)."""

from knotenpunkt.personas.services.computation import (
    compute_all,
    compute_personas,
    remove_person,
    typical_formats_display,
)
from knotenpunkt.personas.services.editing import describe_persona, request_recomputation
from knotenpunkt.personas.services.membership import peer_popularity, people_in, personas_of

__all__ = [
    "compute_all",
    "compute_personas",
    "describe_persona",
    "peer_popularity",
    "people_in",
    "personas_of",
    "remove_person",
    "request_recomputation",
    "typical_formats_display",
]
