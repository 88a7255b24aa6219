"""What leads, members and the cluster management do with a group.

Every function checks the access rule it depends on (views check first for a clear page,
the service again because it is the one place that writes) and writes the audit log.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import changes_between, log_action, snapshot
from knotenpunkt.groups import access
from knotenpunkt.groups.models import Group, GroupMembership, Meeting, MeetingDocument
from knotenpunkt.groups.wording import sentence
from knotenpunkt.outbox.services import queue_mail

Role = GroupMembership.Role
Status = GroupMembership.Status

GROUP_FIELDS = [
    "name",
    "slug",
    "kind",
    "name_gender",
    "policy",
    "clusters",
    "summary",
    "description",
    "topics",
    "guests_welcome",
    "excluded_wz_prefixes",
    "excluded_topics",
]


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _lock(group: Group) -> Group:
    # Serialises joins, requests and approvals of one group, so that a double click or two
    # leads approving at once give one membership and a clear message.
    return Group.objects.select_for_update().get(pk=group.pk)


@transaction.atomic
def create_group(actor, form) -> Group:
    """Staff create a group (the form limits the clusters to their own)."""
    group = form.save()
    log_action(actor, "groups.group.created", group, policy=group.policy)
    return group


@transaction.atomic
def save_group(actor, form) -> Group:
    """Save the group's settings (leads: description and topics; staff: everything)."""
    group = form.instance
    _require(access.may_manage(actor, group))
    fields = [f for f in GROUP_FIELDS if f in form.fields]
    before = snapshot(Group.objects.get(pk=group.pk), fields)
    group = form.save()
    changes = changes_between(before, snapshot(group, fields))
    if changes:
        log_action(actor, "groups.group.changed", group, changes=changes)
    return group


@transaction.atomic
def join_group(actor, group: Group) -> GroupMembership:
    """Join an open or cluster-members group, or accept an invitation."""
    group = _lock(group)
    if not access.may_join(actor, group):
        raise ValidationError(_("You cannot join this group."))
    person = access.person_of(actor)
    membership, created = GroupMembership.objects.get_or_create(
        group=group, person=person, defaults={"status": Status.ACTIVE}
    )
    accepted = not created and membership.status == Status.INVITED
    membership.status = Status.ACTIVE
    membership.joined_at = timezone.now()
    membership.save(update_fields=["status", "joined_at"])
    action = "groups.member.accepted_invitation" if accepted else "groups.member.joined"
    log_action(actor, action, group, person=person.full_name)
    return membership


@transaction.atomic
def request_membership(actor, group: Group, message: str = "") -> GroupMembership:
    """Ask the leads of an on-request group for admission; they are told by mail."""
    group = _lock(group)
    if not access.may_request(actor, group):
        raise ValidationError(_("You cannot ask to join this group."))
    person = access.person_of(actor)
    membership = GroupMembership.objects.create(
        group=group, person=person, status=Status.REQUESTED, message=message.strip()
    )
    log_action(actor, "groups.member.requested", group, person=person.full_name)
    manage_path = reverse("groups:manage_members", args=[group.slug])
    for lead in _leads(group):
        if lead.primary_email:
            queue_mail(
                "groups_join_request",
                lead.primary_email,
                {
                    "name": lead.full_name,
                    "group": group.name,
                    "applicant": person.full_name,
                    "subject": sentence("request_subject", group, applicant=person.full_name),
                    "request": sentence("request", group, applicant=person.full_name),
                    "message": membership.message,
                    "manage_path": manage_path,
                },
            )
    return membership


def _leads(group: Group):
    from knotenpunkt.directory.models import Person

    return Person.objects.filter(
        group_memberships__group=group,
        group_memberships__role=Role.LEAD,
        group_memberships__status=Status.ACTIVE,
    ).prefetch_related("emails")


@transaction.atomic
def approve_request(actor, membership: GroupMembership) -> GroupMembership:
    """A lead (or the cluster management) admits someone who asked to join."""
    group = _lock(membership.group)
    _require(access.may_manage(actor, group))
    membership = GroupMembership.objects.select_related("person").get(pk=membership.pk)
    if membership.status != Status.REQUESTED:
        raise ValidationError(_("This request has already been answered."))
    if access.is_excluded_person(membership.person, group):
        raise ValidationError(
            _("%(name)s works at an organisation this group excludes."),
            params={"name": membership.person.full_name},
        )
    membership.status = Status.ACTIVE
    membership.joined_at = timezone.now()
    membership.save(update_fields=["status", "joined_at"])
    log_action(actor, "groups.member.approved", group, person=membership.person.full_name)
    if membership.person.primary_email:
        queue_mail(
            "groups_request_approved",
            membership.person.primary_email,
            {
                "name": membership.person.full_name,
                "group": group.name,
                "subject": sentence("approved_subject", group),
                "approved": sentence("approved", group),
                "group_path": group.get_absolute_url(),
            },
        )
    return membership


@transaction.atomic
def decline_request(actor, membership: GroupMembership) -> None:
    group = _lock(membership.group)
    _require(access.may_manage(actor, group))
    if membership.status != Status.REQUESTED:
        raise ValidationError(_("This request has already been answered."))
    membership.delete()
    log_action(actor, "groups.member.declined", group, person=membership.person.full_name)


@transaction.atomic
def invite(actor, group: Group, person) -> GroupMembership:
    """Invite a person; they accept on the group page. Excluded categories cannot be
    invited, and nobody is invited twice."""
    group = _lock(group)
    _require(access.may_invite(actor, group))
    if not access.may_invite_person(person, group):
        raise ValidationError(
            _("%(name)s works at an organisation this group excludes."),
            params={"name": person.full_name},
        )
    inviter = access.person_of(actor)
    try:
        with transaction.atomic():
            membership = GroupMembership.objects.create(
                group=group, person=person, status=Status.INVITED, invited_by=inviter
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("%(name)s is already a member, invited or waiting for approval."),
            params={"name": person.full_name},
        ) from exc
    log_action(actor, "groups.member.invited", group, person=person.full_name)
    if person.primary_email:
        queue_mail(
            "groups_invitation",
            person.primary_email,
            {
                "name": person.full_name,
                "group": group.name,
                "subject": sentence("invitation_subject", group),
                "invitation": (
                    sentence("invited_by", group, inviter=inviter.full_name)
                    if inviter
                    else sentence("invited", group)
                ),
                "group_path": group.get_absolute_url(),
                "discreet": group.policy == Group.Policy.INVITATION,
            },
        )
    return membership


@transaction.atomic
def decline_invitation(actor, group: Group) -> None:
    person = access.person_of(actor)
    deleted, _rows = GroupMembership.objects.filter(
        group=group, person=person, status=Status.INVITED
    ).delete()
    if deleted:
        log_action(actor, "groups.member.invitation_declined", group, person=person.full_name)


def _refuse_last_lead(membership: GroupMembership) -> None:
    if membership.role != Role.LEAD:
        return
    others = GroupMembership.objects.filter(
        group=membership.group, role=Role.LEAD, status=Status.ACTIVE
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(
            _("A group needs a lead: appoint another lead before the last one leaves.")
        )


@transaction.atomic
def leave_group(actor, group: Group) -> None:
    group = _lock(group)
    person = access.person_of(actor)
    membership = GroupMembership.objects.filter(
        group=group, person=person, status=Status.ACTIVE
    ).first()
    if membership is None:
        raise ValidationError(_("You are not a member of this group."))
    _refuse_last_lead(membership)
    membership.delete()
    log_action(actor, "groups.member.left", group, person=person.full_name)


@transaction.atomic
def remove_member(actor, membership: GroupMembership) -> None:
    """Remove a member, withdraw an invitation or cancel a request."""
    group = _lock(membership.group)
    _require(access.may_manage(actor, group))
    _refuse_last_lead(membership)
    membership.delete()
    log_action(actor, "groups.member.removed", group, person=membership.person.full_name)


@transaction.atomic
def set_role(actor, membership: GroupMembership, role: str) -> GroupMembership:
    """Appoint an active member lead, or make a lead an ordinary member again."""
    group = _lock(membership.group)
    _require(access.may_manage(actor, group))
    membership = GroupMembership.objects.select_related("person").get(pk=membership.pk)
    if membership.status != Status.ACTIVE:
        raise ValidationError(_("Only active members can lead a group."))
    if role == Role.MEMBER:
        _refuse_last_lead(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    log_action(
        actor, "groups.member.role_changed", group, person=membership.person.full_name, role=role
    )
    return membership


@transaction.atomic
def add_member(actor, group: Group, person, role: str = Role.MEMBER) -> GroupMembership:
    """The cluster management adds founders and leads directly (not to invitation-only
    clubs beyond their founders: there, members invite)."""
    _require(access.is_staff_for_group(actor, group))
    if access.is_excluded_person(person, group):
        raise ValidationError(
            _("%(name)s works at an organisation this group excludes."),
            params={"name": person.full_name},
        )
    membership, _created = GroupMembership.objects.update_or_create(
        group=group,
        person=person,
        defaults={"status": Status.ACTIVE, "role": role, "joined_at": timezone.now()},
    )
    log_action(actor, "groups.member.added", group, person=person.full_name, role=role)
    return membership


@transaction.atomic
def save_meeting(actor, form) -> Meeting:
    meeting = form.instance
    _require(access.may_manage(actor, meeting.group))
    created = meeting.pk is None
    meeting = form.save()
    action = "groups.meeting.created" if created else "groups.meeting.changed"
    log_action(actor, action, meeting.group, meeting=meeting.title)
    return meeting


@transaction.atomic
def delete_meeting(actor, meeting: Meeting) -> None:
    _require(access.may_manage(actor, meeting.group))
    files = [d.file.name for d in meeting.documents.exclude(file="")]
    meeting.delete()
    _delete_files_after_commit(files)
    log_action(actor, "groups.meeting.deleted", meeting.group, meeting=meeting.title)


@transaction.atomic
def add_document(actor, form) -> MeetingDocument:
    document = form.instance
    _require(access.may_manage(actor, document.meeting.group))
    upload = form.cleaned_data.get("file")
    if upload:
        document.original_name = upload.name[:255]
    document.uploaded_by = actor
    document = form.save()
    log_action(
        actor,
        "groups.document.added",
        document.meeting.group,
        meeting=document.meeting.title,
        document=document.title,
    )
    return document


@transaction.atomic
def delete_document(actor, document: MeetingDocument) -> None:
    group = document.meeting.group
    _require(access.may_manage(actor, group))
    files = [document.file.name] if document.file else []
    document.delete()
    _delete_files_after_commit(files)
    log_action(
        actor,
        "groups.document.removed",
        group,
        meeting=document.meeting.title,
        document=document.title,
    )


def _delete_files_after_commit(names: list[str]) -> None:
    storage = MeetingDocument._meta.get_field("file").storage

    def delete():
        for name in names:
            storage.delete(name)

    # A rolled-back deletion must still find its file.
    transaction.on_commit(delete)


def meetings_of(group: Group):
    """(upcoming, past) meetings, documents prefetched."""
    now = timezone.now()
    meetings = group.meetings.prefetch_related("documents")
    upcoming = meetings.filter(starts_at__gte=now).order_by("starts_at")
    past = meetings.filter(starts_at__lt=now).order_by("-starts_at")
    return list(upcoming), list(past)


def events_of(group: Group):
    """(upcoming, past) published events the group organises (the events app's model)."""
    now = timezone.now()
    events = group.events.filter(is_published=True)
    return (
        list(events.filter(ends_at__gte=now).order_by("starts_at")[:20]),
        list(events.filter(ends_at__lt=now).order_by("-starts_at")[:20]),
    )
