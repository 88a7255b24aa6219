"""The moderators' pages of a process: its settings, phases, moderators and invitations;
and the list of processes one moderates, with the form for a new one."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from knotenpunkt.core.permissions import is_platform_admin, require_perm
from knotenpunkt.directory.models import Cluster, Organisation
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.participation.forms import (
    InvitationForm,
    ModeratorForm,
    NewProcessForm,
    PhaseForm,
    ProcessForm,
)
from knotenpunkt.participation.models import Process
from knotenpunkt.participation.rules import administered_public_bodies, moderated_processes
from knotenpunkt.participation.services import processes as services


def _owners(user) -> list:
    """The clusters and public bodies the user may start a process for."""
    clusters = Cluster.objects.all() if is_platform_admin(user) else clusters_looked_after(user)
    bodies = Organisation.objects.filter(actor_type=Organisation.ActorType.PUBLIC)
    if not is_platform_admin(user):
        bodies = administered_public_bodies(user)
    return [*clusters.order_by("name"), *bodies.order_by("name")]


def _moderated(request, slug) -> Process:
    process = get_object_or_404(moderated_processes(request.user), slug=slug)
    require_perm(request, "participation.moderate_process", process)
    return process


@login_required
def manage_list(request):
    require_perm(request, "participation.manage_processes")
    return render(
        request,
        "participation/manage/list.html",
        {"processes": moderated_processes(request.user).select_related("cluster", "organisation")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def process_new(request):
    require_perm(request, "participation.manage_processes")
    owners = [
        o for o in _owners(request.user) if request.user.has_perm("participation.create_process", o)
    ]
    form = NewProcessForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        owner = data.pop("owner")
        try:
            process = services.create_process(request.user, owner, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The process has been created. Now plan its phases."))
            return redirect("participation:manage", slug=process.slug)
    return render(request, "participation/manage/new.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def manage(request, slug):
    process = _moderated(request, slug)
    form = ProcessForm(request.POST or None, instance=process)
    if request.method == "POST" and form.is_valid():
        services.update_process(
            request.user, process, {f: form.cleaned_data[f] for f in form.changed_data}
        )
        messages.success(request, _("The process has been saved."))
        return redirect("participation:manage", slug=process.slug)
    return render(
        request,
        "participation/manage/process.html",
        {
            "process": process,
            "form": form,
            "phase_form": PhaseForm(),
            "moderator_form": ModeratorForm(),
            "invitation_form": InvitationForm(),
            "phases": process.phases.all(),
            "moderators": process.moderators.order_by("email"),
            "invitations": process.invitations.order_by("email"),
        },
    )


def _page_with(request, process, **forms):
    """The management page again, with a form that has errors (nothing typed is lost)."""
    context = {
        "process": process,
        "form": ProcessForm(instance=process),
        "phase_form": PhaseForm(),
        "moderator_form": ModeratorForm(),
        "invitation_form": InvitationForm(),
        "phases": process.phases.all(),
        "moderators": process.moderators.order_by("email"),
        "invitations": process.invitations.order_by("email"),
        **forms,
    }
    return render(request, "participation/manage/process.html", context, status=400)


@login_required
@require_POST
def phase_add(request, slug):
    process = _moderated(request, slug)
    form = PhaseForm(request.POST)
    if not form.is_valid():
        return _page_with(request, process, phase_form=form)
    services.add_phase(request.user, process, **form.cleaned_data)
    messages.success(request, _("The phase has been added."))
    return redirect("participation:manage", slug=process.slug)


@login_required
@require_POST
def phase_delete(request, slug, phase_id):
    process = _moderated(request, slug)
    phase = get_object_or_404(process.phases, pk=phase_id)
    services.delete_phase(request.user, phase)
    messages.success(request, _("The phase has been removed."))
    return redirect("participation:manage", slug=process.slug)


@login_required
@require_POST
def moderator_add(request, slug):
    process = _moderated(request, slug)
    form = ModeratorForm(request.POST)
    if form.is_valid():
        user = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if user is None:
            form.add_error("email", _("No account has this address."))
        else:
            services.add_moderator(request.user, process, user)
            messages.success(request, _("The moderator has been added."))
            return redirect("participation:manage", slug=process.slug)
    return _page_with(request, process, moderator_form=form)


@login_required
@require_POST
def moderator_remove(request, slug, user_id):
    process = _moderated(request, slug)
    user = get_object_or_404(process.moderators, pk=user_id)
    try:
        services.remove_moderator(request.user, process, user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The moderator has been removed."))
    return redirect("participation:manage", slug=process.slug)


@login_required
@require_POST
def invitations_send(request, slug):
    process = _moderated(request, slug)
    form = InvitationForm(request.POST)
    if not form.is_valid():
        return _page_with(request, process, invitation_form=form)
    made, already = services.invite(request.user, process, form.cleaned_data["emails"])
    if made:
        messages.success(
            request,
            ngettext(
                "%(count)s invitation has been sent.",
                "%(count)s invitations have been sent.",
                len(made),
            )
            % {"count": len(made)},
        )
    if already:
        messages.info(
            request,
            _("Invited before, not sent again: %(addresses)s") % {"addresses": ", ".join(already)},
        )
    return redirect("participation:manage", slug=process.slug)
