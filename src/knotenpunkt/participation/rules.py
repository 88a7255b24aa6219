"""Who sees, takes part in and moderates a participation process.

- Everyone reads a published public process; people of the owner cluster's member
  organisations read a members-only one (a public body's: everyone with an account);
  invited people who accepted read an invitation-only one.
- Reading a process is taking part in it, for logged-in people (each module adds its own
  open/closed state on top).
- Moderators: the process's named moderators, the owner cluster's staff, the public
  body's organisation admins, platform admins. They also see unpublished processes.
- Staff of a cluster create processes for it; organisation admins of a public body for it.
"""

import rules
from django.db.models import Q, QuerySet

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.models import Membership, Organisation, Position
from knotenpunkt.directory.rules import (
    clusters_looked_after,
    is_cluster_staff,
    is_organisation_admin,
    is_staff_of_cluster,
)
from knotenpunkt.participation.models import Process


def _own_organisations(user):
    return (
        Position.objects.current()
        .filter(person__user=user, person__erased_at__isnull=True)
        .values("organisation")
    )


def _administered_organisations(user):
    return (
        Position.objects.current()
        .filter(person__user=user, person__erased_at__isnull=True, is_admin=True)
        .values("organisation")
    )


def moderated_processes(user) -> QuerySet[Process]:
    """The processes the user moderates (published or not)."""
    if not user.is_authenticated:
        return Process.objects.none()
    if user.is_superuser:
        return Process.objects.all()
    return Process.objects.filter(
        Q(moderators=user)
        | Q(cluster__in=clusters_looked_after(user))
        | Q(organisation__in=_administered_organisations(user))
    ).distinct()


def visible_processes(user) -> QuerySet[Process]:
    """The processes the user may read and take part in."""
    published = Process.objects.filter(is_published=True)
    public = Q(visibility=Process.Visibility.PUBLIC)
    if not user.is_authenticated:
        return published.filter(public)
    member_clusters = (
        Membership.objects.in_force()
        .filter(organisation__in=_own_organisations(user))
        .values("cluster")
    )
    members = Q(visibility=Process.Visibility.MEMBERS) & (
        Q(cluster__in=member_clusters) | Q(organisation__isnull=False)
    )
    invited = Q(
        visibility=Process.Visibility.INVITED,
        invitations__user=user,
        invitations__accepted_at__isnull=False,
    )
    readable = published.filter(public | members | invited).values("pk")
    return Process.objects.filter(
        Q(pk__in=readable) | Q(pk__in=moderated_processes(user).values("pk"))
    )


def processes_with_open_data() -> QuerySet[Process]:
    """The processes whose ideas and measures are published as open data: the published
    public ones, which everyone reads. Others have none, for moderators neither."""
    return Process.objects.filter(is_published=True, visibility=Process.Visibility.PUBLIC)


def offers_open_data(process: Process) -> bool:
    return process.is_published and process.visibility == Process.Visibility.PUBLIC


# The predicates below decide for one process what the querysets above decide for many
# (tests/participation/test_rules_agree.py holds them to the same answers). They ask only
# what this process's owner and visibility need: a live brainwriting page asks them on
# every poll, and building the querysets above costs more than the queries themselves.
@rules.predicate
def moderates(user, process) -> bool:
    if process is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if process.cluster_id and clusters_looked_after(user).filter(pk=process.cluster_id).exists():
        return True
    if (
        process.organisation_id
        and _administered_organisations(user).filter(organisation=process.organisation_id).exists()
    ):
        return True
    return process.moderators.filter(pk=user.pk).exists()


def _reads_published(user, process) -> bool:
    Visibility = Process.Visibility
    if process.visibility == Visibility.PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    if process.visibility == Visibility.MEMBERS:
        return bool(process.organisation_id) or (
            Membership.objects.in_force()
            .filter(cluster=process.cluster_id, organisation__in=_own_organisations(user))
            .exists()
        )
    return process.invitations.filter(user=user, accepted_at__isnull=False).exists()


@rules.predicate
def may_read(user, process) -> bool:
    if process is None:
        return False
    return (process.is_published and _reads_published(user, process)) or moderates(user, process)


@rules.predicate
def is_logged_in(user) -> bool:
    return user.is_authenticated


@rules.predicate
def may_create_for(user, owner) -> bool:
    """`owner`: a cluster the user looks after, or a public body the user administers."""
    if isinstance(owner, Organisation):
        return owner.actor_type == Organisation.ActorType.PUBLIC and is_organisation_admin(
            user, owner
        )
    return is_staff_of_cluster(user, owner)


def administered_public_bodies(user) -> QuerySet[Organisation]:
    """The public bodies (counties, cities) the user is an organisation admin of."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        pk__in=_administered_organisations(user), actor_type=Organisation.ActorType.PUBLIC
    )


@rules.predicate
def administers_a_public_body(user) -> bool:
    return administered_public_bodies(user).exists()


rules.add_perm("participation.view_process", may_read)
rules.add_perm("participation.take_part", is_logged_in & may_read)
rules.add_perm("participation.moderate_process", is_platform_admin | moderates)
# The list of processes one may manage, and the "new process" page (object: None).
rules.add_perm(
    "participation.manage_processes",
    is_platform_admin | is_cluster_staff | administers_a_public_body,
)
# Creating a process for an owner (object: the cluster or the public body).
rules.add_perm("participation.create_process", is_platform_admin | may_create_for)


# --- measures table (object: the process) ------------------------------------------------
# Everyone who reads the process sees the table with the aggregated scores (never who
# scored what); participants score; moderators edit missions, measures, the priority set
# by the moderation and the solution maps.
rules.add_perm("participation.view_measures", may_read)
rules.add_perm("participation.score_measures", is_logged_in & may_read)
rules.add_perm("participation.edit_measures", is_platform_admin | moderates)


@rules.predicate
def attributes_ideas(user, process) -> bool:
    return process is not None and process.attribute_ideas


# Brainwriting: participants take part (participation.take_part) and write anonymously;
# moderators run the session and see who wrote what only if the process says so.
rules.add_perm(
    "participation.see_brainwriting_authors", (is_platform_admin | moderates) & attributes_ideas
)


# --- expert survey (object: the survey) --------------------------------------------------
# Moderators of the process build it, invite, run the rounds and read the results
# (participation.moderate_process on the process). Invited experts answer through their
# personal link, which needs no permission; with an account, those who take part in the
# process answer too when the survey is open to participants.
@rules.predicate
def survey_open_to_participants(user, survey) -> bool:
    return survey is not None and survey.open_to_participants


@rules.predicate
def may_read_survey_process(user, survey) -> bool:
    return survey is not None and may_read(user, survey.phase.process)


rules.add_perm(
    "participation.answer_survey",
    is_logged_in & survey_open_to_participants & may_read_survey_process,
)


# --- citizens' dialogue (object: the dialogue) -------------------------------------------
# Whoever reads the process reads its dialogue and may report a contribution. Writing and
# supporting need the phase to run and, unless the dialogue lets people without an account
# write (anonymously or with a confirmed e-mail address) in a public process, a login.
# Moderators (participation.moderate_process on the process) approve, hide and answer.
@rules.predicate
def may_read_dialogue(user, dialogue) -> bool:
    return dialogue is not None and may_read(user, dialogue.phase.process)


@rules.predicate
def dialogue_is_running(user, dialogue) -> bool:
    return dialogue is not None and dialogue.phase.state() == "running"


@rules.predicate
def dialogue_open_without_account(user, dialogue) -> bool:
    return (
        dialogue is not None
        and dialogue.identity != dialogue.Identity.ACCOUNT
        and dialogue.phase.process.visibility == Process.Visibility.PUBLIC
    )


rules.add_perm("participation.view_dialogue", may_read_dialogue)
rules.add_perm(
    "participation.write_in_dialogue",
    may_read_dialogue & dialogue_is_running & (is_logged_in | dialogue_open_without_account),
)
