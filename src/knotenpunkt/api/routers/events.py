"""The public event calendar (knotenpunkt.events.calendar): published events announced
to everybody, upcoming or past, filtered as on the calendar page. The online join link
is never listed: it goes to registered people only."""

import datetime
from typing import Annotated, Literal

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from knotenpunkt.api.openapi import SLUG, choice_of
from knotenpunkt.api.pagination import PageNumbers
from knotenpunkt.api.routers.directory import TopicRef, by_slug, topic_refs
from knotenpunkt.directory.models import Cluster, Topic
from knotenpunkt.directory.services.taxonomy import topic_and_narrower
from knotenpunkt.events.calendar import CalendarFilters, calendar_events, visible_events
from knotenpunkt.events.models import Event

router = Router(tags=["events"])


class EventOut(Schema):
    slug: str
    title: str
    summary: str
    kind: choice_of(Event.Kind)
    format: choice_of(Event.Format)
    audience: choice_of(Event.Audience)
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    timezone: str
    language: str
    venue_name: str
    street: str
    postcode: str
    city: str
    cancelled: bool
    topics: list[TopicRef]
    clusters: list[str] = Field(description="Slugs of the organising clusters.")
    url: str

    @staticmethod
    def resolve_cancelled(event) -> bool:
        return event.cancelled_at is not None

    @staticmethod
    def resolve_topics(event) -> list[dict]:
        return topic_refs(event.topics.all())

    @staticmethod
    def resolve_clusters(event) -> list[str]:
        return sorted(c.slug for c in event.clusters.all())

    @staticmethod
    def resolve_url(event, context) -> str:
        return context["request"].build_absolute_uri(event.get_absolute_url())


class EventFilters(Schema):
    period: Literal["upcoming", "past"] = Field(
        "upcoming", description="upcoming (soonest first) or past (latest first)."
    )
    cluster: str = Field("", pattern=SLUG, description="A cluster's slug: the events it organises.")
    topic: str = Field(
        "", pattern=SLUG, description="A topic's slug: events with it or a narrower one."
    )
    format: choice_of(Event.Format) | None = None


@router.get("/events", response=list[EventOut], summary="List events")
@paginate(PageNumbers)
def list_events(request, filters: Query[EventFilters]):
    """Published events announced to everybody (public and members' events), as the
    calendar shows them to a visitor."""
    topic = by_slug(Topic, filters.topic, "topic") if filters.topic else None
    return calendar_events(
        AnonymousUser(),
        CalendarFilters(
            topic_ids=topic_and_narrower(topic) if topic else (),
            cluster=by_slug(Cluster, filters.cluster, "cluster") if filters.cluster else None,
            format=filters.format or "",
        ),
        past=filters.period == "past",
    )


@router.get("/events/{slug}", response=EventOut, summary="One event")
def get_event(request, slug: Annotated[str, Path(pattern=SLUG)]):
    """A published event announced to everybody."""
    return get_object_or_404(
        visible_events(AnonymousUser()).prefetch_related("clusters", "topics"), slug=slug
    )
