"""The processes' public pages: the list, and each process with its phases and where it
stands; accepting an invitation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from knotenpunkt.core.richtext import render_markdown
from knotenpunkt.participation.models import Invitation, Phase
from knotenpunkt.participation.rules import offers_open_data, visible_processes
from knotenpunkt.participation.services import open_data
from knotenpunkt.participation.services import processes as services

# The page of each module's phase: the URL name, reversed with the phase's id. A module
# without an entry shows its dates only.
MODULE_PAGES: dict[str, str] = {
    Phase.Module.WORKSHOP_BOARD: "participation:board",
    Phase.Module.BRAINWRITING: "participation:brainwriting",
    Phase.Module.SURVEY: "participation:survey",
    Phase.Module.DIALOGUE: "participation:dialogue",
    Phase.Module.MEASURES: "participation:measures",
}


def process_list(request):
    processes = visible_processes(request.user).select_related("cluster", "organisation")
    return render(
        request,
        "participation/process_list.html",
        {"processes": processes.order_by("-created_at")},
    )


def _phase_url(phase: Phase) -> str:
    name = MODULE_PAGES.get(phase.module)
    if not name:
        return ""
    try:
        return reverse(name, args=[phase.pk])
    except NoReverseMatch:
        return ""


def process_detail(request, slug):
    process = get_object_or_404(
        visible_processes(request.user).select_related("cluster", "organisation"), slug=slug
    )
    today = timezone.localdate()
    current = process.current_phase(today)
    phases = [
        {"phase": phase, "state": phase.state(today), "url": _phase_url(phase)}
        for phase in process.phases.all()
    ]
    return render(
        request,
        "participation/process_detail.html",
        {
            "process": process,
            "description_html": render_markdown(process.description),
            "phases": phases,
            "current": current,
            "may_moderate": request.user.has_perm("participation.moderate_process", process),
            "may_take_part": request.user.has_perm("participation.take_part", process),
            "open_data": open_data.LICENCE_DISPLAY if offers_open_data(process) else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("process"), token=token)
    if request.method == "POST":
        try:
            services.accept_invitation(request.user, token)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect(invitation.process)
    return render(request, "participation/accept_invitation.html", {"invitation": invitation})
