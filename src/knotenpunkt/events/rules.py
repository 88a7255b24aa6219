"""Who sees an event, who may attend and who organises it is decided by events.access
(audience rules, which ask groups.access for group events); these predicates wrap it.

The attendee list is personal data of people from many firms: only the staff of an
organising cluster export it.
"""

import rules
from django.db.models import Q

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.rules import (
    administers_person,
    clusters_looked_after,
    is_cluster_staff,
    is_organisation_admin,
    is_own_person,
    is_staff_for_person,
)
from knotenpunkt.events import access
from knotenpunkt.events.models import Event, Registration


def events_looked_after(user):
    """Events organised by a cluster the user looks after (their attendance, attendee lists
    and registrations are the staff's): the attendance figures and the admin list these."""
    organised = Event.clusters.through.objects.filter(cluster__in=clusters_looked_after(user))
    return Event.objects.filter(pk__in=organised.values("event"))


def registrations_looked_after(user):
    """Registrations (attendees) of the events the user's clusters organise."""
    return Registration.objects.filter(event__in=events_looked_after(user))


def registrations_held_or_booked(user):
    """The user's own registrations and those they made for colleagues (their list of
    registrations, on the page and in the API): `holds_or_booked_ticket` as a queryset."""
    if not user.is_authenticated:
        return Registration.objects.none()
    return Registration.objects.filter(Q(person__user=user) | Q(registered_by=user))


@rules.predicate
def organises_event(user, event) -> bool:
    return event is not None and access.organises(user, event)


@rules.predicate
def may_view_event(user, event) -> bool:
    return event is not None and access.user_may_view(user, event)


@rules.predicate
def may_attend_event(user, event) -> bool:
    return event is not None and access.user_may_attend(user, event)


@rules.predicate
def leads_organising_group(user, event) -> bool:
    return event is not None and access.leads_organising_group(user, event)


@rules.predicate
def works_with_person(user, person) -> bool:
    """A person registers colleagues of their own organisation (the admin among them)."""
    return access.works_with(user, person)


@rules.predicate
def holds_or_booked_ticket(user, registration) -> bool:
    """The attendee, and whoever registered them (it is on their list of registrations)."""
    if registration is None or not user.is_authenticated:
        return False
    return registration.person.user_id == user.pk or registration.registered_by_id == user.pk


@rules.predicate
def administers_ticket_holder(user, registration) -> bool:
    """The admin of the firm registered for, or of one the attendee works at; colleagues
    without the admin right neither download nor cancel someone else's ticket."""
    if registration is None:
        return False
    return is_organisation_admin(user, registration.organisation) or administers_person(
        user, registration.person
    )


@rules.predicate
def organises_event_of_registration(user, registration) -> bool:
    return registration is not None and access.organises(user, registration.event)


rules.add_perm("events.export_attendees", organises_event)
rules.add_perm("events.view_attendance", organises_event)
rules.add_perm("events.view_attendance_overview", is_platform_admin | is_cluster_staff)
rules.add_perm("events.view_event", may_view_event)
rules.add_perm("events.attend_event", may_attend_event)
rules.add_perm(
    "events.register_person",
    is_platform_admin | is_own_person | works_with_person | is_staff_for_person,
)
rules.add_perm(
    "events.cancel_registration",
    holds_or_booked_ticket | administers_ticket_holder | organises_event_of_registration,
)
rules.add_perm("events.manage_event", organises_event)
rules.add_perm("events.check_in", organises_event | leads_organising_group)
