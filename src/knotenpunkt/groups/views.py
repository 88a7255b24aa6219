from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.core.permissions import require_perm
from knotenpunkt.core.richtext import render_markdown
from knotenpunkt.groups import access, services
from knotenpunkt.groups.forms import (
    AddMemberForm,
    DocumentForm,
    InviteForm,
    JoinRequestForm,
    LeadGroupForm,
    MeetingForm,
    StaffGroupForm,
)
from knotenpunkt.groups.models import Group, GroupMembership, Meeting, MeetingDocument
from knotenpunkt.groups.wording import sentence

Status = GroupMembership.Status


def _visible_group(request, slug) -> Group:
    group = get_object_or_404(Group, slug=slug)
    if not request.user.has_perm("groups.view_group", group):
        # Discretion: an invitation-only club does not even admit that it exists.
        raise Http404
    return group


def _error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def group_list(request):
    groups = (
        access.visible_groups(request.user)
        .prefetch_related("clusters", "topics")
        .annotate(member_count=Count("memberships", filter=Q(memberships__status=Status.ACTIVE)))
        .order_by("kind", "name")
    )
    kind = request.GET.get("kind")
    if kind in Group.Kind.values:
        groups = groups.filter(kind=kind)
    mine = set()
    if person := access.person_of(request.user):
        mine = set(
            GroupMembership.objects.filter(person=person, status=Status.ACTIVE).values_list(
                "group_id", flat=True
            )
        )
    return render(
        request,
        "groups/group_list.html",
        {"groups": groups, "mine": mine, "kinds": Group.Kind.choices, "kind": kind},
    )


def group_detail(request, slug):
    group = _visible_group(request, slug)
    user = request.user
    can_view_members = user.has_perm("groups.view_members", group)
    memberships = group.memberships.filter(status=Status.ACTIVE).select_related("person")
    leads = [m for m in memberships if m.role == GroupMembership.Role.LEAD]
    # In an invitation-only club even the leads stay private to its members.
    if group.policy == Group.Policy.INVITATION and not can_view_members:
        leads = []
    upcoming, past = services.meetings_of(group)
    for meeting in (*upcoming, *past):
        meeting.agenda_html = render_markdown(meeting.agenda)
        meeting.minutes_html = render_markdown(meeting.minutes)
    upcoming_events, past_events = services.events_of(group)
    return render(
        request,
        "groups/group_detail.html",
        {
            "group": group,
            "description_html": render_markdown(group.description),
            "topics": group.topics.all(),
            "clusters": group.clusters.all(),
            "leads": leads,
            "members": memberships if can_view_members else None,
            "member_count": len(memberships),
            "upcoming": upcoming,
            "past": past,
            "upcoming_events": upcoming_events,
            "past_events": past_events,
            "can_view_documents": user.has_perm("groups.view_documents", group),
            "is_member": access.is_active_member(user, group),
            "is_invited": access.is_invited(user, group),
            "has_requested": access.has_requested(user, group),
            "is_excluded": access.is_excluded(user, group),
            "join_form": JoinRequestForm(),
        },
    )


@login_required
@require_POST
def group_join(request, slug):
    group = _visible_group(request, slug)
    try:
        services.join_group(request.user, group)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, sentence("welcome", group))
    return redirect(group)


@login_required
@require_POST
def group_request(request, slug):
    group = _visible_group(request, slug)
    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("message", []):
            messages.error(request, error)
        return redirect(group)
    try:
        services.request_membership(request.user, group, form.cleaned_data["message"])
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(
            request, _("Your request has been sent. The leads will decide on it soon.")
        )
    return redirect(group)


@login_required
@require_POST
def group_leave(request, slug):
    group = _visible_group(request, slug)
    try:
        services.leave_group(request.user, group)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, sentence("left", group))
    return redirect(group if access.can_view_group(request.user, group) else "groups:list")


@login_required
@require_POST
def invitation_decline(request, slug):
    group = _visible_group(request, slug)
    services.decline_invitation(request.user, group)
    messages.success(request, _("You have declined the invitation."))
    return redirect("groups:list")


@login_required
def group_create(request):
    require_perm(request, "groups.create_group")
    form = StaffGroupForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        group = services.create_group(request.user, form)
        messages.success(request, _("The group has been created. Now appoint its leads."))
        return redirect("groups:manage_members", slug=group.slug)
    return render(request, "groups/group_form.html", {"form": form, "group": None})


@login_required
def group_edit(request, slug):
    group = _visible_group(request, slug)
    require_perm(request, "groups.manage_group", group)
    if access.is_staff_for_group(request.user, group):
        form = StaffGroupForm(request.POST or None, instance=group, user=request.user)
    else:
        form = LeadGroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        group = services.save_group(request.user, form)
        messages.success(request, _("The group has been saved."))
        return redirect(group)
    return render(request, "groups/group_form.html", {"form": form, "group": group})


@login_required
def manage_members(request, slug):
    group = _visible_group(request, slug)
    user = request.user
    may_manage = user.has_perm("groups.manage_group", group)
    may_invite = user.has_perm("groups.invite_to_group", group)
    if not (may_manage or may_invite):
        raise PermissionDenied
    invite_form = InviteForm(group=group, prefix="invite")
    add_form = AddMemberForm(group=group, prefix="add")
    if request.method == "POST" and "invite-email" in request.POST and may_invite:
        invite_form = InviteForm(request.POST, group=group, prefix="invite")
        if invite_form.is_valid():
            person = invite_form.cleaned_data["person"]
            try:
                services.invite(user, group, person)
            except ValidationError as error:
                invite_form.add_error("email", error)
            else:
                messages.success(request, _("%(name)s has been invited.") % {"name": person})
                return redirect("groups:manage_members", slug=slug)
    elif request.method == "POST" and "add-email" in request.POST:
        require_perm(request, "groups.add_group_members", group)
        add_form = AddMemberForm(request.POST, group=group, prefix="add")
        if add_form.is_valid():
            person = add_form.cleaned_data["person"]
            try:
                services.add_member(user, group, person, add_form.cleaned_data["role"])
            except ValidationError as error:
                add_form.add_error("email", error)
            else:
                messages.success(request, _("%(name)s has been added.") % {"name": person})
                return redirect("groups:manage_members", slug=slug)
    memberships = group.memberships.select_related("person", "invited_by").prefetch_related(
        "person__emails"
    )
    members = [m for m in memberships if m.status == Status.ACTIVE]
    if not user.has_perm("groups.view_members", group):
        # An invitation-only club: its staff appoint founders but see how many, not who.
        return render(
            request,
            "groups/manage_members.html",
            {
                "group": group,
                "may_add": user.has_perm("groups.add_group_members", group),
                "members": None,
                "member_count": len(members),
                "add_form": add_form,
            },
        )
    return render(
        request,
        "groups/manage_members.html",
        {
            "group": group,
            "may_manage": may_manage,
            "may_invite": may_invite,
            "may_add": user.has_perm("groups.add_group_members", group),
            "requests": [m for m in memberships if m.status == Status.REQUESTED],
            "invitations": [m for m in memberships if m.status == Status.INVITED],
            "members": members,
            "member_count": len(members),
            "invite_form": invite_form,
            "add_form": add_form,
        },
    )


def _managed_membership(request, slug, pk) -> GroupMembership:
    membership = get_object_or_404(
        GroupMembership.objects.select_related("group", "person"), pk=pk, group__slug=slug
    )
    require_perm(request, "groups.manage_group", membership.group)
    return membership


@login_required
@require_POST
def membership_action(request, slug, pk, action):
    membership = _managed_membership(request, slug, pk)
    name = membership.person.full_name
    operations = {
        "approve": (services.approve_request, _("%(name)s is now a member.")),
        "decline": (services.decline_request, _("The request of %(name)s has been declined.")),
        "remove": (services.remove_member, _("%(name)s has been removed.")),
        "make_lead": (
            lambda actor, m: services.set_role(actor, m, GroupMembership.Role.LEAD),
            _("%(name)s now leads the group."),
        ),
        "make_member": (
            lambda actor, m: services.set_role(actor, m, GroupMembership.Role.MEMBER),
            _("%(name)s is no longer a lead."),
        ),
    }
    if action not in operations:
        raise Http404
    operation, success = operations[action]
    try:
        operation(request.user, membership)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, success % {"name": name})
    if access.may_manage(request.user, membership.group):
        return redirect("groups:manage_members", slug=slug)
    return redirect(membership.group)


@login_required
def meeting_edit(request, slug, pk=None):
    group = _visible_group(request, slug)
    require_perm(request, "groups.manage_group", group)
    meeting = get_object_or_404(Meeting, pk=pk, group=group) if pk else Meeting(group=group)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        services.save_meeting(request.user, form)
        messages.success(request, _("The meeting has been saved."))
        return redirect(group)
    documents = meeting.documents.all() if meeting.pk else []
    return render(
        request,
        "groups/meeting_form.html",
        {
            "group": group,
            "meeting": meeting,
            "form": form,
            "documents": documents,
            "document_form": DocumentForm() if meeting.pk else None,
        },
    )


@login_required
@require_POST
def meeting_delete(request, slug, pk):
    group = _visible_group(request, slug)
    require_perm(request, "groups.manage_group", group)
    meeting = get_object_or_404(Meeting, pk=pk, group=group)
    services.delete_meeting(request.user, meeting)
    messages.success(request, _("The meeting has been deleted."))
    return redirect(group)


@login_required
def document_add(request, slug, pk):
    group = _visible_group(request, slug)
    require_perm(request, "groups.manage_group", group)
    meeting = get_object_or_404(Meeting, pk=pk, group=group)
    form = DocumentForm(
        request.POST or None, request.FILES or None, instance=MeetingDocument(meeting=meeting)
    )
    if request.method == "POST" and form.is_valid():
        services.add_document(request.user, form)
        messages.success(request, _("The document has been added."))
        return redirect("groups:meeting_edit", slug=slug, pk=meeting.pk)
    return render(
        request,
        "groups/meeting_form.html",
        {
            "group": group,
            "meeting": meeting,
            "form": MeetingForm(instance=meeting),
            "documents": meeting.documents.all(),
            "document_form": form,
        },
    )


def _document(slug, pk) -> MeetingDocument:
    return get_object_or_404(
        MeetingDocument.objects.select_related("meeting__group"),
        pk=pk,
        meeting__group__slug=slug,
    )


def document_download(request, slug, pk):
    """Files of the private storage leave only through this permission check."""
    document = _document(slug, pk)
    group = document.meeting.group
    if not request.user.has_perm("groups.view_group", group):
        raise Http404
    if not request.user.has_perm("groups.view_documents", group):
        if not request.user.is_authenticated:
            return redirect(f"{_login_url()}?next={request.path}")
        raise PermissionDenied
    if not document.file:
        raise Http404
    name = document.original_name or PurePath(document.file.name).name
    response = FileResponse(document.file.open("rb"), as_attachment=True, filename=name)
    # Minutes of a closed group must not linger in shared caches.
    response["Cache-Control"] = "private, no-store"
    return response


def _login_url():
    from django.conf import settings
    from django.shortcuts import resolve_url

    return resolve_url(settings.LOGIN_URL)


@login_required
@require_POST
def document_delete(request, slug, pk):
    document = _document(slug, pk)
    require_perm(request, "groups.manage_group", document.meeting.group)
    meeting = document.meeting
    services.delete_document(request.user, document)
    messages.success(request, _("The document has been removed."))
    return redirect("groups:meeting_edit", slug=slug, pk=meeting.pk)
