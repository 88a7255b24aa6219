"""The community view's operations: enriched profiles (profiles) and suggestions of who
should meet whom (suggestions)."""

from knotenpunkt.community.services.profiles import (
    organisation_profile,
    person_profile,
)
from knotenpunkt.community.services.suggestions import (
    decisions_of,
    dismiss,
    introduce,
    suggestions_for_cluster,
    suggestions_for_person,
)

__all__ = [
    "decisions_of",
    "dismiss",
    "introduce",
    "organisation_profile",
    "person_profile",
    "suggestions_for_cluster",
    "suggestions_for_person",
]
