"""Topic groups and clubs, as the group pages show them to the caller
(knotenpunkt.groups.access): anonymous callers see what a visitor sees; a token with the
scope groups:read sees what its user sees, such as invitation-only clubs they belong to.
The meetings' agendas and minutes only where the user may see the documents, member
names only where they may see the members."""

import datetime
from typing import Annotated, Literal

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from knotenpunkt.api.auth import optional_token_user
from knotenpunkt.api.openapi import OPTIONAL_TOKEN, SLUG, choice_of
from knotenpunkt.api.pagination import PageNumbers
from knotenpunkt.api.routers.directory import TopicRef, by_slug, topic_refs
from knotenpunkt.api.scopes import GROUPS_READ
from knotenpunkt.directory.models import Cluster
from knotenpunkt.groups import access, services
from knotenpunkt.groups.models import Group, GroupMembership

router = Router(tags=["groups"])

Status = GroupMembership.Status
ORDERINGS = {"name": ("name", "pk"), "-name": ("-name", "-pk")}


class GroupOut(Schema):
    slug: str
    name: str
    kind: choice_of(Group.Kind)
    policy: choice_of(Group.Policy)
    summary: str
    description: str
    guests_welcome: bool
    clusters: list[str] = Field(description="Slugs of the group's clusters.")
    topics: list[TopicRef]
    member_count: int = Field(description="Active members.")
    membership: choice_of(Status) | None = Field(
        description="The token user's membership status in the group, if any."
    )
    url: str

    @staticmethod
    def resolve_clusters(group) -> list[str]:
        return sorted(c.slug for c in group.clusters.all())

    @staticmethod
    def resolve_topics(group) -> list[dict]:
        return topic_refs(group.topics.all())

    @staticmethod
    def resolve_membership(group, context) -> str | None:
        return context["request"].group_memberships.get(group.pk)

    @staticmethod
    def resolve_url(group, context) -> str:
        path = reverse("groups:group", args=[group.slug])
        return context["request"].build_absolute_uri(path)


class DocumentOut(Schema):
    title: str
    kind: str
    url: str

    @staticmethod
    def resolve_url(document, context) -> str:
        if document.url:
            return document.url
        path = reverse("groups:document", args=[document.meeting.group.slug, document.pk])
        return context["request"].build_absolute_uri(path)


class MeetingOut(Schema):
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    location: str
    agenda: str | None = Field(description="Markdown; for those who may see the documents.")
    minutes: str | None = Field(description="Markdown; for those who may see the documents.")
    documents: list[DocumentOut] | None = Field(description="For those who may see the documents.")


class EventRef(Schema):
    slug: str
    title: str
    starts_at: datetime.datetime
    url: str

    @staticmethod
    def resolve_url(event, context) -> str:
        return context["request"].build_absolute_uri(event.get_absolute_url())


class GroupDetailOut(GroupOut):
    leads: list[str] = Field(description="The leads' names (not in an invitation-only club).")
    members: list[str] | None = Field(
        description="The members' names, for those who may see the member list."
    )
    upcoming_meetings: list[MeetingOut]
    past_meetings: list[MeetingOut]
    upcoming_events: list[EventRef]
    past_events: list[EventRef]


class GroupFilters(Schema):
    kind: choice_of(Group.Kind) | None = None
    cluster: str = Field("", pattern=SLUG, description="A cluster's slug: its groups.")
    mine: bool = Field(False, description="Only groups the token's user is an active member of.")
    ordering: Literal["", "name", "-name"] = Field(
        "", description="name or -name; without it, by kind, then name (as the group list)."
    )


def _note_memberships(request, user) -> None:
    """The user's membership status per group, for `membership` (one query per answer)."""
    person = access.person_of(user)
    request.group_memberships = (
        dict(GroupMembership.objects.filter(person=person).values_list("group_id", "status"))
        if person
        else {}
    )


def _groups(user):
    return (
        access.visible_groups(user)
        .prefetch_related("clusters", "topics")
        .annotate(member_count=Count("memberships", filter=Q(memberships__status=Status.ACTIVE)))
    )


@router.get(
    "/groups",
    response=list[GroupOut],
    summary="List groups",
    openapi_extra=OPTIONAL_TOKEN,
)
@paginate(PageNumbers)
def list_groups(request, filters: Query[GroupFilters]):
    """The groups the caller may see, as on the group list: without a token those a
    visitor sees; with a token (scope groups:read) those its user sees."""
    user = optional_token_user(request, GROUPS_READ)
    _note_memberships(request, user)
    groups = _groups(user)
    if filters.kind:
        groups = groups.filter(kind=filters.kind)
    if filters.cluster:
        groups = groups.filter(clusters=by_slug(Cluster, filters.cluster, "cluster"))
    if filters.mine:
        active = [pk for pk, status in request.group_memberships.items() if status == Status.ACTIVE]
        groups = groups.filter(pk__in=active)
    if filters.ordering:
        return groups.order_by(*ORDERINGS[filters.ordering])
    return groups.order_by("kind", "name", "pk")


def _meetings(meetings, documents_visible: bool) -> list[dict]:
    return [
        {
            "title": m.title,
            "starts_at": m.starts_at,
            "ends_at": m.ends_at,
            "location": m.location,
            "agenda": m.agenda if documents_visible else None,
            "minutes": m.minutes if documents_visible else None,
            "documents": list(m.documents.all()) if documents_visible else None,
        }
        for m in meetings
    ]


@router.get(
    "/groups/{slug}",
    response=GroupDetailOut,
    summary="One group",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_group(request, slug: Annotated[str, Path(pattern=SLUG)]):
    """A group the caller may see, with its meetings and events as on its page. An
    invitation-only club the caller may not see is not found."""
    user = optional_token_user(request, GROUPS_READ)
    group = get_object_or_404(_groups(user), slug=slug)
    if not user.has_perm("groups.view_group", group):
        raise Http404
    _note_memberships(request, user)
    can_view_members = user.has_perm("groups.view_members", group)
    memberships = list(
        group.memberships.filter(status=Status.ACTIVE)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    leads = [m.person.full_name for m in memberships if m.role == GroupMembership.Role.LEAD]
    # In an invitation-only club even the leads stay private to its members.
    if group.policy == Group.Policy.INVITATION and not can_view_members:
        leads = []
    documents_visible = user.has_perm("groups.view_documents", group)
    upcoming, past = services.meetings_of(group)
    upcoming_events, past_events = services.events_of(group)
    group.leads = leads
    group.members = [m.person.full_name for m in memberships] if can_view_members else None
    group.upcoming_meetings = _meetings(upcoming, documents_visible)
    group.past_meetings = _meetings(past, documents_visible)
    group.upcoming_events = upcoming_events
    group.past_events = past_events
    return group
