"""The measures table's pages: the ranked table, the value × feasibility matrix, the
missions tree, a measure with its scores and priority, scoring, solution maps, and
taking chosen measures into the strategy."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knotenpunkt.core.permissions import require_perm
from knotenpunkt.participation.models import (
    FieldOfAction,
    Measure,
    MeasuresSetup,
    Mission,
    Phase,
    ProcessGoal,
    SolutionMap,
)
from knotenpunkt.participation.rules import visible_processes
from knotenpunkt.participation.services import measures as services

# --- forms ---------------------------------------------------------------------------------


def _service_errors(form, error: ValidationError) -> None:
    """A service's validation errors beside the fields they concern (on top for others)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


class SetupForm(forms.ModelForm):
    class Meta:
        model = MeasuresSetup
        fields = ["value_scale", "feasibility_scale", "scoring_open"]
        help_texts = {
            "value_scale": gettext_lazy("From 1 (little value) up to this number (2 to 10)."),
            "feasibility_scale": gettext_lazy("From 1 (hard to do) up to this number (2 to 10)."),
        }


class FieldForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title of the field of action"), max_length=200)
    order = forms.IntegerField(
        label=pgettext_lazy("position in a list", "Order"),
        min_value=0,
        max_value=999,
        initial=0,
        required=False,
    )


class GoalForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Goal"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MissionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title of the mission"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    fields_of_action = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Field(s) of action"),
        queryset=FieldOfAction.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("One field; a cross-cutting theme may span several."),
    )
    is_cross_cutting = forms.BooleanField(
        label=gettext_lazy("Cross-cutting theme (spans several fields of action)"), required=False
    )
    order = forms.IntegerField(
        label=pgettext_lazy("position in a list", "Order"),
        min_value=0,
        max_value=999,
        initial=0,
        required=False,
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields_of_action"].queryset = process.fields_of_action.all()


class MeasureForm(forms.ModelForm):
    goals = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Goals it serves (value)"),
        queryset=ProcessGoal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Measure
        fields = [
            "mission",
            "title",
            "description",
            "goals",
            "horizon",
            "target_year",
            "success_criteria",
            "owner",
            "owner_organisation",
            "cost_estimate",
            "status",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "success_criteria": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.process = process
        mission = self.fields["mission"]
        mission.queryset = process.missions.all()
        mission.required = True
        mission.empty_label = gettext_lazy("– choose the mission –")
        mission.help_text = gettext_lazy(
            "Required: every measure belongs to exactly one mission. Missing one? Add it on "
            "the page of missions first."
        )
        mission.error_messages["required"] = gettext_lazy(
            "Every measure belongs to exactly one mission: please choose one."
        )
        self.fields["goals"].queryset = process.goals.all()
        self.fields["owner_organisation"].queryset = services.owner_organisations(process)
        self.fields["owner_organisation"].required = False

    def validate_unique(self):
        # The service checks the whole measure (title once per process) and says so.
        pass


class PriorityForm(forms.Form):
    priority_override = forms.IntegerField(
        label=gettext_lazy("Rank set by the moderation"),
        min_value=1,
        max_value=999,
        required=False,
        help_text=gettext_lazy("Empty: the computed priority counts."),
    )
    priority_reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Required when you set a rank; shown beside the computed one."),
    )


class SolutionMapForm(forms.Form):
    actors = forms.CharField(
        label=gettext_lazy("Actors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Who takes part: one per line."),
    )
    resources = forms.CharField(
        label=gettext_lazy("Resources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Money, people, data, rooms: one per line."),
    )
    steps = forms.CharField(
        label=gettext_lazy("Steps"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("In order: one step per line."),
    )
    risks = forms.CharField(
        label=gettext_lazy("Risks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("One per line."),
    )
    first_step = forms.CharField(
        label=gettext_lazy("First step"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("What happens next, by whom, by when."),
    )


class StrategyGoalForm(forms.Form):
    goal = forms.ModelChoiceField(
        label=gettext_lazy("Field of action and goal in the strategy"),
        queryset=None,
        empty_label=gettext_lazy("– choose –"),
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = services.strategy_goals(process).order_by(
            "field__order", "field__pk", "order", "pk"
        )
        self.fields["goal"].label_from_instance = lambda g: f"{g.field.title} → {g.title}"


# --- helpers -------------------------------------------------------------------------------


def measures_phase(request, phase_id) -> Phase:
    """The measures phase, if the user may read its process (404 otherwise)."""
    phase = get_object_or_404(
        Phase.objects.select_related("process", "process__cluster", "process__organisation"),
        pk=phase_id,
        module=Phase.Module.MEASURES,
        process__in=visible_processes(request.user),
    )
    require_perm(request, "participation.view_measures", phase.process)
    return phase


def moderated_measures_phase(request, phase_id) -> Phase:
    """The measures phase, if the user moderates its process (403 otherwise)."""
    phase = measures_phase(request, phase_id)
    require_perm(request, "participation.edit_measures", phase.process)
    return phase


def _measure(phase, measure_id) -> Measure:
    return get_object_or_404(
        Measure.objects.select_related("mission", "owner_organisation", "strategy_activity"),
        pk=measure_id,
        process=phase.process,
    )


def table_url(phase) -> str:
    return reverse("participation:measures", args=[phase.pk])


def _measure_url(phase, measure) -> str:
    return reverse("participation:measure", args=[phase.pk, measure.pk])


def page_context(request, phase, **extra) -> dict:
    """What every measures page shows: the phase, the scales and what the user may do."""
    process = phase.process
    return {
        "phase": phase,
        "process": process,
        "setup": services.setup_of(process),
        "scoring_open": services.scoring_is_open(process),
        "may_edit": request.user.has_perm("participation.edit_measures", process),
        "may_score": request.user.has_perm("participation.score_measures", process),
        **extra,
    }


# --- the table, the matrix, the missions ----------------------------------------------------


@require_GET
def table(request, phase_id):
    phase = measures_phase(request, phase_id)
    rows = services.ranked_measures(phase.process)
    fields, cross_cutting = services.missions_tree(phase.process)
    return render(
        request,
        "participation/measures/table.html",
        page_context(request, phase, rows=rows, fields=fields, cross_cutting=cross_cutting),
    )


@require_GET
def matrix(request, phase_id):
    phase = measures_phase(request, phase_id)
    setup = services.setup_of(phase.process)
    rows = services.ranked_measures(phase.process)
    grid = services.matrix(rows, setup)
    return render(
        request,
        "participation/measures/matrix.html",
        page_context(
            request,
            phase,
            rows=rows,
            grid=grid,
            labels=services.QUADRANT_LABELS,
        ),
    )


@require_http_methods(["GET", "POST"])
def missions(request, phase_id):
    """The fields of action with their missions, and the goals of the process; the
    moderation adds to them here."""
    phase = measures_phase(request, phase_id)
    process = phase.process
    may_edit = request.user.has_perm("participation.edit_measures", process)
    field_form = FieldForm(prefix="field")
    mission_form = MissionForm(prefix="mission", process=process)
    goal_form = GoalForm(prefix="goal")
    if request.method == "POST":
        require_perm(request, "participation.edit_measures", process)
        kind = request.POST.get("kind")
        try:
            if kind == "field":
                field_form = FieldForm(request.POST, prefix="field")
                if field_form.is_valid():
                    services.save_field(request.user, process, **field_form.cleaned_data)
                    messages.success(request, _("The field of action was added."))
                    return redirect("participation:measures_missions", phase_id=phase.pk)
            elif kind == "mission":
                mission_form = MissionForm(request.POST, prefix="mission", process=process)
                if mission_form.is_valid():
                    services.save_mission(request.user, process, **mission_form.cleaned_data)
                    messages.success(request, _("The mission was added."))
                    return redirect("participation:measures_missions", phase_id=phase.pk)
            elif kind == "goal":
                goal_form = GoalForm(request.POST, prefix="goal")
                if goal_form.is_valid():
                    services.save_goal(request.user, process, **goal_form.cleaned_data)
                    messages.success(request, _("The goal was added."))
                    return redirect("participation:measures_missions", phase_id=phase.pk)
            elif kind == "adopted_goals":
                try:
                    taken = services.take_over_adopted_goals(request.user, process)
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                    return redirect("participation:measures_missions", phase_id=phase.pk)
                messages.success(
                    request,
                    ngettext(
                        "%(count)s goal of the workshop board was taken over.",
                        "%(count)s goals of the workshop board were taken over.",
                        len(taken),
                    )
                    % {"count": len(taken)},
                )
                return redirect("participation:measures_missions", phase_id=phase.pk)
            else:
                raise Http404
        except ValidationError as error:
            form = {"field": field_form, "mission": mission_form, "goal": goal_form}[kind]
            _service_errors(form, error)
    fields, cross_cutting = services.missions_tree(process)
    return render(
        request,
        "participation/measures/missions.html",
        page_context(
            request,
            phase,
            may_edit=may_edit,
            fields=fields,
            cross_cutting=cross_cutting,
            goals=process.goals.all(),
            goals_on_board=services.goals_to_take_over(process) if may_edit else [],
            field_form=field_form,
            mission_form=mission_form,
            goal_form=goal_form,
        ),
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def mission_edit(request, phase_id, mission_id):
    phase = moderated_measures_phase(request, phase_id)
    mission = get_object_or_404(Mission, pk=mission_id, process=phase.process)
    initial = {
        "title": mission.title,
        "description": mission.description,
        "fields_of_action": list(mission.fields_of_action.all()),
        "is_cross_cutting": mission.is_cross_cutting,
        "order": mission.order,
    }
    form = MissionForm(request.POST or None, initial=initial, process=phase.process)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_mission(request.user, phase.process, mission=mission, **form.cleaned_data)
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("The mission was saved."))
            return redirect("participation:measures_missions", phase_id=phase.pk)
    return render(
        request,
        "participation/measures/mission_form.html",
        page_context(request, phase, form=form, mission=mission),
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def field_edit(request, phase_id, field_id):
    """Rename or reorder a field of action."""
    phase = moderated_measures_phase(request, phase_id)
    field = get_object_or_404(FieldOfAction, pk=field_id, process=phase.process)
    form = FieldForm(request.POST or None, initial={"title": field.title, "order": field.order})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_field(request.user, phase.process, field=field, **form.cleaned_data)
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("The field of action was saved."))
            return redirect("participation:measures_missions", phase_id=phase.pk)
    return render(
        request,
        "participation/measures/item_form.html",
        page_context(request, phase, form=form, item=field, kind="field"),
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def goal_edit(request, phase_id, goal_id):
    """Reword a goal of the process."""
    phase = moderated_measures_phase(request, phase_id)
    goal = get_object_or_404(ProcessGoal, pk=goal_id, process=phase.process)
    form = GoalForm(
        request.POST or None, initial={"title": goal.title, "description": goal.description}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_goal(request.user, phase.process, goal=goal, **form.cleaned_data)
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("The goal was saved."))
            return redirect("participation:measures_missions", phase_id=phase.pk)
    return render(
        request,
        "participation/measures/item_form.html",
        page_context(request, phase, form=form, item=goal, kind="goal"),
        status=400 if form.errors else 200,
    )


REMOVABLE = {
    "measure": Measure,
    "mission": Mission,
    "field": FieldOfAction,
    "goal": ProcessGoal,
}


@require_http_methods(["GET", "POST"])
def remove(request, phase_id, kind, pk):
    """Ask, then remove a measure, mission, field of action or goal (moderators)."""
    phase = moderated_measures_phase(request, phase_id)
    if kind not in REMOVABLE:
        raise Http404
    item = get_object_or_404(REMOVABLE[kind], pk=pk, process=phase.process)
    problem = services.removal_problem(item)
    if request.method == "POST" and not problem:
        services.remove(request.user, item)
        messages.success(request, _("“%(title)s” was removed.") % {"title": item.title})
        if kind == "measure":
            return redirect(table_url(phase))
        return redirect("participation:measures_missions", phase_id=phase.pk)
    return render(
        request,
        "participation/measures/remove.html",
        page_context(
            request,
            phase,
            item=item,
            kind=kind,
            problem=problem,
            nav="table" if kind == "measure" else "missions",
        ),
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def setup(request, phase_id):
    phase = moderated_measures_phase(request, phase_id)
    current = services.setup_of(phase.process)
    form = SetupForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_setup(request.user, phase.process, **form.cleaned_data)
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("The scoring settings were saved."))
            return redirect(table_url(phase))
    return render(
        request,
        "participation/measures/setup.html",
        page_context(
            request, phase, form=form, phase_running=services.measures_phase_running(phase.process)
        ),
        status=400 if form.errors else 200,
    )


# --- a measure ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def measure_form(request, phase_id, measure_id=None):
    phase = moderated_measures_phase(request, phase_id)
    measure = _measure(phase, measure_id) if measure_id else None
    form = MeasureForm(request.POST or None, instance=measure, process=phase.process)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "goals"}
        try:
            saved = services.save_measure(
                request.user,
                phase.process,
                data,
                goals=form.cleaned_data["goals"],
                measure=Measure.objects.get(pk=measure.pk) if measure else None,
            )
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("The measure was saved."))
            return redirect(_measure_url(phase, saved))
    return render(
        request,
        "participation/measures/measure_form.html",
        page_context(
            request, phase, form=form, measure=measure, has_missions=phase.process.missions.exists()
        ),
        status=400 if form.errors else 200,
    )


def _measure_page(request, phase, measure, *, priority_form=None, strategy_form=None, status=200):
    process = phase.process
    row = next(r for r in services.ranked_measures(process) if r.measure.pk == measure.pk)
    own = services.own_scores(request.user, process).get(measure.pk)
    may_edit = request.user.has_perm("participation.edit_measures", process)
    return render(
        request,
        "participation/measures/measure_detail.html",
        page_context(
            request,
            phase,
            measure=row.measure,
            row=row,
            own=own,
            value_choices=range(1, services.setup_of(process).value_scale + 1),
            feasibility_choices=range(1, services.setup_of(process).feasibility_scale + 1),
            priority_form=priority_form
            or PriorityForm(
                initial={
                    "priority_override": measure.priority_override,
                    "priority_reason": measure.priority_reason,
                }
            ),
            may_edit_strategy=may_edit
            and process.cluster_id is not None
            and request.user.has_perm("strategy.edit_tree", process.cluster),
            strategy_form=strategy_form
            or (StrategyGoalForm(process=process) if may_edit and process.cluster_id else None),
            solution_map=SolutionMap.objects.filter(measure=measure)
            .prefetch_related("steps")
            .first(),
        ),
        status=status,
    )


@require_GET
def measure_detail(request, phase_id, measure_id):
    phase = measures_phase(request, phase_id)
    return _measure_page(request, phase, _measure(phase, measure_id))


def _score_value(raw, top):
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= top else -1


@require_POST
def score(request, phase_id, measure_id):
    """A participant's score of one measure (from the measure's page)."""
    phase = measures_phase(request, phase_id)
    require_perm(request, "participation.score_measures", phase.process)
    measure = _measure(phase, measure_id)
    try:
        services.score_measure(
            request.user,
            measure,
            value=_score_value(request.POST.get("value"), 99) or 0,
            feasibility=_score_value(request.POST.get("feasibility"), 99) or 0,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your score was saved."))
    return redirect(_measure_url(phase, measure))


def _score_item(request, row, own, errors) -> dict:
    """What the scoring form shows for a measure: what was posted, else the own score."""
    pk = row.measure.pk
    if request.method == "POST":
        value = _score_value(request.POST.get(f"value-{pk}"), 99)
        feasibility = _score_value(request.POST.get(f"feasibility-{pk}"), 99)
    else:
        value = own.value if own else None
        feasibility = own.feasibility if own else None
    return {
        "row": row,
        "own": own,
        "value": value,
        "feasibility": feasibility,
        "error": errors.get(pk),
    }


@require_http_methods(["GET", "POST"])
def score_all(request, phase_id):
    """Score every measure on one page; a measure left empty stays unscored."""
    phase = measures_phase(request, phase_id)
    require_perm(request, "participation.score_measures", phase.process)
    process = phase.process
    setup_now = services.setup_of(process)
    rows = services.ranked_measures(process)
    rows.sort(key=lambda r: (r.measure.mission.title.lower(), r.measure.title.lower()))
    own = services.own_scores(request.user, process)
    errors = {}
    if request.method == "POST":
        wanted = {}
        for row in rows:
            pk = row.measure.pk
            value = request.POST.get(f"value-{pk}", "")
            feasibility = request.POST.get(f"feasibility-{pk}", "")
            if not value and not feasibility:
                continue
            if not value or not feasibility:
                errors[pk] = _("Please give both the value and the feasibility.")
                continue
            value = _score_value(value, setup_now.value_scale)
            feasibility = _score_value(feasibility, setup_now.feasibility_scale)
            if not value or not feasibility or value < 0 or feasibility < 0:
                errors[pk] = _(
                    "Please choose a value from 1 to %(value)s and a feasibility from 1 to "
                    "%(feasibility)s."
                ) % {"value": setup_now.value_scale, "feasibility": setup_now.feasibility_scale}
                continue
            wanted[pk] = (value, feasibility)
        if not errors:
            try:
                services.score_measures(
                    request.user,
                    {r.measure: wanted[r.measure.pk] for r in rows if r.measure.pk in wanted},
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Your scores were saved."))
                return redirect(table_url(phase))
    return render(
        request,
        "participation/measures/score.html",
        page_context(
            request,
            phase,
            items=[_score_item(request, r, own.get(r.measure.pk), errors) for r in rows],
            value_choices=range(1, setup_now.value_scale + 1),
            feasibility_choices=range(1, setup_now.feasibility_scale + 1),
        ),
        status=400 if errors else 200,
    )


@require_POST
def priority(request, phase_id, measure_id):
    phase = moderated_measures_phase(request, phase_id)
    measure = _measure(phase, measure_id)
    form = PriorityForm(request.POST)
    if form.is_valid():
        try:
            services.set_priority(
                request.user,
                measure,
                rank=form.cleaned_data["priority_override"],
                reason=form.cleaned_data["priority_reason"],
            )
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("The priority was saved."))
            return redirect(_measure_url(phase, measure))
    return _measure_page(request, phase, measure, priority_form=form, status=400)


@require_POST
def choose(request, phase_id, measure_id):
    phase = moderated_measures_phase(request, phase_id)
    measure = _measure(phase, measure_id)
    chosen = request.POST.get("chosen") == "1"
    services.choose_measure(request.user, measure, chosen)
    messages.success(
        request,
        _("The measure was chosen for solution mapping.")
        if chosen
        else _("The measure is no longer chosen."),
    )
    return redirect(_measure_url(phase, measure))


# --- solution maps ----------------------------------------------------------------------------


@require_GET
def solution_map(request, phase_id, measure_id):
    phase = measures_phase(request, phase_id)
    measure = _measure(phase, measure_id)
    if not measure.is_chosen:
        raise Http404
    found = SolutionMap.objects.filter(measure=measure).prefetch_related("steps").first()
    return render(
        request,
        "participation/measures/solution_map.html",
        page_context(request, phase, measure=measure, solution_map=found),
    )


@require_http_methods(["GET", "POST"])
def solution_map_edit(request, phase_id, measure_id):
    phase = moderated_measures_phase(request, phase_id)
    measure = _measure(phase, measure_id)
    if not measure.is_chosen:
        raise Http404
    found = SolutionMap.objects.filter(measure=measure).prefetch_related("steps").first()
    initial = {}
    if found:
        initial = {
            "actors": found.actors,
            "resources": found.resources,
            "risks": found.risks,
            "first_step": found.first_step,
            "steps": "\n".join(s.text for s in found.steps.all()),
        }
    form = SolutionMapForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["steps"] = data["steps"].splitlines()
        try:
            services.save_solution_map(request.user, measure, **data)
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("The solution map was saved."))
            return redirect("participation:measure_map", phase_id=phase.pk, measure_id=measure.pk)
    return render(
        request,
        "participation/measures/solution_map_form.html",
        page_context(request, phase, measure=measure, form=form),
        status=400 if form.errors else 200,
    )


# --- into the strategy ------------------------------------------------------------------------


@require_POST
def to_strategy(request, phase_id, measure_id):
    """Make a chosen measure an activity of the owner cluster's strategy tree."""
    phase = moderated_measures_phase(request, phase_id)
    process = phase.process
    measure = _measure(phase, measure_id)
    if process.cluster_id is None:
        messages.error(
            request,
            _(
                "This process is run by a public body, which keeps no strategy tree on the "
                "platform; its measures cannot be taken into a strategy. Export the table "
                "instead."
            ),
        )
        return redirect(_measure_url(phase, measure))
    require_perm(request, "strategy.edit_tree", process.cluster)
    form = StrategyGoalForm(request.POST, process=process)
    if form.is_valid():
        try:
            activity, created = services.take_into_strategy(
                request.user, measure, form.cleaned_data["goal"]
            )
        except ValidationError as error:
            _service_errors(form, error)
        else:
            if created:
                messages.success(
                    request,
                    _("The measure is now the activity “%(activity)s” of the strategy.")
                    % {"activity": activity.title},
                )
            else:
                messages.info(
                    request,
                    _(
                        "The measure was already in the strategy as “%(activity)s”; "
                        "nothing was added."
                    )
                    % {"activity": activity.title},
                )
            return redirect(_measure_url(phase, measure))
    return _measure_page(request, phase, measure, strategy_form=form, status=400)
