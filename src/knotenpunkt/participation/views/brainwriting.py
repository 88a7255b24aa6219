"""Live brainwriting pages: the participant's page (join a group, then the sheet in hand
with the round's clock, polled by HTMX), and the facilitator's page (settings, groups,
the controls, every sheet).

Every request first moves the session on by its stored deadline (services.sync), so the
sheets pass with nobody online and without a background job.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from knotenpunkt.core.params import bounded_int
from knotenpunkt.participation.models import (
    BrainwritingGroup,
    BrainwritingIdea,
    BrainwritingSession,
    Phase,
)
from knotenpunkt.participation.services import brainwriting as services

State = BrainwritingSession.State


class SetupForm(forms.Form):
    rounds = forms.IntegerField(label=gettext_lazy("Rounds"), min_value=1, max_value=20)
    minutes_per_round = forms.IntegerField(
        label=gettext_lazy("Minutes per round"), min_value=1, max_value=60
    )
    ideas_per_round = forms.IntegerField(
        label=gettext_lazy("Ideas per sheet and round"), min_value=1, max_value=10
    )
    groups = forms.CharField(
        label=gettext_lazy("Groups to add"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One topic a line, e.g. “New work” and “Tourism”."),
    )


class GroupForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Topic of the new group"), max_length=120)


class AssignForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address of the participant's account"))
    group = forms.ModelChoiceField(
        label=gettext_lazy("Group"), queryset=BrainwritingGroup.objects.none(), empty_label=None
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = session.groups.all()


def _phase(request, phase_id, permission: str) -> Phase:
    """The brainwriting phase, if its process is visible to the user (else 404) and the
    user has `permission` on it (else 403). The rule is asked for this one process, not
    through the list of visible processes: the pages poll every two seconds."""
    phase = get_object_or_404(
        Phase.objects.select_related("process"), pk=phase_id, module=Phase.Module.BRAINWRITING
    )
    if request.user.has_perm(permission, phase.process):
        return phase
    if request.user.has_perm("participation.view_process", phase.process):
        raise PermissionDenied
    raise Http404


def _participant_phase(request, phase_id) -> Phase:
    # Moderators take part too: they read every process they moderate.
    return _phase(request, phase_id, "participation.take_part")


def _facilitated_phase(request, phase_id) -> Phase:
    return _phase(request, phase_id, "participation.moderate_process")


def _session(phase, now) -> BrainwritingSession | None:
    session = BrainwritingSession.objects.filter(phase=phase).first()
    return services.sync(session, now) if session else None


def _seconds_left(session, now) -> int | None:
    if session is None:
        return None
    if session.state == State.PAUSED and session.paused_remaining is not None:
        return max(0, int(session.paused_remaining.total_seconds()))
    if session.state == State.RUNNING and session.round_ends_at:
        return max(0, int((session.round_ends_at - now).total_seconds() + 0.999))
    return None


def _participant_context(request, phase, session, now, **extra) -> dict:
    hand = services.sheet_in_hand(request.user, session) if session else None
    groups = []
    if session is not None and session.state == State.PREPARING:
        groups = list(session.groups.annotate(size=Count("seats")).order_by("pk"))
    return {
        "phase": phase,
        "process": phase.process,
        "session": session,
        "hand": hand,
        "groups": groups,
        "seat": hand.seat if hand else None,
        "seconds_left": _seconds_left(session, now),
        "may_moderate": request.user.has_perm("participation.moderate_process", phase.process),
        "text": "",
        **extra,
    }


@login_required
@require_GET
def phase_page(request, phase_id):
    """The participant's page: join a group before the start, the sheet in hand after."""
    now = timezone.now()
    phase = _participant_phase(request, phase_id)
    session = _session(phase, now)
    return render(
        request,
        "participation/brainwriting/phase.html",
        _participant_context(request, phase, session, now),
    )


@login_required
@require_GET
def sheet(request, phase_id):
    """The polled fragment: the round, the clock and the sheet in hand. Answers 204 (no
    swap) when nothing but the clock has changed since the version the page shows."""
    now = timezone.now()
    phase = _participant_phase(request, phase_id)
    session = _session(phase, now)
    if session is None:
        return HttpResponse(status=204)
    if request.GET.get("v") == "preparing":
        # The page waiting for the start reloads as a whole once the session runs.
        if session.state == State.PREPARING:
            return HttpResponse(status=204)
        return HttpResponseClientRefresh()
    if request.GET.get("v") == services.sheet_version(request.user, session):
        return HttpResponse(status=204)
    context = _participant_context(request, phase, session, now)
    return render(request, "participation/brainwriting/phase.html#sheet", context)


@login_required
@require_POST
def join(request, phase_id):
    phase = _participant_phase(request, phase_id)
    if not request.user.has_perm("participation.take_part", phase.process):
        raise PermissionDenied
    session = get_object_or_404(BrainwritingSession, phase=phase)
    try:
        if request.POST.get("action") == "leave":
            services.leave(request.user, session)
            messages.success(request, _("You have left your group."))
        else:
            group = get_object_or_404(
                session.groups, pk=bounded_int(request.POST.get("group"), 0, minimum=1)
            )
            services.join_group(request.user, session, group)
            messages.success(
                request, _("You are in the group “%(group)s”.") % {"group": group.title}
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("participation:brainwriting", phase.pk)


@login_required
@require_POST
def write(request, phase_id):
    """Add an idea to the sheet in hand. With HTMX, answers the form (emptied, or with the
    text kept and the reason) and the sheet; without, redirects or shows the page again."""
    now = timezone.now()
    phase = _participant_phase(request, phase_id)
    session = get_object_or_404(BrainwritingSession, phase=phase)
    text = request.POST.get("text", "")
    round_number = bounded_int(request.POST.get("round"), 0, maximum=32767)
    extends = bounded_int(request.POST.get("extends"), minimum=1)
    refused, saved = "", False
    try:
        services.submit_idea(
            request.user,
            session,
            text=text,
            round_number=round_number,
            extends=extends,
            now=now,
        )
        saved = True
    except services.IdeaRefused as error:
        refused = " ".join(error.messages)
    session = services.sync(BrainwritingSession.objects.get(pk=session.pk))
    if not request.htmx:
        if saved:
            messages.success(request, _("Your idea is on the sheet."))
            return redirect("participation:brainwriting", phase.pk)
        context = _participant_context(
            request, phase, session, timezone.now(), refused=refused, text=text
        )
        return render(request, "participation/brainwriting/phase.html", context, status=200)
    context = _participant_context(
        request,
        phase,
        session,
        timezone.now(),
        refused=refused,
        saved=saved,
        text="" if saved else text,
    )
    return render(request, "participation/brainwriting/write_response.html", context)


# --- The facilitator ---------------------------------------------------------------------


def _facilitator_context(request, phase, session, now, **extra) -> dict:
    context = {
        "phase": phase,
        "process": phase.process,
        "session": session,
        "seconds_left": _seconds_left(session, now),
        "see_authors": request.user.has_perm(
            "participation.see_brainwriting_authors", phase.process
        ),
        "overview": services.overview(session) if session else [],
        "version": _overview_version(session),
    }
    if session is None or session.state == State.PREPARING:
        initial = {
            "rounds": session.rounds if session else 5,
            "minutes_per_round": session.minutes_per_round if session else 3,
            "ideas_per_round": session.ideas_per_round if session else 3,
        }
        context["setup_form"] = SetupForm(initial=initial)
        if session is not None:
            context["group_form"] = GroupForm()
            context["assign_form"] = AssignForm(session=session)
    context.update(extra)
    return context


def _overview_version(session) -> str:
    if session is None:
        return ""
    ends = session.round_ends_at.timestamp() if session.round_ends_at else 0
    ideas = BrainwritingIdea.objects.filter(sheet__group__session=session).count()
    return f"{session.state}-{session.current_round}-{ends:.3f}-{ideas}"


@login_required
@require_http_methods(["GET", "POST"])
def setup(request, phase_id):
    """The facilitator's page; a POST saves the settings (and groups) before the start."""
    now = timezone.now()
    phase = _facilitated_phase(request, phase_id)
    session = _session(phase, now)
    extra = {}
    if request.method == "POST":
        form = SetupForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            titles = [line.strip() for line in data["groups"].splitlines() if line.strip()]
            try:
                services.configure_session(
                    request.user,
                    phase,
                    rounds=data["rounds"],
                    minutes_per_round=data["minutes_per_round"],
                    ideas_per_round=data["ideas_per_round"],
                    groups=titles,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The settings are saved."))
                return redirect("participation:brainwriting_setup", phase.pk)
        extra["setup_form"] = form
    return render(
        request,
        "participation/brainwriting/setup.html",
        _facilitator_context(request, phase, session, now, **extra),
    )


@login_required
@require_POST
def group_add(request, phase_id):
    phase = _facilitated_phase(request, phase_id)
    session = get_object_or_404(BrainwritingSession, phase=phase)
    form = GroupForm(request.POST)
    if form.is_valid():
        try:
            services.add_group(request.user, session, form.cleaned_data["title"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The group is added."))
    else:
        messages.error(request, _("Please give the group a topic."))
    return redirect("participation:brainwriting_setup", phase.pk)


@login_required
@require_POST
def group_remove(request, phase_id, group_id):
    phase = _facilitated_phase(request, phase_id)
    session = get_object_or_404(BrainwritingSession, phase=phase)
    group = get_object_or_404(session.groups, pk=group_id)
    try:
        services.remove_group(request.user, session, group)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The group is removed."))
    return redirect("participation:brainwriting_setup", phase.pk)


@login_required
@require_POST
def assign(request, phase_id):
    phase = _facilitated_phase(request, phase_id)
    session = get_object_or_404(BrainwritingSession, phase=phase)
    form = AssignForm(request.POST, session=session)
    if form.is_valid():
        user = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if user is None or not user.has_perm("participation.take_part", phase.process):
            messages.error(
                request, _("No account with this address may take part in this process.")
            )
        else:
            try:
                services.assign(request.user, session, user, form.cleaned_data["group"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("%(email)s is in the group “%(group)s”.")
                    % {"email": user.email, "group": form.cleaned_data["group"].title},
                )
    else:
        messages.error(request, _("Please give an e-mail address and a group."))
    return redirect("participation:brainwriting_setup", phase.pk)


CONTROLS = {
    "start": (services.start, gettext_lazy("The session has started: round 1 is running.")),
    "end_round": (services.end_round, gettext_lazy("The round is over; the sheets have passed.")),
    "pause": (services.pause, gettext_lazy("The clock is paused.")),
    "resume": (services.resume, gettext_lazy("The clock runs again.")),
    "finish": (services.finish, gettext_lazy("The session is finished.")),
}


@login_required
@require_POST
def control(request, phase_id):
    """Start, end the round early, pause, resume, finish."""
    now = timezone.now()
    phase = _facilitated_phase(request, phase_id)
    session = get_object_or_404(BrainwritingSession, phase=phase)
    action = CONTROLS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Unknown action."))
    else:
        operation, done = action
        try:
            operation(request.user, session, now)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
    return redirect("participation:brainwriting_setup", phase.pk)


@login_required
@require_GET
def overview(request, phase_id):
    """The polled overview of all sheets (204 when unchanged)."""
    now = timezone.now()
    phase = _facilitated_phase(request, phase_id)
    session = _session(phase, now)
    if session is None:
        return HttpResponse(status=204)
    if request.GET.get("v") == _overview_version(session):
        return HttpResponse(status=204)
    # The controls travel along: a round that ended by its clock changes what they offer.
    return render(
        request,
        "participation/brainwriting/setup.html#overview",
        _facilitator_context(request, phase, session, now, controls_out_of_band=True),
    )
