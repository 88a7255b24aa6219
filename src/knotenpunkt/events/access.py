"""Who may see an event and who may attend it: the audience rules, in one place.

Group audiences ask `knotenpunkt.groups.access`, the one place deciding group access, so
an event of an invitation-only club is as discreet as the club itself. The rules
predicates in events/rules.py and the registration service both call these.
"""

from django.utils import timezone

from knotenpunkt.directory.models import Membership, Organisation, Position
from knotenpunkt.directory.rules import clusters_looked_after


def organises(user, event) -> bool:
    """Platform admins and the staff of one of the organising clusters."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return event.clusters.filter(pk__in=clusters_looked_after(user)).exists()


def leads_organising_group(user, event) -> bool:
    if not user.is_authenticated:
        return False
    from knotenpunkt.groups.access import is_lead

    return any(is_lead(user, group) for group in event.groups.all())


def member_organisations(event):
    """Organisations with an active membership in one of the event's clusters today."""
    memberships = Membership.objects.active_on(timezone.localdate()).filter(
        cluster__in=event.clusters.all()
    )
    return Organisation.objects.filter(memberships__in=memberships)


def person_is_eligible(person, event) -> bool:
    """May `person` attend `event` under its audience rule?"""
    audience = event.audience
    if audience == event.Audience.PUBLIC:
        return True
    if person.user_id and organises(person.user, event):
        return True
    if audience == event.Audience.MEMBERS:
        return (
            Position.objects.current()
            .filter(person=person, organisation__in=member_organisations(event))
            .exists()
        )
    if audience == event.Audience.GROUP:
        return _eligible_for_a_group(person, event)
    if audience == event.Audience.INVITATION:
        return event.invitations.filter(person=person).exists()
    return False


def _eligible_for_a_group(person, event) -> bool:
    groups = list(event.groups.all())
    if person.user_id:
        from knotenpunkt.groups.access import eligible_for

        return any(eligible_for(person.user, group) for group in groups)
    from knotenpunkt.groups.access import is_excluded_person

    # A colleague without an account can only qualify through an existing membership.
    return any(
        group.memberships.filter(person=person, status="active").exists()
        and not is_excluded_person(person, group)
        for group in groups
    )


def user_may_view(user, event) -> bool:
    """Published events are seen by those they are meant for; organisers see everything.

    Public and members-only events are announced to everyone (members-only ones invite
    firms to join); group events are seen where the group is; invitation-only events only
    by their guests.
    """
    if organises(user, event):
        return True
    if not event.is_published:
        return False
    audience = event.audience
    if audience in (event.Audience.PUBLIC, event.Audience.MEMBERS):
        return True
    if audience == event.Audience.GROUP:
        from knotenpunkt.groups.access import can_view_group

        return any(can_view_group(user, group) for group in event.groups.all())
    person = own_person(user)
    return person is not None and event.invitations.filter(person=person).exists()


def user_may_attend(user, event) -> bool:
    person = own_person(user)
    return person is not None and event.is_published and person_is_eligible(person, event)


def own_person(user):
    if not user.is_authenticated:
        return None
    return getattr(user, "person", None)


def works_with(user, person) -> bool:
    """Does `user` hold a current function at an organisation where `person` works?"""
    if not user.is_authenticated or person is None or person.pk is None:
        return False
    organisations = person.positions.current().values("organisation")
    return (
        Position.objects.current()
        .filter(person__user=user, organisation__in=organisations)
        .exists()
    )
