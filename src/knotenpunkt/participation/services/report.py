"""The workshop report of a process as a PDF: vision, values and goals from the boards,
the brainwriting sheets, the measures with their scores, missions and solution maps, the
citizens' dialogue and the survey results, phase by phase.

The report shows a reader what the module pages show them, never more: no hidden cards
or proposals, no dot totals before the reveal, the brainwriting sheets only once the
session is finished, a survey round only once it is closed, and free-text answers and
the names of idea authors only to moderators (names only if the process attributes
ideas). It is rendered in the reader's language.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from weasyprint import HTML

from knotenpunkt.core.richtext import render_markdown
from knotenpunkt.participation.models import (
    BoardCard,
    BoardColumn,
    BrainwritingGroup,
    BrainwritingIdea,
    BrainwritingSession,
    BrainwritingSheet,
    Dialogue,
    DialogueProposal,
    Phase,
    Process,
    SolutionMap,
    Survey,
)
from knotenpunkt.participation.services import measures as measures_services
from knotenpunkt.participation.services import survey_results
from knotenpunkt.participation.services.brainwriting import numbered

Module = Phase.Module
BOARD_ORDER = [kind for kind, _label in BoardColumn.Kind.choices]


@dataclass(frozen=True)
class Reader:
    """What the reader may see beyond the published content."""

    moderator: bool = False
    sees_authors: bool = False  # names of brainwriting authors


PUBLIC_READER = Reader()


def reader_of(user, process: Process) -> Reader:
    return Reader(
        moderator=user.has_perm("participation.moderate_process", process),
        sees_authors=user.has_perm("participation.see_brainwriting_authors", process),
    )


def _person_name(user) -> str:
    person = getattr(user, "person", None)
    return (person.full_name if person is not None else "") or user.email


# --- workshop board -----------------------------------------------------------------------


@dataclass
class CardItem:
    card: BoardCard
    dots: int | None  # None until the column's dots are revealed
    merged_texts: list[str]

    @property
    def is_adopted(self) -> bool:
        return self.card.adopted_at is not None


@dataclass
class ColumnItem:
    column: BoardColumn
    cards: list[CardItem]


def board_columns(phases: list[Phase]) -> dict[int, list[ColumnItem]]:
    """Per board phase its columns with the visible cards (not hidden, not merged away),
    the most dots first once revealed."""
    if not phases:
        return {}
    columns = sorted(
        BoardColumn.objects.filter(phase__in=phases),
        key=lambda c: (c.phase_id, BOARD_ORDER.index(c.kind)),
    )
    cards = (
        BoardCard.objects.filter(
            column__in=columns, hidden_at__isnull=True, merged_into__isnull=True
        )
        .annotate(dot_count=Count("dots"))
        .prefetch_related(
            Prefetch(
                "merged_cards",
                queryset=BoardCard.objects.filter(hidden_at__isnull=True)
                .order_by("merged_at", "pk")
                .only("pk", "text", "merged_into"),
            )
        )
        .order_by("created_at", "pk")
    )
    by_column: dict[int, list[BoardCard]] = defaultdict(list)
    for card in cards:
        by_column[card.column_id].append(card)
    found: dict[int, list[ColumnItem]] = defaultdict(list)
    for column in columns:
        items = [
            CardItem(
                card=card,
                dots=card.dot_count if column.is_revealed else None,
                merged_texts=[m.text for m in card.merged_cards.all()],
            )
            for card in by_column[column.pk]
        ]
        if column.is_revealed:
            items.sort(key=lambda i: (-i.dots, i.card.created_at, i.card.pk))
        found[column.phase_id].append(ColumnItem(column, items))
    return found


# --- brainwriting -------------------------------------------------------------------------


@dataclass
class SheetItem:
    sheet: BrainwritingSheet
    rounds: list[tuple[int, list[BrainwritingIdea]]]

    @property
    def count(self) -> int:
        return sum(len(ideas) for _number, ideas in self.rounds)


@dataclass
class GroupItem:
    group: BrainwritingGroup
    sheets: list[SheetItem]


@dataclass
class BrainwritingItem:
    session: BrainwritingSession | None
    shown: bool  # False: the ideas are not visible to this reader yet
    groups: list[GroupItem] = field(default_factory=list)


def brainwriting_sheets(phases: list[Phase], reader: Reader) -> dict[int, BrainwritingItem]:
    """Per brainwriting phase its groups, each sheet with its ideas by round in the
    order they were written (the sheet's chain, labelled 1.1, 1.2, 2.1 …). Participants
    only ever see the sheet in hand; the sheets as a whole appear once the session is
    finished (moderators see them all along, as on their overview)."""
    if not phases:
        return {}
    sessions = {s.phase_id: s for s in BrainwritingSession.objects.filter(phase__in=phases)}
    shown = [
        s
        for s in sessions.values()
        if reader.moderator or s.state == BrainwritingSession.State.FINISHED
    ]
    groups = BrainwritingGroup.objects.filter(session__in=shown).order_by("session", "pk")
    sheets = BrainwritingSheet.objects.filter(group__session__in=shown).order_by(
        "group", "position"
    )
    ideas = BrainwritingIdea.objects.filter(sheet__group__session__in=shown).order_by(
        "sheet", "round", "created_at", "pk"
    )
    if reader.sees_authors:
        ideas = ideas.select_related("author__person")
    by_sheet: dict[int, list] = defaultdict(list)
    for idea in ideas:
        idea.author_name = (
            _person_name(idea.author) if reader.sees_authors and idea.author_id else ""
        )
        by_sheet[idea.sheet_id].append(idea)
    sheets_by_group: dict[int, list[SheetItem]] = defaultdict(list)
    for sheet in sheets:
        on_sheet = numbered(by_sheet[sheet.pk])
        labels = {idea.pk: idea.label for idea in on_sheet}
        rounds: dict[int, list] = defaultdict(list)
        for idea in on_sheet:
            idea.extends_label = labels.get(idea.extends_id, "")
            rounds[idea.round].append(idea)
        sheets_by_group[sheet.group_id].append(SheetItem(sheet, sorted(rounds.items())))
    groups_by_session: dict[int, list[GroupItem]] = defaultdict(list)
    for group in groups:
        groups_by_session[group.session_id].append(GroupItem(group, sheets_by_group[group.pk]))
    found = {}
    for phase in phases:
        session = sessions.get(phase.pk)
        visible = session is not None and session in shown
        found[phase.pk] = BrainwritingItem(
            session=session,
            shown=visible,
            groups=groups_by_session[session.pk] if visible else [],
        )
    return found


# --- measures -----------------------------------------------------------------------------


@dataclass
class MissionItem:
    mission: object
    rows: list  # measures_services.RankedMeasure
    fields: list = field(default_factory=list)  # cross-cutting: the fields it spans


@dataclass
class MeasuresItem:
    setup: object
    rows: list
    fields: list[tuple[object, list[MissionItem]]]
    cross_cutting: list[MissionItem]
    maps: list[SolutionMap]


def measures_table(process: Process) -> MeasuresItem:
    """The ranked measures with their scores, the fields of action with their missions
    (cross-cutting themes apart) and the solution maps of the chosen measures."""
    rows = measures_services.ranked_measures(process)
    by_mission: dict[int, list] = defaultdict(list)
    for row in rows:
        by_mission[row.measure.mission_id].append(row)
    fields, cross_cutting = measures_services.missions_tree(process)
    maps = list(
        SolutionMap.objects.filter(measure__process=process, measure__is_chosen=True)
        .select_related("measure")
        .prefetch_related("steps")
        .order_by("measure__title", "measure__pk")
    )
    rank = {row.measure.pk: row.rank for row in rows}
    maps.sort(key=lambda m: rank.get(m.measure_id, 0))
    return MeasuresItem(
        setup=measures_services.setup_of(process),
        rows=rows,
        fields=[
            (
                field_,
                [
                    MissionItem(mission, by_mission[mission.pk])
                    for mission in field_.missions.all()
                    if not mission.is_cross_cutting
                ],
            )
            for field_ in fields
        ],
        cross_cutting=[
            MissionItem(m, by_mission[m.pk], list(m.fields_of_action.all())) for m in cross_cutting
        ],
        maps=maps,
    )


def shows_measures(phases: list[Phase]) -> bool:
    """The measures table is read through a measures phase: without one, it is not
    published."""
    return any(phase.module == Module.MEASURES for phase in phases)


# --- citizens' dialogue -------------------------------------------------------------------


def dialogue_proposals(phases: list[Phase]) -> dict[int, list[DialogueProposal]]:
    """Per dialogue phase its published proposals (never hidden, pending or unconfirmed
    ones), the most supported first, with the confirmed supports and published comments
    counted, text and answer as on the proposal's page; never who wrote them."""
    if not phases:
        return {}
    published = DialogueProposal.State.PUBLISHED
    proposals = (
        DialogueProposal.objects.filter(dialogue__phase__in=phases, state=published)
        .select_related("topic", "dialogue")
        .defer("author", "email", "ip_hash", "confirmation_token")
        .annotate(
            support_count=Count(
                "supports", filter=Q(supports__confirmed_at__isnull=False), distinct=True
            ),
            comment_count=Count("comments", filter=Q(comments__state=published), distinct=True),
        )
        .order_by("-support_count", "created_at", "pk")
    )
    found: dict[int, list] = {phase.pk: [] for phase in phases}
    for proposal in proposals:
        proposal.text_html = render_markdown(proposal.text)
        proposal.answer_html = render_markdown(proposal.answer)
        found[proposal.dialogue.phase_id].append(proposal)
    return found


def dialogue_intros(phases: list[Phase]) -> dict[int, str]:
    return {
        d.phase_id: render_markdown(d.intro)
        for d in Dialogue.objects.filter(phase__in=phases).only("phase", "intro")
    }


# --- expert survey ------------------------------------------------------------------------


@dataclass
class RoundItem:
    number: int
    submitted: int
    results: list  # survey_results.QuestionResult
    closed: bool


@dataclass
class SurveyItem:
    survey: Survey | None
    rounds: list[RoundItem]
    texts_shown: bool


def visible_rounds(survey: Survey, reader: Reader) -> list[int]:
    """Moderators read every round, the running one too (as on the results page); others
    a round once it is closed, as the experts see the previous round beside each
    question."""
    if survey.status == Survey.Status.DRAFT:
        return []
    last = survey.current_round
    if not reader.moderator and survey.status != Survey.Status.CLOSED:
        last -= 1
    return list(range(1, last + 1))


def survey_rounds(phases: list[Phase], reader: Reader) -> dict[int, SurveyItem]:
    """Per survey phase the anonymous results of the rounds the reader may see. The
    free-text answers are listed for moderators only: experts never see each other's
    texts, so the public report gives their number."""
    surveys = {s.phase_id: s for s in Survey.objects.filter(phase__in=phases)}
    found = {}
    for phase in phases:
        survey = surveys.get(phase.pk)
        rounds = []
        if survey is not None:
            numbers = visible_rounds(survey, reader)
            submitted = dict(
                survey.responses.filter(submitted_at__isnull=False, round__in=numbers)
                .values_list("round")
                .annotate(n=Count("pk"))
            )
            for number in numbers:
                results = survey_results.results(survey, number, charts=False)
                if not reader.moderator:
                    for result in results:
                        result.texts = []
                closed = number < survey.current_round or survey.status == Survey.Status.CLOSED
                rounds.append(RoundItem(number, submitted.get(number, 0), results, closed))
        found[phase.pk] = SurveyItem(survey, rounds, texts_shown=reader.moderator)
    return found


# --- the report ---------------------------------------------------------------------------


@dataclass
class PhaseSection:
    phase: Phase
    state: str
    board: list[ColumnItem] | None = None
    brainwriting: BrainwritingItem | None = None
    measures: MeasuresItem | None = None
    proposals: list[DialogueProposal] | None = None
    dialogue_intro: str = ""
    survey: SurveyItem | None = None


def report_sections(process: Process, reader: Reader) -> list[PhaseSection]:
    """The process's phases in order, each with what its module produced that the reader
    may see; the measures table (which belongs to the process) at its first measures
    phase."""
    today = timezone.localdate()
    phases = list(process.phases.all())

    def of(module):
        return [p for p in phases if p.module == module]

    boards = board_columns(of(Module.WORKSHOP_BOARD))
    sheets = brainwriting_sheets(of(Module.BRAINWRITING), reader)
    proposals = dialogue_proposals(of(Module.DIALOGUE))
    intros = dialogue_intros(of(Module.DIALOGUE))
    surveys = survey_rounds(of(Module.SURVEY), reader)
    measures = measures_table(process) if shows_measures(phases) else None
    sections = []
    for phase in phases:
        section = PhaseSection(phase=phase, state=phase.state(today))
        if phase.module == Module.WORKSHOP_BOARD:
            section.board = boards.get(phase.pk, [])
        elif phase.module == Module.BRAINWRITING:
            section.brainwriting = sheets[phase.pk]
        elif phase.module == Module.MEASURES and measures is not None:
            section.measures, measures = measures, None
        elif phase.module == Module.DIALOGUE:
            section.proposals = proposals[phase.pk]
            section.dialogue_intro = intros.get(phase.pk, "")
        elif phase.module == Module.SURVEY:
            section.survey = surveys[phase.pk]
        sections.append(section)
    return sections


def report_html(process: Process, reader: Reader) -> str:
    """The report as HTML, in the active language."""
    return render_to_string(
        "participation/report/report_pdf.html",
        {
            "process": process,
            "reader": reader,
            "sections": report_sections(process, reader),
            "description_html": render_markdown(process.description),
            "today": timezone.localdate(),
        },
    )


def _refuse_fetching(url, *args, **kwargs):
    # Everything the report shows is in its HTML; contributions must not make the server
    # fetch anything (an image or stylesheet smuggled into a text).
    raise ValueError(f"the report fetches nothing ({url[:40]})")


def report_pdf(process: Process, reader: Reader) -> bytes:
    # PDF/UA: tagged, with headings and tables a screen reader can follow (BITV 2.0).
    html = HTML(string=report_html(process, reader), url_fetcher=_refuse_fetching)
    return html.write_pdf(pdf_variant="pdf/ua-1")


# Every reader who does not moderate gets the same report: it is kept this long, so that a
# crowd following a link from the press or a council meeting builds it once (a PDF costs
# up to a second of CPU). Moderators, who change what is in it, get a fresh one each time.
SHARED_REPORT_SECONDS = 300


def report_pdf_for(process: Process, reader: Reader) -> bytes:
    if reader.moderator:
        return report_pdf(process, reader)
    key = f"participation-report:{process.pk}:{get_language()}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = report_pdf(process, reader)
        cache.set(key, pdf, SHARED_REPORT_SECONDS)
    return pdf


def file_name(process: Process) -> str:
    name = pgettext("file name of the workshop report", "report")
    return f"{process.slug}-{name}.pdf"
