"""Recording, changing and deleting interactions, and what the organisation page shows.

Services check the rule they depend on again (views check first, for a clear page) and
write the audit log. Private notes never enter the audit log: an entry says that the
notes changed, not what they say.
"""

from datetime import date as Date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Cluster, Organisation, Person
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.interactions.models import FollowUp, Interaction
from knotenpunkt.interactions.rules import may_read_notes, visible_interactions

Kind = Interaction.Kind
Visibility = Interaction.NotesVisibility
FIELDS = (
    "cluster",
    "kind",
    "date",
    "summary",
    "introduced_to",
    "people",
    "staff",
    "topics",
)


def clusters_for(user, organisation: Organisation) -> QuerySet[Cluster]:
    """The clusters in whose name `user` may record an interaction with `organisation`:
    those they look after that the organisation is or was a member of (all of them for
    an organisation of no cluster, a prospect)."""
    looked_after = clusters_looked_after(user)
    member_of = organisation.memberships.values("cluster")
    if member_of.exists():
        return looked_after.filter(pk__in=member_of)
    return looked_after


def people_of(organisation: Organisation) -> QuerySet[Person]:
    """People who work or worked at the organisation (not erased)."""
    return (
        Person.objects.filter(positions__organisation=organisation, erased_at__isnull=True)
        .distinct()
        .order_by("last_name", "first_name")
    )


def staff_of(clusters) -> QuerySet:
    """Active logins of the staff of `clusters`."""
    return (
        get_user_model()
        .objects.filter(staffed_clusters__in=clusters, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def _check(user, organisation, cluster, kind, people, staff, introduced_to) -> None:
    errors = {}
    if cluster is None or not clusters_for(user, organisation).filter(pk=cluster.pk).exists():
        errors["cluster"] = _("Choose one of your clusters that the organisation belongs to.")
    allowed_people = set(people_of(organisation).values_list("pk", flat=True))
    if any(p.pk not in allowed_people for p in people):
        errors["people"] = _("Only people who work at %(organisation)s can be chosen.") % {
            "organisation": organisation.name
        }
    if cluster is not None and "cluster" not in errors:
        allowed_staff = set(staff_of([cluster]).values_list("pk", flat=True))
        if any(u.pk not in allowed_staff for u in staff):
            errors["staff"] = _("Only staff of %(cluster)s can be chosen.") % {"cluster": cluster}
    if kind == Kind.INTRODUCTION:
        if introduced_to is None:
            errors["introduced_to"] = _("Say whom the organisation was introduced to.")
        elif introduced_to.pk == organisation.pk:
            errors["introduced_to"] = _("An organisation cannot be introduced to itself.")
    elif introduced_to is not None:
        errors["introduced_to"] = _("Only an introduction names an organisation introduced to.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_interaction(
    user,
    organisation: Organisation,
    *,
    cluster: Cluster,
    kind: str,
    date: Date,
    summary: str,
    notes: str = "",
    notes_visibility: str = Visibility.STAFF,
    people=(),
    staff=(),
    topics=(),
    introduced_to: Organisation | None = None,
    follow_ups=(),
) -> Interaction:
    """Record one interaction; `follow_ups` are (title, due_on, assignee) triples."""
    if not user.has_perm("interactions.record_interaction", organisation):
        raise PermissionDenied
    _check(user, organisation, cluster, kind, people, staff, introduced_to)
    interaction = Interaction.objects.create(
        cluster=cluster,
        organisation=organisation,
        kind=kind,
        date=date,
        summary=summary,
        notes=notes,
        notes_visibility=notes_visibility,
        introduced_to=introduced_to if kind == Kind.INTRODUCTION else None,
        created_by=user,
    )
    interaction.people.set(people)
    interaction.staff.set(staff or [user])
    interaction.topics.set(topics)
    log_action(
        user,
        "interactions.interaction.recorded",
        interaction,
        organisation=organisation.name,
        kind=kind,
        date=date.isoformat(),
    )
    from knotenpunkt.interactions.services.follow_ups import add_follow_up

    for title, due_on, assignee in follow_ups:
        add_follow_up(user, interaction, title=title, due_on=due_on, assignee=assignee)
    return interaction


def _values(interaction: Interaction) -> dict[str, str]:
    values = {
        name: str(getattr(interaction, name) or "")
        for name in ("cluster", "kind", "date", "summary", "introduced_to")
    }
    for name in ("people", "staff", "topics"):
        values[name] = ",".join(
            str(pk) for pk in sorted(getattr(interaction, name).values_list("pk", flat=True))
        )
    return values


@transaction.atomic
def change_interaction(
    user,
    interaction: Interaction,
    *,
    cluster: Cluster,
    kind: str,
    date: Date,
    summary: str,
    people=(),
    staff=(),
    topics=(),
    introduced_to: Organisation | None = None,
    notes: str | None = None,
    notes_visibility: str | None = None,
) -> Interaction:
    """Change an interaction. `notes` and `notes_visibility` stay as they are when None,
    and only someone who may read the notes may change them."""
    if not user.has_perm("interactions.change_interaction", interaction):
        raise PermissionDenied
    interaction = Interaction.objects.select_for_update().get(pk=interaction.pk)
    _check(user, interaction.organisation, cluster, kind, people, staff, introduced_to)
    before = _values(interaction)
    interaction.cluster = cluster
    interaction.kind = kind
    interaction.date = date
    interaction.summary = summary
    interaction.introduced_to = introduced_to if kind == Kind.INTRODUCTION else None
    changed_notes = False
    if notes is not None or notes_visibility is not None:
        if not may_read_notes(user, interaction):
            raise PermissionDenied
        # Only the author may make notes private (to themselves) or share private ones.
        if notes_visibility is not None and notes_visibility != interaction.notes_visibility:
            if interaction.created_by_id != user.pk:
                raise ValidationError(
                    {"notes_visibility": _("Only the author decides who may read the notes.")}
                )
            interaction.notes_visibility = notes_visibility
            changed_notes = True
        if notes is not None and notes != interaction.notes:
            interaction.notes = notes
            changed_notes = True
    interaction.save()
    interaction.people.set(people)
    interaction.staff.set(staff)
    interaction.topics.set(topics)
    after = _values(interaction)
    changed = sorted(k for k in after if after[k] != before[k])
    if changed_notes:
        changed.append("notes")
    if changed:
        log_action(user, "interactions.interaction.changed", interaction, fields=changed)
    return interaction


@transaction.atomic
def delete_interaction(user, interaction: Interaction) -> None:
    """Delete an interaction with its follow-ups (a record made by mistake)."""
    if not user.has_perm("interactions.change_interaction", interaction):
        raise PermissionDenied
    log_action(
        user,
        "interactions.interaction.deleted",
        interaction,
        organisation=interaction.organisation.name,
        kind=interaction.kind,
        date=interaction.date.isoformat(),
    )
    interaction.delete()


def organisation_section(request, organisation: Organisation) -> dict | None:
    """The staff's part of the organisation page: recent interactions, open follow-ups,
    and the way to record one. None for those who look after none of its clusters."""
    user = request.user
    if not user.has_perm("interactions.record_interaction", organisation):
        return None
    interactions = (
        visible_interactions(user)
        .filter(Q(organisation=organisation) | Q(introduced_to=organisation))
        .select_related("cluster", "organisation", "introduced_to")
        .order_by("-date", "-pk")
    )
    recent = list(interactions[:5])
    follow_ups = (
        FollowUp.objects.filter(
            interaction__in=visible_interactions(user).filter(organisation=organisation),
            done_at__isnull=True,
        )
        .select_related("assignee", "interaction")
        .order_by("due_on", "pk")
    )
    return {
        "organisation": organisation,
        "interactions": recent,
        "count": interactions.count() if len(recent) == 5 else len(recent),
        "follow_ups": list(follow_ups[:10]),
    }
