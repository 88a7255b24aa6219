"""The measures table of a process: its fields of action, missions and goals, the
measures, their scores and priority, the solution maps of chosen measures, and taking
chosen measures into the owner cluster's strategy.

The priority is computed from the scores (mean value × mean feasibility, highest first);
a moderator may set a measure's rank instead, always with a reason, and the computed
one stays visible beside it.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count, Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Membership, Organisation
from knotenpunkt.participation.models import (
    FieldOfAction,
    Measure,
    MeasureScore,
    MeasuresSetup,
    Mission,
    Phase,
    Process,
    ProcessGoal,
    SolutionMap,
    SolutionStep,
)
from knotenpunkt.participation.models.measures import LIST_SEPARATOR
from knotenpunkt.participation.services.board import adopted_goals

MEASURE_FIELDS = [
    "mission",
    "title",
    "description",
    "horizon",
    "target_year",
    "success_criteria",
    "owner",
    "owner_organisation",
    "cost_estimate",
    "status",
]

# The four quadrants of the matrix: (value high?, feasibility high?) → key, label.
QUADRANTS = {
    (True, True): ("quick_win", gettext_lazy("Quick wins")),
    (True, False): ("major_project", gettext_lazy("Major projects")),
    (False, True): ("fill_in", gettext_lazy("Small steps")),
    (False, False): ("reconsider", gettext_lazy("Reconsider")),
}
QUADRANT_LABELS = dict(QUADRANTS.values())


# --- setup and scoring state --------------------------------------------------------------


def setup_of(process: Process) -> MeasuresSetup:
    setup, _created = MeasuresSetup.objects.get_or_create(process=process)
    return setup


def measures_phase_running(process: Process, today=None) -> bool:
    today = today or timezone.localdate()
    return process.phases.filter(
        module=Phase.Module.MEASURES, starts_on__lte=today, ends_on__gte=today
    ).exists()


def scoring_is_open(process: Process, today=None) -> bool:
    """Participants score while the moderation has opened scoring and a measures phase
    runs."""
    return setup_of(process).scoring_open and measures_phase_running(process, today)


@transaction.atomic
def save_setup(
    actor, process: Process, *, value_scale: int, feasibility_scale: int, scoring_open: bool
) -> MeasuresSetup:
    """Set the scales and open or close scoring; a scale cannot shrink below a score
    already given."""
    setup = MeasuresSetup.objects.select_for_update().get(pk=setup_of(process).pk)
    highest = MeasureScore.objects.filter(measure__process=process).aggregate(
        value=Max("value"), feasibility=Max("feasibility")
    )
    errors = {}
    if highest["value"] and value_scale < highest["value"]:
        errors["value_scale"] = _(
            "A measure has already been given %(score)s for its value; the scale must reach it."
        ) % {"score": highest["value"]}
    if highest["feasibility"] and feasibility_scale < highest["feasibility"]:
        errors["feasibility_scale"] = _(
            "A measure has already been given %(score)s for its feasibility; the scale must "
            "reach it."
        ) % {"score": highest["feasibility"]}
    if errors:
        raise ValidationError(errors)
    setup.value_scale, setup.feasibility_scale = value_scale, feasibility_scale
    setup.scoring_open = scoring_open
    setup.full_clean()
    setup.save()
    log_action(
        actor,
        "participation.measures.setup_changed",
        process,
        value_scale=value_scale,
        feasibility_scale=feasibility_scale,
        scoring_open=scoring_open,
    )
    return setup


# --- fields of action, missions, goals ----------------------------------------------------


@transaction.atomic
def save_field(actor, process: Process, *, title: str, order: int = 0, field=None):
    field = field or FieldOfAction(process=process)
    field.title, field.order = title.strip(), order or 0
    field.full_clean()
    field.save()
    log_action(actor, "participation.field.saved", process, title=field.title)
    return field


@transaction.atomic
def save_mission(
    actor,
    process: Process,
    *,
    title: str,
    fields_of_action,
    description: str = "",
    is_cross_cutting: bool = False,
    order: int = 0,
    mission=None,
) -> Mission:
    """Create or change a mission: in exactly one field of action, or, as a cross-cutting
    theme, in one or more."""
    chosen = list(fields_of_action)
    if not chosen:
        raise ValidationError(
            {"fields_of_action": _("A mission lies in a field of action; please choose one.")}
        )
    if any(f.process_id != process.pk for f in chosen):
        raise ValidationError({"fields_of_action": _("Choose fields of action of this process.")})
    if len(chosen) > 1 and not is_cross_cutting:
        raise ValidationError(
            {
                "fields_of_action": _(
                    "Only a cross-cutting theme spans several fields of action: choose one "
                    "field or mark the mission as cross-cutting."
                )
            }
        )
    mission = mission or Mission(process=process)
    mission.title, mission.description = title.strip(), description
    mission.is_cross_cutting, mission.order = is_cross_cutting, order or 0
    mission.full_clean()
    mission.save()
    mission.fields_of_action.set(chosen)
    log_action(actor, "participation.mission.saved", process, title=mission.title)
    return mission


@transaction.atomic
def save_goal(
    actor, process: Process, *, title: str, description: str = "", goal=None, source_card=None
):
    """Add or reword a goal; `source_card`: the adopted board card it states."""
    goal = goal or ProcessGoal(process=process)
    goal.title, goal.description = title.strip(), description
    if source_card is not None:
        goal.source_card = source_card
    goal.full_clean()
    goal.save()
    log_action(actor, "participation.goal.saved", process, title=goal.title)
    return goal


def goals_to_take_over(process: Process) -> list:
    """The goals the process's workshop boards adopted that are not goals of the measures
    table yet."""
    return list(adopted_goals(process).filter(process_goal__isnull=True))


def _goal_title(text: str) -> str:
    title = " ".join(text.replace(LIST_SEPARATOR, "/").split())
    max_length = ProcessGoal._meta.get_field("title").max_length
    return title if len(title) <= max_length else title[: max_length - 1].rstrip() + "…"


@transaction.atomic
def take_over_adopted_goals(actor, process: Process) -> list[ProcessGoal]:
    """Make the board's adopted goals goals of the measures table, linked to their cards.
    A goal of the same title that is there already is linked instead of doubled. A title
    too long for a goal is shortened; the card's whole text goes into the description."""
    taken = []
    for card in goals_to_take_over(process):
        title = _goal_title(card.text)
        goal = ProcessGoal.objects.filter(
            process=process, title__iexact=title, source_card__isnull=True
        ).first() or ProcessGoal(process=process, title=title, order=process.goals.count())
        if title != card.text and not goal.description:
            goal.description = card.text
        goal.source_card = card
        goal.full_clean()
        goal.save()
        taken.append(goal)
    if taken:
        log_action(
            actor,
            "participation.goal.taken_from_board",
            process,
            titles=[goal.title for goal in taken],
        )
    return taken


def removal_problem(item: Measure | Mission | FieldOfAction | ProcessGoal) -> str:
    """Why `item` cannot be removed now, or "" when it can."""
    if isinstance(item, Mission) and item.measures.exists():
        return _(
            "Every measure belongs to a mission: move the measures of this mission to "
            "another one first."
        )
    if isinstance(item, FieldOfAction) and item.missions.exists():
        return _(
            "Every mission lies in a field of action: move or remove the missions of this "
            "field first."
        )
    return ""


REMOVED_ACTIONS = {
    Measure: "participation.measure.removed",
    Mission: "participation.mission.removed",
    FieldOfAction: "participation.field.removed",
    ProcessGoal: "participation.goal.removed",
}


@transaction.atomic
def remove(actor, item: Measure | Mission | FieldOfAction | ProcessGoal) -> None:
    """Remove a measure with its scores and solution map (an activity it became in the
    strategy stays there), a goal (the measures no longer serve it), or a mission or
    field of action nothing lies in any more."""
    problem = removal_problem(item)
    if problem:
        raise ValidationError(problem)
    log_action(actor, REMOVED_ACTIONS[type(item)], item.process, title=item.title)
    item.delete()


def missions_tree(process: Process):
    """The fields of action with their missions, and the cross-cutting missions apart."""
    missions = Mission.objects.filter(process=process).prefetch_related("fields_of_action")
    fields = list(
        process.fields_of_action.prefetch_related(
            Prefetch("missions", queryset=Mission.objects.order_by("order", "title"))
        )
    )
    return fields, [m for m in missions if m.is_cross_cutting]


# --- measures -----------------------------------------------------------------------------


def owner_organisations(process: Process):
    """The organisations offered as a measure's owner on its form: the cluster's member
    organisations, or the public body itself (an import may name any by its short
    address)."""
    if process.cluster_id is None:
        return Organisation.objects.filter(pk=process.organisation_id)
    members = (
        Membership.objects.in_force().filter(cluster_id=process.cluster_id).values("organisation")
    )
    return Organisation.objects.filter(pk__in=members).order_by("name")


@transaction.atomic
def save_measure(
    actor,
    process: Process,
    data: dict,
    *,
    goals=(),
    measure: Measure | None = None,
    origin: str = Measure.Origin.WORKSHOP,
) -> Measure:
    """Create or change a measure; it must belong to a mission of the process."""
    mission = data.get("mission")
    if mission is None:
        raise ValidationError(
            {
                "mission": _(
                    "Every measure belongs to exactly one mission. Please choose the mission "
                    "(or create one first)."
                )
            }
        )
    if mission.process_id != process.pk:
        raise ValidationError({"mission": _("Choose a mission of this process.")})
    goals = list(goals)
    if any(g.process_id != process.pk for g in goals):
        raise ValidationError({"goals": _("Choose goals of this process.")})
    creating = measure is None
    measure = measure or Measure(process=process, origin=origin)
    for name in MEASURE_FIELDS:
        if name in data:
            setattr(measure, name, data[name])
    measure.full_clean()
    measure.save()
    measure.goals.set(goals)
    log_action(
        actor,
        "participation.measure.saved",
        process,
        measure=measure.title,
        created=creating,
    )
    return measure


@transaction.atomic
def set_priority(actor, measure: Measure, *, rank: int | None, reason: str = "") -> Measure:
    """Set the measure's rank by decision of the moderation (with a reason), or clear it
    (`rank` None) so that the computed priority counts again."""
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    reason = (reason or "").strip()
    if rank is not None:
        if rank < 1:
            raise ValidationError({"priority_override": _("The rank starts at 1.")})
        if not reason:
            raise ValidationError(
                {
                    "priority_reason": _(
                        "Please give the reason why the priority differs from the computed one."
                    )
                }
            )
    else:
        reason = ""
    measure.priority_override, measure.priority_reason = rank, reason
    measure.save(update_fields=["priority_override", "priority_reason"])
    log_action(
        actor,
        "participation.measure.priority_set",
        measure.process,
        measure=measure.title,
        rank=rank,
        reason=reason,
    )
    return measure


@transaction.atomic
def choose_measure(actor, measure: Measure, chosen: bool) -> Measure:
    """Choose a measure for solution mapping (or take the choice back)."""
    Measure.objects.filter(pk=measure.pk).update(is_chosen=chosen)
    measure.is_chosen = chosen
    log_action(
        actor, "participation.measure.chosen", measure.process, measure=measure.title, chosen=chosen
    )
    return measure


@transaction.atomic
def score_measure(user, measure: Measure, *, value: int, feasibility: int, today=None):
    """The participant's score of the measure: given once, changed while scoring is
    open."""
    process = measure.process
    if not scoring_is_open(process, today):
        raise ValidationError(_("Scoring is closed."))
    setup = setup_of(process)
    errors = {}
    if not 1 <= value <= setup.value_scale:
        errors["value"] = _("Please choose a value from 1 to %(top)s.") % {"top": setup.value_scale}
    if not 1 <= feasibility <= setup.feasibility_scale:
        errors["feasibility"] = _("Please choose a feasibility from 1 to %(top)s.") % {
            "top": setup.feasibility_scale
        }
    if errors:
        raise ValidationError(errors)
    # Lock the measure so that two submissions of one person cannot both insert.
    Measure.objects.select_for_update().filter(pk=measure.pk).first()
    score, _created = MeasureScore.objects.update_or_create(
        measure=measure, voter=user, defaults={"value": value, "feasibility": feasibility}
    )
    return score


@transaction.atomic
def score_measures(user, scores: dict[Measure, tuple[int, int]], today=None) -> None:
    """Several scores of one participant at once: all of them or, if one is refused,
    none."""
    for measure, (value, feasibility) in scores.items():
        score_measure(user, measure, value=value, feasibility=feasibility, today=today)


def own_scores(user, process: Process) -> dict[int, MeasureScore]:
    """The user's own scores of the process's measures, by measure id (for the form)."""
    if not user.is_authenticated:
        return {}
    scores = MeasureScore.objects.filter(measure__process=process, voter=user)
    return {s.measure_id: s for s in scores}


# --- priority and matrix ------------------------------------------------------------------

TWO_PLACES = Decimal("0.01")


def _mean(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass
class RankedMeasure:
    measure: Measure
    value: Decimal | None  # mean value
    feasibility: Decimal | None  # mean feasibility
    scores: int
    priority: Decimal | None  # mean value × mean feasibility
    computed_rank: int | None = None
    rank: int = 0
    quadrant: str = ""
    number: int = 0  # the measure's number in the matrix (its row in the table)

    @property
    def quadrant_label(self):
        return QUADRANT_LABELS.get(self.quadrant, "")

    @property
    def is_overridden(self) -> bool:
        return self.measure.priority_override is not None


def quadrant_of(value, feasibility, setup: MeasuresSetup) -> str:
    if value is None or feasibility is None:
        return ""
    high_value = value >= Decimal(1 + setup.value_scale) / 2
    high_feasibility = feasibility >= Decimal(1 + setup.feasibility_scale) / 2
    return QUADRANTS[(high_value, high_feasibility)][0]


def ranked_measures(process: Process) -> list[RankedMeasure]:
    """The measures in order of priority: computed from the scores (unscored last), with
    the ranks the moderation set put in their place."""
    setup = setup_of(process)
    measures = (
        Measure.objects.filter(process=process)
        .select_related("mission", "owner_organisation", "strategy_activity")
        .prefetch_related("goals", "mission__fields_of_action")
        .annotate(
            mean_value=Avg("scores__value"),
            mean_feasibility=Avg("scores__feasibility"),
            score_count=Count("scores"),
        )
    )
    rows = []
    for m in measures:
        value, feasibility = _mean(m.mean_value), _mean(m.mean_feasibility)
        priority = None
        if value is not None and feasibility is not None:
            priority = _mean(Decimal(str(m.mean_value)) * Decimal(str(m.mean_feasibility)))
        rows.append(
            RankedMeasure(
                measure=m,
                value=value,
                feasibility=feasibility,
                scores=m.score_count,
                priority=priority,
                quadrant=quadrant_of(value, feasibility, setup),
            )
        )
    computed = sorted(
        rows,
        key=lambda r: (r.priority is None, -(r.priority or 0), r.measure.title.lower()),
    )
    for position, row in enumerate(computed, start=1):
        row.computed_rank = position if row.priority is not None else None
    ordered = [r for r in computed if not r.is_overridden]
    overridden = sorted(
        (r for r in computed if r.is_overridden),
        key=lambda r: (r.measure.priority_override, computed.index(r)),
    )
    for row in overridden:
        ordered.insert(min(row.measure.priority_override - 1, len(ordered)), row)
    for position, row in enumerate(ordered, start=1):
        row.rank = position
        row.number = position
    return ordered


@dataclass
class MatrixPoint:
    row: RankedMeasure
    x: float
    y: float


@dataclass
class Matrix:
    """The value × feasibility grid as SVG geometry: feasibility to the right, value
    upwards, the quadrants split at the middle of each scale."""

    size: int
    plot: float  # the plot's left/top offset
    side: float  # the plot's side length
    points: list[MatrixPoint]
    value_ticks: list[tuple[int, float]]
    feasibility_ticks: list[tuple[int, float]]
    middle_x: float
    middle_y: float

    @property
    def plot_end(self) -> float:
        return self.plot + self.side

    @property
    def center(self) -> float:
        return self.size / 2

    @property
    def left_width(self) -> float:
        return round(self.middle_x - self.plot, 1)

    @property
    def right_width(self) -> float:
        return round(self.plot_end - self.middle_x, 1)

    @property
    def top_height(self) -> float:
        return round(self.middle_y - self.plot, 1)

    @property
    def bottom_height(self) -> float:
        return round(self.plot_end - self.middle_y, 1)


MATRIX_SIZE, MATRIX_MARGIN = 480, 48


def matrix(rows: list[RankedMeasure], setup: MeasuresSetup) -> Matrix:
    """Place every scored measure on the grid; measures on the same spot are fanned out
    a little so that each number stays readable."""
    side = MATRIX_SIZE - 2 * MATRIX_MARGIN

    def x_of(feasibility) -> float:
        return MATRIX_MARGIN + (float(feasibility) - 1) / (setup.feasibility_scale - 1) * side

    def y_of(value) -> float:
        return MATRIX_MARGIN + side - (float(value) - 1) / (setup.value_scale - 1) * side

    points, taken = [], {}
    for row in rows:
        if row.value is None:
            continue
        x, y = round(x_of(row.feasibility), 1), round(y_of(row.value), 1)
        clash = taken.get((x, y), 0)
        taken[(x, y)] = clash + 1
        # Fan out to the right, or to the left at the right edge.
        dx = 14 * clash if x + 14 * clash <= MATRIX_SIZE - 14 else -14 * clash
        points.append(MatrixPoint(row, round(x + dx, 1), round(y - 6 * clash, 1)))
    return Matrix(
        size=MATRIX_SIZE,
        plot=MATRIX_MARGIN,
        side=side,
        points=points,
        value_ticks=[(v, round(y_of(v), 1)) for v in range(1, setup.value_scale + 1)],
        feasibility_ticks=[(f, round(x_of(f), 1)) for f in range(1, setup.feasibility_scale + 1)],
        middle_x=round(x_of(Decimal(1 + setup.feasibility_scale) / 2), 1),
        middle_y=round(y_of(Decimal(1 + setup.value_scale) / 2), 1),
    )


# --- solution maps ------------------------------------------------------------------------


@transaction.atomic
def save_solution_map(
    actor,
    measure: Measure,
    *,
    actors: str = "",
    resources: str = "",
    risks: str = "",
    first_step: str = "",
    steps: list[str] = (),
) -> SolutionMap:
    """Write the solution map of a chosen measure; `steps` replace its steps, in order."""
    if not measure.is_chosen:
        raise ValidationError(_("Only a chosen measure gets a solution map."))
    solution_map, _created = SolutionMap.objects.select_for_update().get_or_create(measure=measure)
    solution_map.actors, solution_map.resources = actors, resources
    solution_map.risks, solution_map.first_step = risks, first_step
    solution_map.full_clean()
    solution_map.save()
    cleaned = [s.strip() for s in steps if s.strip()]
    too_long = [s for s in cleaned if len(s) > 500]
    if too_long:
        raise ValidationError({"steps": _("A step may have at most 500 characters.")})
    solution_map.steps.all().delete()
    SolutionStep.objects.bulk_create(
        SolutionStep(solution_map=solution_map, position=i, text=text)
        for i, text in enumerate(cleaned, start=1)
    )
    log_action(actor, "participation.solution_map.saved", measure.process, measure=measure.title)
    return solution_map


# --- into the strategy --------------------------------------------------------------------


def strategy_goals(process: Process):
    """The goals of the owner cluster's strategy tree a measure may go under (none for a
    public body's process)."""
    from knotenpunkt.strategy.models import Goal

    if process.cluster_id is None:
        return Goal.objects.none()
    return Goal.objects.filter(field__cluster_id=process.cluster_id).select_related("field")


def _refuse_public_body(process: Process) -> None:
    if process.cluster_id is None:
        raise ValidationError(
            _(
                "This process is run by a public body, which keeps no strategy tree on the "
                "platform; its measures cannot be taken into a strategy. Export the table "
                "instead."
            )
        )


STATUS_IN_STRATEGY = {
    Measure.Status.IDEA: "planned",
    Measure.Status.PLANNED: "planned",
    Measure.Status.IMPLEMENTED: "done",
}


def _activity_description(measure: Measure) -> str:
    parts = [measure.description.strip()]
    if measure.success_criteria.strip():
        parts.append(
            _("Success criteria: %(criteria)s") % {"criteria": measure.success_criteria.strip()}
        )
    parts.append(
        _(
            "From the measures table of the participation process “%(process)s” "
            "(mission “%(mission)s”)."
        )
        % {"process": measure.process.title, "mission": measure.mission.title}
    )
    return "\n\n".join(p for p in parts if p)


@transaction.atomic
def take_into_strategy(actor, measure: Measure, goal) -> tuple[object, bool]:
    """Make a chosen measure an activity under `goal` of the owner cluster's strategy
    tree. Returns the activity and whether it was created: a measure already taken over
    keeps its activity, and an activity of the same title under the goal is linked
    rather than made twice."""
    from knotenpunkt.strategy.models import Activity
    from knotenpunkt.strategy.services.tree import save_activity

    process = measure.process
    _refuse_public_body(process)
    # Lock the measure's own row only: PostgreSQL cannot lock the nullable side of the
    # outer join to its (not yet existing) activity.
    measure = (
        Measure.objects.select_for_update(of=("self",))
        .select_related("process", "mission", "strategy_activity")
        .get(pk=measure.pk)
    )
    if measure.strategy_activity_id:
        return measure.strategy_activity, False
    if not measure.is_chosen:
        raise ValidationError(_("Only a chosen measure can go into the strategy."))
    if goal is None or goal.field.cluster_id != process.cluster_id:
        raise ValidationError(
            {
                "goal": _("Choose a goal of the strategy of %(cluster)s.")
                % {"cluster": process.cluster}
            }
        )
    activity = Activity.objects.filter(goal=goal, title=measure.title).first()
    created = activity is None
    if created:
        activity = save_activity(
            actor,
            goal,
            {
                "title": measure.title,
                "description": _activity_description(measure),
                "status": STATUS_IN_STRATEGY[measure.status],
                "responsible": (measure.owner_display or "")[:200],
            },
        )
    measure.strategy_activity = activity
    measure.save(update_fields=["strategy_activity"])
    log_action(
        actor,
        "participation.measure.to_strategy",
        process,
        measure=measure.title,
        activity=activity.pk,
        created=created,
    )
    return activity, created
