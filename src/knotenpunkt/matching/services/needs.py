"""Needs: who may post and see them, posting and closing, suggestions, the staff pipeline.

Visibility is decided here and nowhere else. A `Viewer` holds what the decision needs
about one person (their organisations, the clusters those are members of, the clusters
they staff) and answers both "may they see this need?" in Python and "which needs may
they see?" as a queryset filter, so a list and a detail page can never disagree.

- public: everyone, anonymous visitors too;
- members: people working at an active member organisation of the need's cluster;
- staff: only the cluster's staff (and the author organisation's people);
- anonymous: seen like public, but the author organisation and person are shown only
  to the author organisation, the cluster's staff and providers whose contact the
  author accepted.
The author organisation's people, the cluster's staff and platform admins see every need.
"""

import json
from dataclasses import dataclass, field
from functools import cached_property

from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import log_action, mentioning, pseudonymised, register_action
from knotenpunkt.directory.models import Cluster, Membership, Organisation, Person, Position
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.matching.models import Contact, Need, Suggestion

register_action("matching.need.posted", _("Need posted"))
register_action("matching.need.changed", _("Need changed"))
register_action("matching.need.closed", _("Need closed"))
register_action("matching.suggestion.rated", _("Suggested provider rated"))

SUGGESTION_LIMIT = 10
OPEN_TO_EVERYONE = (Need.Visibility.PUBLIC, Need.Visibility.ANONYMOUS)
REVEALING_STATUSES = (Contact.Status.ACCEPTED, Contact.Status.COOPERATION)


@dataclass
class Viewer:
    """What the visibility rules need to know about one person (or an anonymous visitor)."""

    person: Person | None = None
    is_superuser: bool = False
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    member_cluster_ids: frozenset[int] = field(default_factory=frozenset)
    staffed_cluster_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_known(self) -> bool:
        return self.person is not None or self.is_superuser or bool(self.staffed_cluster_ids)

    @cached_property
    def revealed_need_ids(self) -> frozenset[int]:
        """Anonymous needs whose author accepted a contact from one of our organisations."""
        if not self.organisation_ids:
            return frozenset()
        return frozenset(
            Contact.objects.filter(
                provider_id__in=self.organisation_ids, status__in=REVEALING_STATUSES
            ).values_list("need_id", flat=True)
        )

    def speaks_for(self, need: Need) -> bool:
        """The author organisation's people and the need's cluster staff act on a need."""
        return (
            self.is_superuser
            or need.organisation_id in self.organisation_ids
            or need.cluster_id in self.staffed_cluster_ids
        )

    def may_see(self, need: Need) -> bool:
        if need.visibility in OPEN_TO_EVERYONE or self.speaks_for(need):
            return True
        if need.visibility == Need.Visibility.MEMBERS:
            return need.cluster_id in self.member_cluster_ids
        return False

    def may_see_author(self, need: Need) -> bool:
        if not self.may_see(need):
            return False
        if need.visibility != Need.Visibility.ANONYMOUS or self.speaks_for(need):
            return True
        return need.pk in self.revealed_need_ids

    def may_offer_help(self, need: Need) -> bool:
        """An open need someone from another organisation sees: they may express interest."""
        return (
            need.status == Need.Status.OPEN
            and bool(self.organisation_ids - {need.organisation_id})
            and self.may_see(need)
        )

    def visible(self, needs: QuerySet[Need]) -> QuerySet[Need]:
        if self.is_superuser:
            return needs
        rule = (
            Q(visibility__in=OPEN_TO_EVERYONE)
            | Q(organisation_id__in=self.organisation_ids)
            | Q(cluster_id__in=self.staffed_cluster_ids)
            | Q(visibility=Need.Visibility.MEMBERS, cluster_id__in=self.member_cluster_ids)
        )
        return needs.filter(rule)


def _viewer(person: Person | None, user) -> Viewer:
    organisation_ids: frozenset[int] = frozenset()
    member_cluster_ids: frozenset[int] = frozenset()
    if person is not None and person.erased_at is None:
        organisation_ids = frozenset(
            Position.objects.current()
            .filter(person=person)
            .values_list("organisation_id", flat=True)
        )
    if organisation_ids:
        member_cluster_ids = frozenset(
            Membership.objects.in_force()
            .filter(organisation_id__in=organisation_ids)
            .values_list("cluster_id", flat=True)
        )
    staffed: frozenset[int] = frozenset()
    if user is not None and user.is_authenticated:
        staffed = frozenset(clusters_looked_after(user).values_list("pk", flat=True))
    return Viewer(
        person=person,
        is_superuser=bool(user is not None and user.is_authenticated and user.is_superuser),
        organisation_ids=organisation_ids,
        member_cluster_ids=member_cluster_ids,
        staffed_cluster_ids=staffed,
    )


def viewer_for(user) -> Viewer:
    """The viewer behind a request's user, built once per user object (= request)."""
    if not user.is_authenticated:
        return Viewer()
    cached = getattr(user, "_matching_viewer", None)
    if cached is None:
        cached = _viewer(Person.objects.filter(user=user).first(), user)
        user._matching_viewer = cached
    return cached


def viewer_for_person(person: Person) -> Viewer:
    """The viewer for a person who is not making a request (an alert's recipient)."""
    return _viewer(person, person.user)


def visible_needs(user) -> QuerySet[Need]:
    """Every need `user` may see, whatever its status."""
    return viewer_for(user).visible(Need.objects.all())


def mark_authors(viewer: Viewer, needs) -> list[Need]:
    """Set `author_hidden` on each need, for lists, pages and mails that show the author."""
    needs = list(needs)
    for need in needs:
        need.author_hidden = not viewer.may_see_author(need)
    return needs


def open_needs_for_listing(user) -> list[Need]:
    needs = (
        visible_needs(user)
        .filter(status=Need.Status.OPEN)
        .select_related("organisation", "cluster", "author")
    )
    return mark_authors(viewer_for(user), needs)


def organisations_for_posting(user) -> QuerySet[Organisation]:
    """The organisations a person currently works at: they may post needs for each."""
    return Organisation.objects.filter(pk__in=viewer_for(user).organisation_ids)


def clusters_for_posting() -> QuerySet[Cluster]:
    # Craft firms and municipalities are rarely members, yet their needs are what a
    # cluster exists for: any cluster takes a need; its visibility decides who sees it.
    return Cluster.objects.all()


NEED_FIELDS = ("cluster", "title", "text", "kind", "budget", "deadline", "visibility")


@transaction.atomic
def post_need(user, organisation: Organisation, data: dict, topics=(), *, via: str = "") -> Need:
    """Store a new need for `organisation` and, after commit, suggest providers and alert
    them (`via`: the API token it came through, named in the audit entry)."""
    person = viewer_for(user).person
    need = Need.objects.create(
        organisation=organisation, author=person, **{k: data[k] for k in NEED_FIELDS}
    )
    if topics:
        need.topics.set(topics)
    extra = {"via": via} if via else {}
    log_action(user, "matching.need.posted", need, organisation=organisation.pk, **extra)
    transaction.on_commit(lambda: _enqueue_need_posted(need.pk))
    return need


def _enqueue_need_posted(need_id: int) -> None:
    from knotenpunkt.matching.tasks.alerts import need_posted_task

    need_posted_task.enqueue(need_id)


@transaction.atomic
def change_need(user, need: Need, data: dict, topics=None, *, via: str = "") -> Need:
    # Compared with the stored row: a bound form has already set its values on `need`.
    stored = Need.objects.get(pk=need.pk)
    changed = [k for k in NEED_FIELDS if getattr(stored, k) != data[k]]
    for name in NEED_FIELDS:
        setattr(need, name, data[name])
    need.save()
    if topics is not None:
        need.topics.set(topics)
    extra = {"via": via} if via else {}
    log_action(user, "matching.need.changed", need, fields=changed, **extra)
    return need


@transaction.atomic
def close_need(user, need: Need, *, via: str = "") -> None:
    Need.objects.filter(pk=need.pk).update(status=Need.Status.CLOSED, updated_at=timezone.now())
    need.status = Need.Status.CLOSED
    extra = {"via": via} if via else {}
    log_action(user, "matching.need.closed", need, **extra)


def refresh_suggestions(need: Need, limit: int = SUGGESTION_LIMIT) -> list[Suggestion]:
    """Rank providers for `need` and store what is shown, so staff can justify it later.

    Providers no longer among the suggestions keep their row (and any feedback) with
    rank 0, meaning "shown once, not any more".
    """
    from knotenpunkt.matching.services.ranking import rank_providers

    matches = rank_providers(need, limit=limit)
    # The page calls this on every view: write only what changed, so reading a need
    # costs no write when the ranking is the same as last time.
    stored = {s.provider_id: s for s in need.suggestions.all()}
    suggestions = []
    with transaction.atomic():
        for rank, match in enumerate(matches, start=1):
            values = {
                "rank": rank,
                "score": match.score,
                # As stored (JSON has lists, not tuples), so an unchanged one compares equal.
                "explanation": json.loads(json.dumps(match.explanation.as_dict())),
            }
            suggestion = stored.get(match.organisation.pk)
            if suggestion is None:
                suggestion = Suggestion.objects.create(
                    need=need, provider=match.organisation, **values
                )
            elif any(getattr(suggestion, k) != v for k, v in values.items()):
                for name, value in values.items():
                    setattr(suggestion, name, value)
                suggestion.save(update_fields=[*values, "updated_at"])
            suggestion.provider = match.organisation
            suggestions.append(suggestion)
        shown = {m.organisation.pk for m in matches}
        gone = [pk for pk, s in stored.items() if pk not in shown and s.rank != 0]
        if gone:
            need.suggestions.filter(provider_id__in=gone).update(rank=0)
    return suggestions


def shown_suggestions(need: Need) -> list[Suggestion]:
    """The suggested providers the need's page shows: ranked afresh while the need is
    open, the last stored ranking once it is closed."""
    if need.status == Need.Status.OPEN:
        return refresh_suggestions(need)
    return list(need.suggestions.filter(rank__gte=1).select_related("provider").order_by("rank"))


@transaction.atomic
def rate_suggestion(user, suggestion: Suggestion, fitting: bool) -> None:
    """The author (or staff) says whether a suggested provider fits; the engine learns."""
    from knotenpunkt.matching.services.ranking import record_feedback

    suggestion.feedback = (
        Suggestion.Feedback.FITTING if fitting else Suggestion.Feedback.NOT_FITTING
    )
    suggestion.save(update_fields=["feedback", "updated_at"])
    record_feedback(suggestion, fitting)
    log_action(
        user,
        "matching.suggestion.rated",
        suggestion.need,
        provider=suggestion.provider_id,
        fitting=fitting,
    )


# --- the staff's matchmaking board ---


def board_needs(clusters) -> QuerySet[Need]:
    """Open needs of `clusters`, whatever their visibility, with their top three suggestions."""
    top = Suggestion.objects.filter(rank__gte=1, rank__lte=3).select_related("provider")
    return (
        Need.objects.filter(cluster__in=clusters, status=Need.Status.OPEN)
        .select_related("organisation", "cluster", "author")
        .annotate(contact_count=Count("contacts", distinct=True))
        .prefetch_related(Prefetch("suggestions", queryset=top, to_attr="top_suggestions"))
    )


@dataclass
class PipelineRow:
    cluster: Cluster
    posted: int = 0
    suggested: int = 0
    contacted: int = 0
    accepted: int = 0
    cooperating: int = 0


def pipeline(clusters) -> list[PipelineRow]:
    """Needs per cluster at each stage: posted, suggested, contacted, accepted, cooperating.

    Each stage counts needs (not contacts) that reached it, so the funnel reads downwards;
    one grouped query per stage.
    """
    clusters = list(clusters)
    rows = {c.pk: PipelineRow(cluster=c) for c in clusters}
    needs = Need.objects.filter(cluster__in=[c.pk for c in clusters])
    stages = {
        "posted": needs,
        "suggested": needs.filter(suggestions__isnull=False),
        "contacted": needs.filter(contacts__isnull=False),
        "accepted": needs.filter(contacts__status__in=REVEALING_STATUSES),
        "cooperating": needs.filter(contacts__status=Contact.Status.COOPERATION),
    }
    for stage, queryset in stages.items():
        counts = queryset.values("cluster").annotate(n=Count("pk", distinct=True)).order_by()
        for entry in counts:
            setattr(rows[entry["cluster"]], stage, entry["n"])
    return list(rows.values())


def remove_person_from_needs(person: Person, identity) -> None:
    """Erasure (Art. 17): the needs and contacts stay (they are the organisations' business
    and the cluster's figures), the person does not. Needs they wrote lose their author and,
    in title and text, the person's names, addresses and numbers; any other need or contact
    message naming them loses those too. `identity` is the registry's `Identity`."""
    own_terms = identity.anywhere + identity.name_parts
    with transaction.atomic():
        written = list(Need.objects.filter(author=person).values_list("pk", flat=True))
        naming = Need.objects.filter(mentioning(identity.anywhere, "title", "text"))
        for need in (Need.objects.filter(pk__in=written) | naming).select_for_update():
            terms = own_terms if need.pk in written else identity.anywhere
            need.title = pseudonymised(need.title, terms, identity.pseudonym)[:200]
            need.text = pseudonymised(need.text, terms, identity.pseudonym)
            need.author = None if need.pk in written else need.author
            need.save(update_fields=["title", "text", "author", "updated_at"])
        Contact.objects.filter(person=person).update(person=None, message="")
        for contact in Contact.objects.filter(
            mentioning(identity.anywhere, "message")
        ).select_for_update():
            contact.message = pseudonymised(contact.message, identity.anywhere, identity.pseudonym)
            contact.save(update_fields=["message"])
