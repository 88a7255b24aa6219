"""Demo of the participation app: the county's digitalisation-strategy process.

The county of the shop demo (its public buyer "Kreisverwaltung Dithmarschen") runs a
public process with a finished workshop board, a finished brainwriting in four groups, a
scored measures table with missions and a solution map, a running citizens' dialogue and
an expert survey in its second Delphi round. People of the demo's firms, research
institutions and associations near the county take part; the demo logins
member@demo.example (participant and invited expert) and kommune@demo.example
(moderator) walk through it (demo/tour.py).

Everything goes through the participation services a click would call, so the rules and
invariants hold (dot budgets, the rotation of the sheets, one score per person, rate
limits, the outbox for every mail). The brainwriting services take the moment as an
argument: the session runs with the clock of the workshop day, exactly as it would have.
The other services stamp the present; where the demo dates lie in the past, the
timestamps are moved back afterwards (as in the shop demo), and only those.
Runs after the shop demo (it needs the county) and does nothing once the process exists.
"""

import datetime
import ipaddress
from decimal import Decimal
from random import Random

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from knotenpunkt.accounts.models import User
from knotenpunkt.demo import clock
from knotenpunkt.demo.participation_data import (
    BOARD_ADOPTED,
    BOARD_CARDS,
    BOARD_PROMPTS,
    BRAINWRITING_GROUPS,
    CHOSEN,
    DESCRIPTION,
    DIALOGUE_INTRO,
    DIALOGUE_TOPICS,
    FIELD_PREFERENCE,
    FIELDS_OF_ACTION,
    IMPORTANCE,
    MEASURES,
    MISSIONS,
    OBSTACLE_WEIGHTS,
    PHASES,
    PRIORITY_OVERRIDE,
    PROPOSALS,
    QUESTIONS,
    SOLUTION_MAP,
    SUMMARY,
    SURVEY_INTRO,
    TITLE,
    CommentSpec,
    ProposalSpec,
)
from knotenpunkt.demo.procurement import buyer_organisation, demo_account
from knotenpunkt.directory.models import Organisation, Person, Position
from knotenpunkt.participation.models import (
    BoardCard,
    BoardColumn,
    BoardDot,
    BrainwritingSeat,
    Dialogue,
    DialogueComment,
    DialogueProposal,
    DialogueReport,
    DialogueSupport,
    Measure,
    MeasureScore,
    Phase,
    Process,
    SolutionMap,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
)
from knotenpunkt.participation.services import board as board_services
from knotenpunkt.participation.services import brainwriting as brainwriting_services
from knotenpunkt.participation.services import dialogue as dialogue_services
from knotenpunkt.participation.services import measures as measures_services
from knotenpunkt.participation.services import processes as process_services
from knotenpunkt.participation.services import survey as survey_services
from knotenpunkt.privacy.models import Consent

MODERATOR_LOGIN = "kommune@demo.example"
STAFF_LOGIN = "cm@diwish.example"
PARTICIPANT_LOGIN = "member@demo.example"
CITIZEN_LOGIN = "guest@demo.example"
# The county and its neighbours on the west coast, where the workshop's people come from.
REGIONS = ("01051", "01054", "01061")
ROUND_MINUTES = 5
SURVEY_EXPERTS = 12
SECOND_ROUND_ANSWERS = 6
# Made-up supporters without an account; example.* domains are reserved for examples.
CITIZEN_ADDRESSES = [
    f"{name}@{domain}"
    for name, domain in [
        ("hauke.jessen", "example.net"),
        ("inga.thiessen", "example.org"),
        ("broder.kruse", "example.com"),
        ("anke.wittmaack", "example.net"),
        ("jonas.peters", "example.org"),
        ("telse.hargens", "example.com"),
        ("sönke.boll", "example.net"),
        ("merle.paulsen", "example.org"),
    ]
]


def demo_process() -> Process | None:
    """The demo's participation process (None before the demo is built)."""
    return Process.objects.filter(title=TITLE).order_by("pk").first()


def build_participation_demo(seed: int) -> bool:
    """The county's digitalisation-strategy process; False if it exists already."""
    if demo_process() is not None:
        return False
    moderator = User.objects.filter(email=MODERATOR_LOGIN).first()
    if moderator is None:
        return False
    rng = Random(f"participation-{seed}")
    with transaction.atomic():
        county = buyer_organisation("kreis")
        facilitator = _facilitator(county) or moderator
        cast = _Cast(county, facilitator, moderator, rng)
        process = process_services.create_process(
            facilitator,
            county,
            title=TITLE,
            summary=SUMMARY,
            description=DESCRIPTION,
            visibility=Process.Visibility.PUBLIC,
        )
        for user in (moderator, User.objects.filter(email=STAFF_LOGIN).first()):
            if user is not None and user != facilitator:
                process_services.add_moderator(facilitator, process, user)
        phases = {
            key: process_services.add_phase(
                facilitator,
                process,
                title=title,
                module=module,
                starts_on=_day(first),
                ends_on=_day(last),
                description=description,
            )
            for key, title, module, first, last, description in PHASES
        }
        goals = _board(phases["board"], cast)
        _brainwriting(phases["brainwriting"], cast)
        _measures(process, goals, cast)
        _survey(phases["survey"], cast)
        _dialogue(phases["dialogue"], cast)
        process_services.update_process(facilitator, process, {"is_published": True})
    return True


# --- who takes part -----------------------------------------------------------------------


def _facilitator(county: Organisation) -> User | None:
    """The county's digitalisation officer (else anyone of the county) runs the workshop."""
    positions = Position.objects.current().filter(
        organisation=county, person__erased_at__isnull=True
    )
    position = (
        positions.filter(function="cdo").order_by("pk").first() or positions.order_by("pk").first()
    )
    if position is None:
        return None
    return demo_account(position.person, county.slug + ".example")


class _Cast:
    """The people of the process: the workshop's participants (with accounts, since they
    write and score), the experts of the survey (by e-mail) and the citizens."""

    def __init__(self, county, facilitator, moderator, rng: Random):
        self.rng = rng
        self.facilitator = facilitator
        self.moderator = moderator
        self.member = User.objects.filter(email=PARTICIPANT_LOGIN).first()
        self.guest = User.objects.filter(email=CITIZEN_LOGIN).first()
        logins = set(
            User.objects.filter(
                email__in=[MODERATOR_LOGIN, STAFF_LOGIN, PARTICIPANT_LOGIN, CITIZEN_LOGIN]
            ).values_list("pk", flat=True)
        )
        positions = (
            Position.objects.current()
            .filter(person__erased_at__isnull=True)
            .filter(organisation__region__ags__in=REGIONS)
            .exclude(organisation=county)
            .select_related("person", "organisation")
            .order_by("person_id", "pk")
        )
        research = (
            Position.objects.current()
            .filter(
                person__erased_at__isnull=True,
                organisation__actor_type=Organisation.ActorType.RESEARCH,
            )
            .select_related("person", "organisation")
            .order_by("person_id", "pk")
        )
        county_people = (
            Position.objects.current()
            .filter(organisation=county, person__erased_at__isnull=True)
            .exclude(person__user=facilitator)
            .select_related("person", "organisation")
            .order_by("person_id", "pk")
        )
        # One organisation per person (their first current position).
        candidates: dict[int, Position] = {}
        for position in [*county_people, *positions, *research[:20]]:
            if position.person.user_id in logins:
                continue
            candidates.setdefault(position.person_id, position)
        pool = list(candidates.values())
        self.workshop: list[User] = [
            demo_account(position.person, position.organisation.slug + ".example")
            for position in rng.sample(pool, min(24, len(pool)))
        ]
        # The survey asks beyond the workshop's tables: anyone of them may be an expert.
        self.expert_pool = [candidates[pk] for pk in sorted(candidates)]

    def with_member(self, users: list[User], position: int | None = None) -> list[User]:
        """`users` with the demo's participant login among them (at `position`)."""
        if self.member is None:
            return users
        users = [u for u in users if u != self.member]
        if position is None:
            position = self.rng.randrange(len(users) + 1)
        users.insert(position, self.member)
        return users

    @staticmethod
    def sector(person: Person | None) -> int:
        """The answer to the survey's first question: which kind of organisation."""
        position = Position.objects.current().filter(person=person).first() if person else None
        if position is None:
            return 0
        organisation = position.organisation
        kind = organisation.actor_type
        if kind == Organisation.ActorType.PUBLIC:
            return 3
        if kind == Organisation.ActorType.RESEARCH:
            return 2
        if kind in (Organisation.ActorType.INTERMEDIARY, Organisation.ActorType.MARKETING):
            return 4
        return 0 if (organisation.wz_code or "").startswith(("58", "62", "63")) else 1


# --- the clock ----------------------------------------------------------------------------


def _day(days: int) -> datetime.date:
    return clock.today() + datetime.timedelta(days=days)


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    """`hour`:`minute` Berlin time, `days` from the demo's today; never in the future."""
    moment = timezone.make_aware(datetime.datetime.combine(_day(days), datetime.time(hour, minute)))
    return _past(moment)


def _past(moment: datetime.datetime) -> datetime.datetime:
    """`moment`, or a little before the demo's present if it would lie ahead."""
    return min(moment, clock.now() - datetime.timedelta(minutes=30))


def _waking(moment: datetime.datetime) -> datetime.datetime:
    """`moment` moved out of the night (people write between 7 and 23 o'clock), and not
    ahead of the demo's present."""
    local = timezone.localtime(moment)
    if local.hour < 7:
        local = local.replace(hour=7 + local.hour % 3)
    elif local.hour >= 23:
        local = (local + datetime.timedelta(days=1)).replace(hour=7)
    return _past(local)


# --- workshop board -----------------------------------------------------------------------


def _board(phase: Phase, cast: _Cast) -> dict:
    """Cards, dots, merged duplicates, the reveal and the adopted cards; returns the
    process goals made from the adopted goals, by card key."""
    rng, facilitator = cast.rng, cast.facilitator
    voters = cast.with_member(cast.workshop[:14])
    day = -134
    adopted_goals = {}
    for hour, column in enumerate(board_services.columns_of(phase), start=9):
        specs = BOARD_CARDS[column.kind]
        board_services.configure_column(
            facilitator, column, prompt=BOARD_PROMPTS[column.kind], dots_per_participant=3
        )
        board_services.set_collecting(facilitator, column, True)
        authors = rng.sample(voters, len(specs))
        cards = {
            spec.key: board_services.add_card(author, column, spec.text)
            for spec, author in zip(specs, authors, strict=True)
        }
        board_services.set_collecting(facilitator, column, False)
        for spec in specs:
            if spec.duplicate_of:
                board_services.merge_cards(facilitator, cards[spec.duplicate_of], cards[spec.key])
            if spec.hidden_reason:
                board_services.hide_card(facilitator, cards[spec.key], spec.hidden_reason)
        board_services.set_voting(facilitator, column, True)
        live = [s for s in specs if not s.duplicate_of and not s.hidden_reason]
        for voter in voters:
            # Each voter has favourites of their own; most spread their three dots over
            # their top three, some put two on their favourite.
            liked = sorted(live, key=lambda s: -(s.weight + rng.uniform(0, 4)))
            picks = liked[:3] if rng.random() < 0.75 else [liked[0], *liked[:2]]
            for spec in picks[: column.dots_per_participant]:
                board_services.place_dot(voter, cards[spec.key])
        board_services.reveal(facilitator, column)
        totals = dict(
            BoardCard.objects.filter(column=column).annotate(n=Count("dots")).values_list("pk", "n")
        )
        ranked = sorted(live, key=lambda s: (-totals[cards[s.key].pk], specs.index(s)))
        for spec in ranked[: BOARD_ADOPTED[column.kind]]:
            board_services.set_adopted(facilitator, cards[spec.key], True)
            if column.kind == "goals":
                adopted_goals[spec.key] = (spec, cards[spec.key])
        # The workshop day, not the build: cards written in the first quarter of the
        # column's hour, dots in the second half, the reveal and adoption at its end.
        for minute, spec in enumerate(specs):
            BoardCard.objects.filter(pk=cards[spec.key].pk).update(
                created_at=_at(day, hour, 2 + minute * 2)
            )
        BoardCard.objects.filter(column=column, merged_into__isnull=False).update(
            merged_at=_at(day, hour, 25)
        )
        BoardCard.objects.filter(column=column, hidden_at__isnull=False).update(
            hidden_at=_at(day, hour, 26)
        )
        BoardDot.objects.filter(card__column=column).update(placed_at=_at(day, hour, 40))
        BoardCard.objects.filter(column=column, adopted_at__isnull=False).update(
            adopted_at=_at(day, hour, 55)
        )
        BoardColumn.objects.filter(pk=column.pk).update(revealed_at=_at(day, hour, 50))
    process = phase.process
    # The adopted goals become the goals the measures serve ("Mehrwert"), in short titles
    # linked to their cards (as "Take over the adopted goals" links them).
    return {
        key: measures_services.save_goal(
            facilitator, process, title=spec.title, description=spec.text, source_card=card
        )
        for key, (spec, card) in adopted_goals.items()
    }


# --- brainwriting -------------------------------------------------------------------------


def _brainwriting(phase: Phase, cast: _Cast) -> None:
    """Four groups, five rounds, every sheet passed on by the session's own clock."""
    rng, facilitator = cast.rng, cast.facilitator
    start = _at(-133, 13, 30)
    session = brainwriting_services.configure_session(
        facilitator,
        phase,
        rounds=5,
        minutes_per_round=ROUND_MINUTES,
        ideas_per_round=2,
        groups=[title for title, _size, _sheets in BRAINWRITING_GROUPS],
    )
    groups = {group.title: group for group in session.groups.all()}
    people = list(cast.workshop)
    rng.shuffle(people)
    sizes = [size for _title, size, _sheets in BRAINWRITING_GROUPS]
    # The demo's participant sits at the last table ("Innovation & Unternehmen").
    people = people[: sum(sizes) - (1 if cast.member else 0)]
    people = cast.with_member(people, position=sum(sizes[:-1]))
    seated = 0
    threads = {}
    for title, size, sheets in BRAINWRITING_GROUPS:
        for user in people[seated : seated + size]:
            brainwriting_services.assign(facilitator, session, user, groups[title])
        seated += size
        threads[title] = rng.sample(sheets, size)
    session = brainwriting_services.start(facilitator, session, now=start)
    seats = list(
        BrainwritingSeat.objects.filter(session=session)
        .select_related("group", "user")
        .order_by("group", "position")
    )
    last_idea: dict[tuple[int, int], int] = {}
    for round_number in range(1, session.rounds + 1):
        opened = start + datetime.timedelta(minutes=ROUND_MINUTES * (round_number - 1))
        for seat in seats:
            size = len(threads[seat.group.title])
            sheet = brainwriting_services.sheet_position_held(seat.position, round_number, size)
            text = threads[seat.group.title][sheet][round_number - 1]
            # Read, think, write: an idea lands between 40 s and 4.5 min into the round.
            moment = opened + datetime.timedelta(seconds=rng.randint(40, 270))
            idea = brainwriting_services.submit_idea(
                seat.user,
                session,
                text=text,
                round_number=round_number,
                extends=last_idea.get((seat.group_id, sheet)),
                now=moment,
            )
            last_idea[(seat.group_id, sheet)] = idea.pk
    brainwriting_services.sync(
        session, now=start + datetime.timedelta(minutes=ROUND_MINUTES * session.rounds, seconds=1)
    )
    # People took their seats before the start (the seat's own stamp is the build's).
    for n, seat in enumerate(seats):
        BrainwritingSeat.objects.filter(pk=seat.pk).update(
            joined_at=start - datetime.timedelta(minutes=20) + datetime.timedelta(seconds=40 * n)
        )


# --- measures table -----------------------------------------------------------------------


def _owner_organisations(county: Organisation) -> dict[str, Organisation]:
    """Demo organisations that take measures forward, by the role they play; the county
    wherever the demo has none of a kind."""
    near = Organisation.objects.filter(region__ags__in=REGIONS).order_by("pk")
    research = Organisation.objects.filter(actor_type=Organisation.ActorType.RESEARCH)
    intermediaries = Organisation.objects.filter(actor_type=Organisation.ActorType.INTERMEDIARY)
    found = {
        "county": county,
        "research": research.filter(name__icontains="hochschule").order_by("pk").first()
        or research.order_by("pk").first(),
        "association": near.filter(actor_type=Organisation.ActorType.INTERMEDIARY).first()
        or intermediaries.order_by("pk").first(),
        "it-firm": near.filter(
            actor_type=Organisation.ActorType.BUSINESS, name__iregex=r"sicherheit|systemhaus"
        ).first()
        or near.filter(actor_type=Organisation.ActorType.BUSINESS, wz_code__startswith="62").first()
        or near.filter(actor_type=Organisation.ActorType.BUSINESS).first(),
        "coworking": intermediaries.filter(name__icontains="coworking").order_by("pk").first(),
    }
    return {key: organisation or county for key, organisation in found.items()}


def _measures(process: Process, goals: dict, cast: _Cast) -> None:
    """Fields of action, missions, measures with their scores, the moderation's rank for
    one, the chosen measures and one complete solution map.

    The owner is the county, a public body: its process keeps no strategy tree on the
    platform, so no measure is taken into a strategy (the service refuses it)."""
    rng, facilitator = cast.rng, cast.facilitator
    year = clock.today().year
    measures_services.save_setup(
        facilitator, process, value_scale=5, feasibility_scale=5, scoring_open=False
    )
    fields = [
        measures_services.save_field(facilitator, process, title=title, order=n)
        for n, title in enumerate(FIELDS_OF_ACTION, start=1)
    ]
    missions = {
        key: measures_services.save_mission(
            facilitator,
            process,
            title=title,
            fields_of_action=[fields[i] for i in field_indexes],
            description=description,
            is_cross_cutting=cross_cutting,
            order=n,
        )
        for n, (key, title, field_indexes, cross_cutting, description) in enumerate(
            MISSIONS, start=1
        )
    }
    owners = _owner_organisations(process.organisation)
    measures: dict[str, Measure] = {}
    for spec in MEASURES:
        measures[spec.key] = measures_services.save_measure(
            facilitator,
            process,
            {
                "mission": missions[spec.mission],
                "title": spec.title,
                "description": spec.description,
                "horizon": spec.horizon,
                "target_year": year + spec.years,
                "success_criteria": spec.success_criteria,
                "owner": spec.owner,
                "owner_organisation": owners.get(spec.owner_organisation),
                "cost_estimate": Decimal(spec.cost) if spec.cost else None,
                "status": spec.status,
            },
            goals=[goals[key] for key in spec.goals if key in goals],
            origin=spec.origin,
        )
    # Scoring ran while the phase did: open it, score on one of its days, close it.
    scoring_day = _day(-105)
    measures_services.save_setup(
        facilitator, process, value_scale=5, feasibility_scale=5, scoring_open=True
    )
    scorers = cast.with_member(cast.workshop[4:13])
    for scorer in scorers:
        skipped = rng.choice(MEASURES).key if rng.random() < 0.3 else None
        measures_services.score_measures(
            scorer,
            {
                measures[spec.key]: (_score(rng, spec.value), _score(rng, spec.feasibility))
                for spec in MEASURES
                if spec.key != skipped
            },
            today=scoring_day,
        )
    measures_services.save_setup(
        facilitator, process, value_scale=5, feasibility_scale=5, scoring_open=False
    )
    key, rank, reason = PRIORITY_OVERRIDE
    measures_services.set_priority(facilitator, measures[key], rank=rank, reason=reason)
    for key in CHOSEN:
        measures_services.choose_measure(facilitator, measures[key], True)
    measures_services.save_solution_map(
        facilitator,
        measures[SOLUTION_MAP["measure"]],
        actors=SOLUTION_MAP["actors"],
        resources=SOLUTION_MAP["resources"],
        risks=SOLUTION_MAP["risks"],
        first_step=SOLUTION_MAP["first_step"],
        steps=SOLUTION_MAP["steps"],
    )
    # Imported measures came in before the workshop, the others after the brainwriting;
    # each participant scored on a day of their own; the map was drawn at the end.
    for spec in MEASURES:
        Measure.objects.filter(pk=measures[spec.key].pk).update(
            created_at=_at(-136 if spec.origin == "imported" else -119, 10)
        )
    for n, scorer in enumerate(scorers):
        MeasureScore.objects.filter(measure__process=process, voter=scorer).update(
            scored_at=_at(-112 + 2 * n, 8 + n, 15)
        )
    SolutionMap.objects.filter(measure__process=process).update(updated_at=_at(-93, 15))


def _score(rng: Random, mean: float) -> int:
    return max(1, min(5, round(rng.gauss(mean, 0.7))))


# --- expert survey ------------------------------------------------------------------------


def _may_be_invited(positions) -> list[Person]:
    """People whose latest decision on invitations is a yes: the survey asks only them
    (the service would refuse those who objected; never asked is not enough here)."""
    people = [position.person for position in positions]
    latest = {}
    for person_id, granted in (
        Consent.objects.filter(person__in=people, purpose=Consent.Purpose.EVENT_INVITATIONS)
        .order_by("person_id", "-recorded_at", "-id")
        .values_list("person_id", "granted")
    ):
        latest.setdefault(person_id, granted)
    return [person for person in people if latest.get(person.pk) is True]


def _survey(phase: Phase, cast: _Cast) -> None:
    """Eight questions, twelve invited experts who answered round 1, round 2 open with
    some answers in; the demo's participant has not answered round 2 yet."""
    rng, facilitator = cast.rng, cast.facilitator
    survey = survey_services.survey_of(phase)
    survey_services.save_settings(
        facilitator, survey, introduction=SURVEY_INTRO, open_to_participants=False
    )
    questions: dict[str, SurveyQuestion] = {}
    for spec in QUESTIONS:
        shown_if = None
        if spec.shown_if:
            key, index = spec.shown_if
            shown_if = list(questions[key].options.all())[index]
        questions[spec.key] = survey_services.add_question(
            facilitator,
            survey,
            kind=spec.kind,
            text=spec.text,
            help_text=spec.help_text,
            required=spec.required,
            options=list(spec.options),
            scale_min=spec.scale[0],
            scale_max=spec.scale[1],
            scale_min_label=spec.labels[0],
            scale_max_label=spec.labels[1],
            shown_if=shown_if,
        )
    experts = [
        person
        for person in _may_be_invited(cast.expert_pool)
        if person.primary_email and not survey_services.is_suppressed(person.primary_email)
    ]
    experts = rng.sample(experts, min(SURVEY_EXPERTS - 1, len(experts)))
    addresses = [person.primary_email for person in experts]
    if cast.member is not None:
        addresses.insert(rng.randrange(len(addresses) + 1), cast.member.email)
    survey_services.invite_experts(facilitator, survey, addresses)
    invitations = list(survey.invitations.select_related("person").order_by("pk"))
    survey_services.open_round(facilitator, survey)
    first_round = {}
    for invitation in invitations:
        sector = cast.sector(invitation.person)
        first_round[invitation.pk] = _first_answers(rng, questions, sector)
        survey_services.save_response(invitation, first_round[invitation.pk], submit=True)
    survey_services.close_round(facilitator, survey)
    survey_services.start_next_round(facilitator, survey)
    # Round 2: some experts have answered, one saved part-way, the others (among them
    # the demo's participant) not yet.
    medians = _medians(questions, first_round.values())
    others = [i for i in invitations if i.email != PARTICIPANT_LOGIN]
    for n, invitation in enumerate(others[: SECOND_ROUND_ANSWERS + 1]):
        answers = _second_answers(rng, questions, first_round[invitation.pk], medians)
        survey_services.save_response(invitation, answers, submit=n < SECOND_ROUND_ANSWERS)
    # Invited seven weeks ago; round 1 answered over three weeks, round 2 in the last days.
    SurveyInvitation.objects.filter(survey=survey).update(
        invited_at=_at(-50, 9), mailed_at=_at(-50, 9)
    )
    for n, invitation in enumerate(invitations):
        answered = _at(-48 + 2 * n, 8 + n % 10, 20)
        SurveyResponse.objects.filter(invitation=invitation, round=1).update(
            created_at=answered, updated_at=answered, submitted_at=answered
        )
    for n, invitation in enumerate(others[: SECOND_ROUND_ANSWERS + 1]):
        answered = _at(-9 + n, 9 + n, 40)
        SurveyResponse.objects.filter(invitation=invitation, round=2).update(
            created_at=answered, updated_at=answered
        )
        SurveyResponse.objects.filter(
            invitation=invitation, round=2, submitted_at__isnull=False
        ).update(submitted_at=answered)


def _options(question: SurveyQuestion) -> list[str]:
    return [str(option.pk) for option in question.options.all()]


def _first_answers(rng: Random, questions: dict, sector: int) -> dict:
    """An expert's round-1 answers, as the questionnaire posts them."""
    raw = {}
    by_key = {spec.key: spec for spec in QUESTIONS}
    raw[questions["sector"].pk] = _options(questions["sector"])[sector]
    raw[questions["maturity"].pk] = str(rng.choice([2, 2, 2, 3, 3, 1, 4]))
    obstacles = _options(questions["obstacles"])
    picked: list[str] = []
    while len(picked) < rng.choice([2, 3, 3]):
        choice = rng.choices(obstacles, weights=OBSTACLE_WEIGHTS)[0]
        if choice not in picked:
            picked.append(choice)
    raw[questions["obstacles"].pk] = picked
    if obstacles[1] in picked and rng.random() < 0.8:
        raw[questions["where"].pk] = rng.choice(by_key["where"].answers)
    fields = _options(questions["fields"])
    order = sorted(
        range(len(fields)), key=lambda i: -(FIELD_PREFERENCE[i] + rng.uniform(-1.2, 1.2))
    )
    raw[questions["fields"].pk] = {fields[i]: str(rank) for rank, i in enumerate(order, start=1)}
    raw[questions["importance"].pk] = {
        row: str(max(1, min(5, round(rng.gauss(mean, 0.8)))))
        for row, mean in zip(_options(questions["importance"]), IMPORTANCE, strict=True)
    }
    raw[questions["online-2035"].pk] = str(rng.choice([2, 3, 4, 5, 5, 6, 6, 7, 8, 9]))
    if rng.random() < 0.6:
        raw[questions["not-to-forget"].pk] = rng.choice(by_key["not-to-forget"].answers)
    return raw


def _medians(questions: dict, answers) -> dict:
    """The round-1 medians the experts see beside the scales (for their second answers)."""
    answers = list(answers)

    def median(values):
        values = sorted(values)
        return values[len(values) // 2]

    found = {
        key: median(int(a[questions[key].pk]) for a in answers)
        for key in ("maturity", "online-2035")
    }
    importance = questions["importance"].pk
    found["importance"] = {
        row: median(int(a[importance][row]) for a in answers)
        for row in _options(questions["importance"])
    }
    return found


def _second_answers(rng: Random, questions: dict, first: dict, medians: dict) -> dict:
    """Round 2 (Delphi): the round-1 answers, with some scales moved towards what the
    others said."""

    def closer(value: int, median: int) -> str:
        if value != median and rng.random() < 0.6:
            value += 1 if median > value else -1
        return str(value)

    raw = dict(first)
    for key in ("maturity", "online-2035"):
        pk = questions[key].pk
        raw[pk] = closer(int(first[pk]), medians[key])
    pk = questions["importance"].pk
    raw[pk] = {row: closer(int(v), medians["importance"][row]) for row, v in first[pk].items()}
    return raw


# --- citizens' dialogue -------------------------------------------------------------------


def _network(rng: Random) -> str:
    """A client address from the documentation ranges (RFC 5737): the dialogue stores only
    a keyed hash of it, for its rate limits."""
    network = rng.choice(["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"])
    return str(ipaddress.ip_network(network)[rng.randint(1, 254)])


class _Writers:
    """Who writes in the dialogue: the demo's citizen and participant logins, people of
    the workshop, and people without an account (anonymous; supports by e-mail)."""

    def __init__(self, cast: _Cast):
        self.cast = cast
        self.rng = cast.rng

    def writer(self, by: str) -> dialogue_services.Writer:
        user = {
            "guest": self.cast.guest,
            "member": self.cast.member,
            "participant": self.rng.choice(self.cast.workshop),
        }.get(by)
        return dialogue_services.Writer(user=user or AnonymousUser(), ip=_network(self.rng))

    def supporters(self, count: int) -> list[dialogue_services.Writer]:
        accounts = [u for u in (*self.cast.workshop, self.cast.guest, self.cast.member) if u]
        return [
            dialogue_services.Writer(user=user, ip=_network(self.rng))
            for user in self.rng.sample(accounts, min(count, len(accounts)))
        ]

    def by_email(self, count: int) -> list[dialogue_services.Writer]:
        return [
            dialogue_services.Writer(user=AnonymousUser(), email=address, ip=_network(self.rng))
            for address in self.rng.sample(CITIZEN_ADDRESSES, count)
        ]


def _dialogue(phase: Phase, cast: _Cast) -> None:
    """Proposals (pre-moderated) with comments, supports, a hidden advert, an open report,
    one proposal and one comment still waiting for the moderators, and the county's
    answers."""
    moderator, answerer = cast.moderator, cast.facilitator
    dialogue = dialogue_services.dialogue_of(phase)
    dialogue_services.configure(
        cast.facilitator,
        dialogue,
        identity=Dialogue.Identity.ANONYMOUS,
        moderation=Dialogue.Moderation.PRE,
        intro=DIALOGUE_INTRO,
        topics=DIALOGUE_TOPICS,
    )
    topics = {topic.title: topic for topic in dialogue.topics.all()}
    writers = _Writers(cast)
    for spec in sorted(PROPOSALS, key=lambda p: -p.days_ago):
        proposal = dialogue_services.submit_proposal(
            dialogue,
            writers.writer(spec.by),
            title=spec.title,
            text=spec.text,
            topic=topics.get(spec.topic),
        )
        written = _at(-spec.days_ago, 8 + spec.days_ago % 12, 10)
        if spec.pending:
            DialogueProposal.objects.filter(pk=proposal.pk).update(created_at=written)
            continue
        if spec.hidden:
            # Pre-moderation: the advert never got out of the queue.
            reason, note = spec.hidden
            dialogue_services.hide(moderator, proposal, reason=reason, note=note)
            DialogueProposal.objects.filter(pk=proposal.pk).update(
                created_at=written, hidden_at=written + datetime.timedelta(hours=3)
            )
            continue
        proposal = dialogue_services.approve(moderator, proposal)
        _comments(proposal, spec, writers, moderator, written)
        _supports(proposal, spec, writers, written)
        if spec.status != "open":
            dialogue_services.answer(answerer, proposal, status=spec.status, text=spec.answer)
        DialogueProposal.objects.filter(pk=proposal.pk).update(
            created_at=written,
            published_at=_past(written + datetime.timedelta(hours=2)),
            answered_at=(_at(-max(spec.days_ago - 5, 0), 16) if spec.status != "open" else None),
        )


def _comments(proposal, spec: ProposalSpec, writers: _Writers, moderator, written) -> None:
    def write(comment_spec: CommentSpec, parent, hours: int):
        comment = dialogue_services.submit_comment(
            proposal, writers.writer(comment_spec.by), text=comment_spec.text, parent=parent
        )
        when = _waking(written + datetime.timedelta(hours=hours))
        if comment_spec.pending:
            DialogueComment.objects.filter(pk=comment.pk).update(created_at=when)
            return comment
        comment = dialogue_services.approve(moderator, comment)
        DialogueComment.objects.filter(pk=comment.pk).update(
            created_at=when, published_at=_past(when + datetime.timedelta(hours=1))
        )
        if comment_spec.reported:
            reason, note = comment_spec.reported
            report = dialogue_services.report(
                comment, writers.writer("participant"), reason=reason, note=note
            )
            DialogueReport.objects.filter(pk=report.pk).update(
                created_at=_past(when + datetime.timedelta(hours=5))
            )
        return comment

    hours = 3
    for comment_spec in spec.comments:
        comment = write(comment_spec, None, hours)
        hours += 7
        for reply in comment_spec.replies:
            write(reply, comment, hours)
            hours += 4


def _supports(proposal, spec: ProposalSpec, writers: _Writers, written) -> None:
    made = []
    for writer in writers.supporters(spec.supports):
        support, _created = dialogue_services.support(proposal, writer)
        made.append(support)
    email_writers = writers.by_email(spec.email_supports + int(spec.unconfirmed_support))
    for n, writer in enumerate(email_writers):
        support, _created = dialogue_services.support(proposal, writer)
        if n < spec.email_supports:
            # The supporter clicked the link in the mail.
            dialogue_services.confirm(support.confirmation_token)
        made.append(support)
    for n, support in enumerate(made):
        when = _waking(written + datetime.timedelta(hours=4 + 5 * n))
        DialogueSupport.objects.filter(pk=support.pk).update(created_at=when)
        DialogueSupport.objects.filter(pk=support.pk, confirmed_at__isnull=False).update(
            confirmed_at=_past(when + datetime.timedelta(minutes=12))
        )
