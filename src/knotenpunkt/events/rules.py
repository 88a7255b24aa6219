"""Who sees an event, who may attend and who organises it is decided by events.access
(audience rules, which ask groups.access for group events); these predicates wrap it.

The attendee list is personal data of people from many firms: only the staff of an
organising cluster export it.
"""

import rules

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.rules import is_cluster_staff, is_own_person, is_staff_for_person
from knotenpunkt.events import access


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
def registered_for_self_or_colleague(user, registration) -> bool:
    if registration is None or not user.is_authenticated:
        return False
    person = registration.person
    return person.user_id == user.pk or access.works_with(user, person)


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
    registered_for_self_or_colleague | organises_event_of_registration,
)
rules.add_perm("events.manage_event", organises_event)
rules.add_perm("events.check_in", organises_event | leads_organising_group)
