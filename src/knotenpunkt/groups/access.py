"""Who may see, join and read what in a topic group or club: decided here and nowhere else.

Pages, member lists, documents and (through `eligible_for`) event audiences all ask these
functions; `groups/rules.py` wraps them as rules for views and templates.

The policies:

- open: anyone registered may join; the page and the documents are public.
- cluster members: people working at a member organisation of one of the group's
  clusters may join; page public, documents for members.
- on request: anyone registered may ask, a lead approves; page public, documents for members.
- invitation: only existing members invite; the group is seen only by its members, those
  invited and the cluster management, and its member list by its members only.

Exclusions (e.g. an HR club closed to HR service providers) come from the attributes of
the organisations a person currently works at (WZ code prefix, topics): anyone at one such
organisation is excluded, whatever the policy, and nobody can admit them by hand.
"""

from django.db.models import Q, QuerySet

from knotenpunkt.directory.models import Membership, Organisation, Person, Position
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.groups.models import Group, GroupMembership

Policy = Group.Policy
Status = GroupMembership.Status


def person_of(user) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    # Cached on the user object: a page asks several of these questions.
    if not hasattr(user, "_group_person"):
        user._group_person = Person.objects.filter(user=user, erased_at__isnull=True).first()
    return user._group_person


def _membership(user, group) -> GroupMembership | None:
    person = person_of(user)
    if person is None or group is None or group.pk is None:
        return None
    return GroupMembership.objects.filter(group=group, person=person).first()


def is_staff_for_group(user, group) -> bool:
    """Platform admins and the cluster management of one of the group's clusters."""
    if not getattr(user, "is_authenticated", False) or group is None or group.pk is None:
        return False
    if user.is_superuser:
        return True
    return clusters_looked_after(user).filter(groups=group).exists()


def is_active_member(user, group) -> bool:
    membership = _membership(user, group)
    return membership is not None and membership.status == Status.ACTIVE


def is_lead(user, group) -> bool:
    membership = _membership(user, group)
    return (
        membership is not None
        and membership.status == Status.ACTIVE
        and membership.role == GroupMembership.Role.LEAD
    )


def is_invited(user, group) -> bool:
    membership = _membership(user, group)
    return membership is not None and membership.status == Status.INVITED


def has_requested(user, group) -> bool:
    membership = _membership(user, group)
    return membership is not None and membership.status == Status.REQUESTED


def current_organisations(person: Person) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        pk__in=Position.objects.current().filter(person=person).values("organisation")
    )


def is_excluded_person(person: Person | None, group: Group) -> bool:
    """True if the person works at an organisation of a category the group excludes."""
    if person is None:
        return False
    prefixes = group.wz_prefix_list
    excluded_topics = group.excluded_topics.values("pk")
    if not prefixes and not excluded_topics.exists():
        return False
    condition = Q(topics__in=excluded_topics)
    for prefix in prefixes:
        condition |= Q(wz_code__startswith=prefix)
    return current_organisations(person).filter(condition).exists()


def is_excluded(user, group) -> bool:
    return is_excluded_person(person_of(user), group)


def works_at_cluster_member(person: Person | None, group: Group) -> bool:
    """The person currently works at an organisation with a running membership in one of
    the group's clusters."""
    if person is None:
        return False
    return (
        Membership.objects.in_force()
        .filter(cluster__groups=group, organisation__in=current_organisations(person))
        .exists()
    )


def can_view_group(user, group) -> bool:
    if group.policy != Policy.INVITATION:
        return True
    if is_staff_for_group(user, group):
        return True
    membership = _membership(user, group)
    return membership is not None and membership.status in (Status.ACTIVE, Status.INVITED)


def can_view_members(user, group) -> bool:
    """Member lists are personal data: never public, and in an invitation-only club seen
    only by its own members (discretion: the cluster management sees how many, not who)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if group.policy == Policy.INVITATION:
        return is_active_member(user, group)
    if is_staff_for_group(user, group) or is_active_member(user, group):
        return True
    if group.policy == Policy.OPEN:
        return person_of(user) is not None
    if group.policy == Policy.CLUSTER_MEMBERS:
        return works_at_cluster_member(person_of(user), group)
    return False


def can_view_documents(user, group) -> bool:
    """Minutes, slides, files and links of the meetings."""
    if group.policy == Policy.OPEN:
        return True
    return is_staff_for_group(user, group) or is_active_member(user, group)


def groups_with_visible_documents(user, groups) -> set[int]:
    """The pks of `groups` whose documents `user` may see: `can_view_documents` for many
    groups at once (two queries at most, whatever their number; for lists and the feed)."""
    groups = [g for g in groups if g is not None and g.pk is not None]
    allowed = {g.pk for g in groups if g.policy == Policy.OPEN}
    rest = {g.pk for g in groups} - allowed
    if not rest or not getattr(user, "is_authenticated", False):
        return allowed
    if user.is_superuser:
        return allowed | rest
    allowed |= set(
        Group.objects.filter(pk__in=rest, clusters__in=clusters_looked_after(user)).values_list(
            "pk", flat=True
        )
    )
    person = person_of(user)
    if person is not None and rest - allowed:
        allowed |= set(
            GroupMembership.objects.filter(
                group_id__in=rest - allowed, person=person, status=Status.ACTIVE
            ).values_list("group_id", flat=True)
        )
    return allowed


def may_join(user, group) -> bool:
    """May become an active member right now, without anyone's approval.

    An invitation counts (the invited person accepts it); a join request does not, it
    waits for a lead.
    """
    person = person_of(user)
    if person is None or is_active_member(user, group):
        return False
    if is_excluded_person(person, group):
        return False
    if is_invited(user, group):
        return True
    if group.policy == Policy.OPEN:
        return True
    if group.policy == Policy.CLUSTER_MEMBERS:
        return works_at_cluster_member(person, group)
    return False


def may_request(user, group) -> bool:
    """May ask the leads of an on-request group to be admitted."""
    person = person_of(user)
    if group.policy != Policy.ON_REQUEST or person is None:
        return False
    if _membership(user, group) is not None:
        return False
    return not is_excluded_person(person, group)


def may_leave(user, group) -> bool:
    return is_active_member(user, group)


def may_invite(user, group) -> bool:
    """In an invitation-only club its members invite (discretion: not even the cluster
    management adds people it chose); elsewhere the leads and the cluster management."""
    if group.policy == Policy.INVITATION:
        return is_active_member(user, group)
    return is_lead(user, group) or is_staff_for_group(user, group)


def may_manage(user, group) -> bool:
    """Leads manage their own group; cluster staff every group of their clusters."""
    return is_lead(user, group) or is_staff_for_group(user, group)


def may_invite_person(person: Person, group: Group) -> bool:
    """Whether `person` may be invited at all (not excluded by category)."""
    return not is_excluded_person(person, group)


def eligible_for(user, group) -> bool:
    """For event audiences: members of the group, or who may join it right now. An
    excluded person is not eligible even when still listed as member."""
    if is_excluded(user, group):
        return False
    return is_active_member(user, group) or may_join(user, group)


def visible_groups(user) -> QuerySet[Group]:
    """The groups `user` may see, as one query (for lists)."""
    groups = Group.objects.all()
    if getattr(user, "is_authenticated", False) and user.is_superuser:
        return groups
    visible = ~Q(policy=Policy.INVITATION)
    if getattr(user, "is_authenticated", False):
        # Small subqueries on the indexed link tables, not joins in an OR: with 20,000
        # memberships the joined form took 100-200 ms inside the calendar's and the
        # feed's event queries (docs/benchmarks.md, "Member feed").
        visible |= Q(
            pk__in=Group.clusters.through.objects.filter(
                cluster__in=clusters_looked_after(user)
            ).values("group_id")
        )
        visible |= Q(
            pk__in=GroupMembership.objects.filter(
                person__user=user, status__in=[Status.ACTIVE, Status.INVITED]
            ).values("group_id")
        )
    return groups.filter(visible)
