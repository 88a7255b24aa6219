"""An organisation's competence profile (knotenpunkt.matching.services.profiles), as its
profile page shows it to those who maintain it: the profile, its completeness and the
hints what would improve the matches. No page shows the profile to the public (the
engine reads it, need authors see why a provider matched), so neither does the API."""

import datetime
from typing import Annotated

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.errors import AuthorizationError

from knotenpunkt.api.auth import TokenAuth, require_organisation, require_scope
from knotenpunkt.api.openapi import SLUG, choice_of
from knotenpunkt.api.routers.directory import TopicRef, topic_refs
from knotenpunkt.api.scopes import COMPETENCES_READ
from knotenpunkt.directory.models import Organisation, Topic
from knotenpunkt.matching.models import CompetenceProfile
from knotenpunkt.matching.services.profiles import completeness, profile_for

router = Router(tags=["competences"], auth=TokenAuth())


class ProfileTaskOut(Schema):
    field: str
    title: str
    hint: str
    done: bool


class CompetenceProfileOut(Schema):
    organisation: str
    offer: str
    services: list[str]
    products: list[str]
    technologies: list[str]
    keywords: list[str]
    references: str
    team_size: int | None
    languages: str
    region_served: choice_of(CompetenceProfile.RegionServed)
    competences: list[TopicRef]
    technology_topics: list[TopicRef]
    industries: list[TopicRef]
    completeness: int = Field(description="0 to 100 %, as the profile page shows it.")
    tasks: list[ProfileTaskOut] = Field(description="The parts of the profile, heaviest first.")
    updated_at: datetime.datetime | None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _topics(profile, kind) -> list[dict]:
    if not profile.pk:
        return []
    return topic_refs(t for t in profile.topics.all() if t.kind == kind)


@router.get(
    "/organisations/{slug}/competences",
    response=CompetenceProfileOut,
    summary="An organisation's competence profile",
)
def get_competences(request, slug: Annotated[str, Path(pattern=SLUG)]):
    """The competence profile as its page shows it to the organisation's admins and the
    staff who look after it (an empty one if none was written yet). Scope
    competences:read."""
    require_scope(request, COMPETENCES_READ)
    organisation = get_object_or_404(Organisation, slug=slug)
    require_organisation(request, organisation)
    if not request.user.has_perm("matching.edit_profile", organisation):
        raise AuthorizationError(
            message=_("Only the organisation's admins and its staff see its competence profile.")
        )
    profile = profile_for(organisation)
    done = completeness(profile)
    return {
        "organisation": organisation.slug,
        "offer": profile.offer,
        "services": _lines(profile.services),
        "products": _lines(profile.products),
        "technologies": _lines(profile.technologies),
        "keywords": _lines(profile.keywords),
        "references": profile.references,
        "team_size": profile.team_size,
        "languages": profile.languages,
        "region_served": profile.region_served,
        "competences": _topics(profile, Topic.Kind.COMPETENCE),
        "technology_topics": _topics(profile, Topic.Kind.TECHNOLOGY),
        "industries": _topics(profile, Topic.Kind.INDUSTRY),
        "completeness": done.percent,
        "tasks": [
            {"field": t.field, "title": str(t.title), "hint": str(t.hint), "done": t.done}
            for t in done.tasks
        ],
        "updated_at": profile.updated_at if profile.pk else None,
    }
