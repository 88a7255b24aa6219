"""The expert survey: building the questionnaire, inviting experts, running Delphi rounds,
taking answers (saved part-way or submitted). The results are survey_results.py's.

Answers are plain data: `read_answers` turns posted form values into raw answers,
`clean_answers` checks them against the questions (errors per question, nothing lost),
`save_response` stores them. Conditional questions whose condition is not met are neither
required nor stored.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import PersonEmail
from knotenpunkt.directory.services.people import people_known_by_email
from knotenpunkt.mailings.services.sending import UNDELIVERABLE
from knotenpunkt.outbox.services import queue_mail
from knotenpunkt.participation.models import (
    Phase,
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
)
from knotenpunkt.privacy.models import Consent

Kind = SurveyQuestion.Kind
MAX_SCALE_STEPS = 11
MAX_TEXT_LENGTH = 5000
MAX_INVITATIONS_AT_ONCE = 200


# --- the questionnaire -----------------------------------------------------------------------


def survey_of(phase: Phase) -> Survey:
    """The survey of an expert-survey phase, created empty on first use."""
    if phase.module != Phase.Module.SURVEY:
        raise ValueError(f"phase {phase.pk} does not run the expert survey")
    survey, _created = Survey.objects.get_or_create(phase=phase)
    return survey


def _check_editable(survey: Survey) -> None:
    if survey.status == Survey.Status.OPEN:
        raise ValidationError(_("Close the round before you change the questions."))


@transaction.atomic
def add_question(
    actor,
    survey: Survey,
    *,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = True,
    options: list[str] = (),
    scale_min: int = 1,
    scale_max: int = 5,
    scale_min_label: str = "",
    scale_max_label: str = "",
    shown_if: SurveyOption | None = None,
) -> SurveyQuestion:
    """Add a question at the end. Errors name the field they concern."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _check_editable(survey)
    options = [o.strip() for o in options if o.strip()]
    errors: dict[str, list[str]] = {}
    if kind not in Kind.values:
        errors["kind"] = [_("Choose a type of question.")]
    if not text.strip():
        errors["text"] = [_("Enter the question.")]
    if kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.RANKING) and len(options) < 2:
        errors["options"] = [_("Enter at least two options, one per line.")]
    if kind == Kind.MATRIX and not options:
        errors["options"] = [_("Enter at least one row, one per line.")]
    if len(set(options)) != len(options):
        errors["options"] = [_("Each option may appear only once.")]
    if kind in (Kind.SCALE, Kind.MATRIX) and not (
        scale_min < scale_max and scale_max - scale_min < MAX_SCALE_STEPS
    ):
        errors["scale_max"] = [
            _("The highest value must be above the lowest, at most %(n)s steps apart.")
            % {"n": MAX_SCALE_STEPS - 1}
        ]
    if shown_if is not None and (
        shown_if.question.survey_id != survey.pk or not shown_if.question.is_choice
    ):
        errors["shown_if"] = [_("The condition must be an option of a choice question above.")]
    if errors:
        raise ValidationError(errors)
    position = (survey.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    question = SurveyQuestion.objects.create(
        survey=survey,
        position=position,
        kind=kind,
        text=text.strip(),
        help_text=help_text.strip(),
        required=required,
        scale_min=scale_min if kind in (Kind.SCALE, Kind.MATRIX) else 1,
        scale_max=scale_max if kind in (Kind.SCALE, Kind.MATRIX) else 5,
        scale_min_label=scale_min_label.strip(),
        scale_max_label=scale_max_label.strip(),
        shown_if=shown_if,
    )
    if question.has_options:
        SurveyOption.objects.bulk_create(
            SurveyOption(question=question, position=i, label=label)
            for i, label in enumerate(options, start=1)
        )
    log_action(actor, "participation.survey.question_added", survey.process, question=question.text)
    return question


@transaction.atomic
def update_question(
    actor,
    question: SurveyQuestion,
    *,
    text: str,
    help_text: str = "",
    required: bool = True,
    scale_min_label: str = "",
    scale_max_label: str = "",
) -> SurveyQuestion:
    """Change a question's wording, help text, labels and whether it is required; its
    type, options and scale stay (answers refer to them)."""
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    _check_editable(survey)
    if not text.strip():
        raise ValidationError({"text": [_("Enter the question.")]})
    question.text = text.strip()
    question.help_text = help_text.strip()
    question.required = required
    question.scale_min_label = scale_min_label.strip()
    question.scale_max_label = scale_max_label.strip()
    question.save(
        update_fields=["text", "help_text", "required", "scale_min_label", "scale_max_label"]
    )
    log_action(
        actor, "participation.survey.question_changed", survey.process, question=question.text
    )
    return question


@transaction.atomic
def delete_question(actor, question: SurveyQuestion) -> None:
    """Remove a question and its answers (questions depending on it are shown always)."""
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    _check_editable(survey)
    log_action(
        actor, "participation.survey.question_deleted", survey.process, question=question.text
    )
    question.delete()


@transaction.atomic
def move_question(actor, question: SurveyQuestion, up: bool) -> None:
    """Swap a question with the one above (or below). A conditional question stays below
    the question it depends on."""
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    _check_editable(survey)
    questions = list(survey.questions.select_related("shown_if"))
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(questions):
        return
    first, second = sorted([questions[index], questions[other_index]], key=questions.index)
    if second.shown_if is not None and second.shown_if.question_id == first.pk:
        raise ValidationError(
            _("A conditional question must stay below the question it depends on.")
        )
    questions[index], questions[other_index] = questions[other_index], questions[index]
    for position, q in enumerate(questions, start=1):
        if q.position != position:
            q.position = position
            q.save(update_fields=["position"])


def questions_of(survey: Survey) -> list[SurveyQuestion]:
    return list(survey.questions.select_related("shown_if__question").prefetch_related("options"))


@transaction.atomic
def save_settings(actor, survey: Survey, *, introduction: str, open_to_participants: bool) -> None:
    """The introduction the experts read, and whether participants answer with accounts."""
    survey.introduction = introduction.strip()
    survey.open_to_participants = open_to_participants
    survey.save(update_fields=["introduction", "open_to_participants"])
    log_action(actor, "participation.survey.changed", survey.process)


# --- rounds --------------------------------------------------------------------------------


@transaction.atomic
def open_round(actor, survey: Survey) -> Survey:
    """Open the first round (the survey leaves its draft)."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != Survey.Status.DRAFT:
        raise ValidationError(_("The survey has already been opened."))
    if not survey.questions.exists():
        raise ValidationError(_("Add at least one question before you open the survey."))
    survey.status = Survey.Status.OPEN
    survey.save(update_fields=["status"])
    log_action(
        actor, "participation.survey.round_opened", survey.process, round=survey.current_round
    )
    return survey


@transaction.atomic
def close_round(actor, survey: Survey) -> Survey:
    """Close the running round: no more answers or changes to it."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("No round is open."))
    survey.status = Survey.Status.CLOSED
    survey.save(update_fields=["status"])
    log_action(
        actor, "participation.survey.round_closed", survey.process, round=survey.current_round
    )
    return survey


@transaction.atomic
def start_next_round(actor, survey: Survey) -> Survey:
    """Open the next Delphi round after the last one was closed."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != Survey.Status.CLOSED:
        raise ValidationError(_("Close the current round first."))
    survey.current_round += 1
    survey.status = Survey.Status.OPEN
    survey.save(update_fields=["current_round", "status"])
    log_action(
        actor, "participation.survey.round_opened", survey.process, round=survey.current_round
    )
    return survey


# --- invitations ---------------------------------------------------------------------------


@dataclass
class InvitationReport:
    """What inviting did with each address given."""

    mailed: list[str] = field(default_factory=list)
    already_invited: list[str] = field(default_factory=list)
    suppressed: list[str] = field(default_factory=list)
    objected: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)


def split_addresses(text: str) -> list[str]:
    """Addresses typed one per line, or separated by commas, semicolons or spaces."""
    for separator in ",;\t\r":
        text = text.replace(separator, "\n")
    found: list[str] = []
    for part in text.split():
        address = part.strip().strip("<>").lower()
        if address and address not in found:
            found.append(address)
    return found


def is_suppressed(address: str) -> bool:
    """The platform no longer mails the address: it bounces or was found invalid (the
    mailings' bounce handling marks it on every person's record with it)."""
    return (
        PersonEmail.objects.alias(address_lower=Lower("address"))
        .filter(address_lower=address.lower(), deliverability__in=UNDELIVERABLE)
        .exists()
    )


def has_objected(people) -> bool:
    """Someone the address identifies withdrew their consent to invitations (or refused
    it); their latest decision counts, as in the mailings. Never asked is no objection:
    a personal invitation is not a mailing."""
    for person in people:
        latest = (
            Consent.objects.filter(person=person, purpose=Consent.Purpose.EVENT_INVITATIONS)
            .order_by("-recorded_at", "-id")
            .values_list("granted", flat=True)
            .first()
        )
        if latest is False:
            return True
    return False


def invite_experts(actor, survey: Survey, addresses: list[str], language=None) -> InvitationReport:
    """Invite experts by e-mail, each with a personal link. Addresses the platform no
    longer mails (bouncing, or whose person objected to invitations) get no mail and no
    invitation; addresses already invited are left alone."""
    report = InvitationReport()
    if len(addresses) > MAX_INVITATIONS_AT_ONCE:
        raise ValidationError(
            _("At most %(n)s addresses at once.") % {"n": MAX_INVITATIONS_AT_ONCE}
        )
    with transaction.atomic():
        survey = (
            Survey.objects.select_for_update().select_related("phase__process").get(pk=survey.pk)
        )
        for raw in addresses:
            address = raw.strip().lower()
            try:
                validate_email(address)
            except ValidationError:
                report.invalid.append(raw)
                continue
            if survey.invitations.filter(email=address).exists():
                report.already_invited.append(address)
                continue
            if is_suppressed(address):
                report.suppressed.append(address)
                continue
            people = list(people_known_by_email(address))
            if has_objected(people):
                report.objected.append(address)
                continue
            invitation = SurveyInvitation.objects.create(
                survey=survey,
                email=address,
                person=people[0] if len(people) == 1 else None,
                mailed_at=timezone.now(),
            )
            queue_mail(
                "participation_survey_invitation",
                address,
                {
                    "process": survey.process,
                    "phase": survey.phase,
                    "survey": survey,
                    "answer_path": reverse("participation:survey_answer", args=[invitation.token]),
                },
                language=language,
            )
            report.mailed.append(address)
        log_action(
            actor,
            "participation.survey.experts_invited",
            survey.process,
            mailed=len(report.mailed),
            suppressed=len(report.suppressed),
            objected=len(report.objected),
        )
    return report


def awaiting_answers(survey: Survey):
    """The experts invited by mail who have not submitted their answers to the running
    round."""
    submitted = SurveyResponse.objects.filter(
        survey=survey, round=survey.current_round, submitted_at__isnull=False
    ).values("invitation")
    return (
        survey.invitations.filter(mailed_at__isnull=False)
        .exclude(email="")
        .exclude(pk__in=submitted)
    )


def remind_experts(actor, survey: Survey, language=None) -> int:
    """Mail each expert who has not submitted the running round once per round: in round
    1 a reminder, in later rounds the news that the round is open with everybody's answers
    of the one before. Addresses that bounce or whose person objected get nothing.
    Returns how many were mailed."""
    with transaction.atomic():
        survey = (
            Survey.objects.select_for_update().select_related("phase__process").get(pk=survey.pk)
        )
        if survey.status != Survey.Status.OPEN:
            raise ValidationError(_("Reminders go out while a round is open."))
        mailed = 0
        for invitation in awaiting_answers(survey).exclude(reminded_round=survey.current_round):
            if is_suppressed(invitation.email) or has_objected(
                people_known_by_email(invitation.email)
            ):
                continue
            queue_mail(
                "participation_survey_reminder",
                invitation.email,
                {
                    "process": survey.process,
                    "phase": survey.phase,
                    "survey": survey,
                    "round": survey.current_round,
                    "answer_path": reverse("participation:survey_answer", args=[invitation.token]),
                },
                language=language,
            )
            invitation.reminded_round = survey.current_round
            invitation.save(update_fields=["reminded_round"])
            mailed += 1
        log_action(
            actor,
            "participation.survey.experts_reminded",
            survey.process,
            round=survey.current_round,
            mailed=mailed,
        )
    return mailed


@transaction.atomic
def withdraw_invitation(actor, invitation: SurveyInvitation) -> None:
    """Take back an invitation sent by mistake: its link stops working. One the expert
    has answered stays, so that no answer disappears from the results."""
    invitation = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.responses.exists():
        raise ValidationError(
            _("%(email)s has answered already; the invitation stays with the answers.")
            % {"email": invitation.email}
        )
    log_action(
        actor,
        "participation.survey.invitation_withdrawn",
        invitation.survey.process,
        email=invitation.email,
    )
    invitation.delete()


@transaction.atomic
def invitation_for_account(user, survey: Survey) -> SurveyInvitation:
    """A participant answering with their account: their own access, without a mail."""
    invitation, _created = SurveyInvitation.objects.get_or_create(survey=survey, user=user)
    return invitation


# --- answering -----------------------------------------------------------------------------


def field_name(question: SurveyQuestion) -> str:
    return f"q{question.pk}"


def read_answers(questions: list[SurveyQuestion], data) -> dict[int, object]:
    """The raw answers in posted form data (a QueryDict or a dict of lists), per question
    id, as typed: strings, lists of strings, or a dict of strings for matrix rows."""
    raw: dict[int, object] = {}
    for question in questions:
        name = field_name(question)
        if question.kind == Kind.MULTIPLE:
            raw[question.pk] = _getlist(data, name)
        elif question.kind == Kind.RANKING or question.kind == Kind.MATRIX:
            raw[question.pk] = {
                str(option.pk): _get(data, f"{name}_{option.pk}")
                for option in question.options.all()
            }
        else:
            raw[question.pk] = _get(data, name)
    return raw


def _get(data, name) -> str:
    value = data.get(name, "")
    if isinstance(value, list):
        value = value[-1] if value else ""
    return str(value).strip()


def _getlist(data, name) -> list[str]:
    if hasattr(data, "getlist"):
        return [str(v) for v in data.getlist(name)]
    value = data.get(name, [])
    return [str(v) for v in (value if isinstance(value, list) else [value])]


def raw_from_stored(questions: list[SurveyQuestion], stored: dict[int, object]) -> dict:
    """Stored answers in the shape `read_answers` gives, to fill the form with."""
    raw: dict[int, object] = {}
    for question in questions:
        value = stored.get(question.pk)
        if value is None:
            continue
        if question.kind == Kind.MULTIPLE:
            raw[question.pk] = [str(v) for v in value]
        elif question.kind == Kind.RANKING:
            raw[question.pk] = {str(pk): str(rank) for rank, pk in enumerate(value, start=1)}
        elif question.kind == Kind.MATRIX:
            raw[question.pk] = {str(k): str(v) for k, v in value.items()}
        else:
            raw[question.pk] = str(value)
    return raw


def _is_empty(question: SurveyQuestion, raw) -> bool:
    if question.kind in (Kind.RANKING, Kind.MATRIX):
        return not any((raw or {}).values())
    return not raw


def _selected_options(question: SurveyQuestion, raw) -> set[str]:
    if question.kind == Kind.MULTIPLE:
        return {str(v) for v in raw or []}
    return {str(raw)} if raw else set()


def shown_questions(questions: list[SurveyQuestion], raw: dict) -> list[SurveyQuestion]:
    """The questions shown with these answers: a conditional question only when its
    condition question is shown and its answer includes the option."""
    shown: list[SurveyQuestion] = []
    shown_ids: set[int] = set()
    for question in questions:
        condition = question.shown_if
        if condition is not None:
            if condition.question_id not in shown_ids:
                continue
            source = next(q for q in questions if q.pk == condition.question_id)
            if str(condition.pk) not in _selected_options(source, raw.get(source.pk)):
                continue
        shown.append(question)
        shown_ids.add(question.pk)
    return shown


def _int(text: str) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def _clean_one(question: SurveyQuestion, raw):
    """The stored value of one non-empty answer, or ValidationError with the message."""
    option_ids = {str(o.pk) for o in question.options.all()}
    if question.kind == Kind.TEXT:
        if len(raw) > MAX_TEXT_LENGTH:
            raise ValidationError(
                _("Please keep your answer under %(n)s characters.") % {"n": MAX_TEXT_LENGTH}
            )
        return raw
    if question.kind == Kind.SINGLE:
        if raw not in option_ids:
            raise ValidationError(_("Choose one of the options."))
        return int(raw)
    if question.kind == Kind.MULTIPLE:
        if not set(raw) <= option_ids:
            raise ValidationError(_("Choose only among the options shown."))
        order = [str(o.pk) for o in question.options.all()]
        return [int(pk) for pk in order if pk in set(raw)]
    if question.kind == Kind.SCALE:
        value = _int(raw)
        if value is None or not question.scale_min <= value <= question.scale_max:
            raise ValidationError(
                _("Choose a value from %(low)s to %(high)s.")
                % {"low": question.scale_min, "high": question.scale_max}
            )
        return value
    if question.kind == Kind.RANKING:
        count = len(option_ids)
        ranks = {pk: _int(rank) for pk, rank in raw.items() if pk in option_ids}
        if len(ranks) != count or any(r is None or not 1 <= r <= count for r in ranks.values()):
            raise ValidationError(_("Give every option a rank from 1 to %(n)s.") % {"n": count})
        if len(set(ranks.values())) != count:
            raise ValidationError(_("Each rank may be given only once."))
        return [int(pk) for pk, _rank in sorted(ranks.items(), key=lambda item: item[1])]
    if question.kind == Kind.MATRIX:
        cleaned = {}
        for pk, value in raw.items():
            if pk not in option_ids or not value:
                continue
            number = _int(value)
            if number is None or not question.scale_min <= number <= question.scale_max:
                raise ValidationError(
                    _("Choose a value from %(low)s to %(high)s in every row.")
                    % {"low": question.scale_min, "high": question.scale_max}
                )
            cleaned[pk] = number
        return cleaned
    raise ValueError(question.kind)


def clean_answers(
    questions: list[SurveyQuestion], raw: dict, *, complete: bool
) -> tuple[dict[int, object], dict[int, str]]:
    """(values to store, errors) per question id. Only shown questions count; `complete`
    (submitting, not saving part-way) requires the required ones, and every row of a
    required matrix."""
    cleaned: dict[int, object] = {}
    errors: dict[int, str] = {}
    for question in shown_questions(questions, raw):
        value = raw.get(question.pk)
        if _is_empty(question, value):
            if complete and question.required:
                errors[question.pk] = _("Please answer this question.")
            continue
        try:
            cleaned[question.pk] = _clean_one(question, value)
        except ValidationError as error:
            errors[question.pk] = " ".join(error.messages)
            continue
        if (
            complete
            and question.required
            and question.kind == Kind.MATRIX
            and len(cleaned[question.pk]) < question.options.count()
        ):
            errors[question.pk] = _("Please answer every row.")
    return cleaned, errors


class AnswersInvalid(Exception):
    def __init__(self, errors: dict[int, str]):
        super().__init__(errors)
        self.errors = errors


def response_of(invitation: SurveyInvitation, round_number: int) -> SurveyResponse | None:
    return invitation.responses.filter(round=round_number).first()


def stored_answers(response: SurveyResponse | None) -> dict[int, object]:
    if response is None:
        return {}
    return {answer.question_id: answer.value for answer in response.answers.all()}


def answers_to_prefill(invitation: SurveyInvitation, survey: Survey) -> dict[int, object]:
    """The answers the form starts with: this round's, else the previous round's."""
    response = response_of(invitation, survey.current_round)
    if response is None and survey.current_round > 1:
        response = response_of(invitation, survey.current_round - 1)
    return stored_answers(response)


def save_response(invitation: SurveyInvitation, raw: dict, *, submit: bool) -> SurveyResponse:
    """Store the expert's answers for the running round: part-way (`submit` False) or
    submitted. Answers to hidden questions are dropped. Raises AnswersInvalid (errors per
    question id) or ValidationError when the round is not open."""
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=invitation.survey_id)
        if survey.status == Survey.Status.DRAFT:
            raise ValidationError(_("The survey has not been opened yet."))
        if not survey.is_open:
            raise ValidationError(_("This round is closed; answers can no longer be changed."))
        questions = questions_of(survey)
        cleaned, errors = clean_answers(questions, raw, complete=submit)
        if errors:
            raise AnswersInvalid(errors)
        response, _created = SurveyResponse.objects.get_or_create(
            survey=survey, invitation=invitation, round=survey.current_round
        )
        response.answers.exclude(question_id__in=list(cleaned)).delete()
        for question_id, value in cleaned.items():
            SurveyAnswer.objects.update_or_create(
                response=response, question_id=question_id, defaults={"value": value}
            )
        fields = ["updated_at"]
        if submit and response.submitted_at is None:
            response.submitted_at = timezone.now()
            fields.append("submitted_at")
        response.save(update_fields=fields)
    return response


# --- personal data ---------------------------------------------------------------------------


def _invitations_of(person):
    addresses = [email.address.lower() for email in person.emails.all()]
    found = SurveyInvitation.objects.filter(person=person)
    if person.user_id:
        found = found | SurveyInvitation.objects.filter(user_id=person.user_id)
    if addresses:
        found = found | SurveyInvitation.objects.filter(email__in=addresses)
    return found.distinct()


def export_person(person) -> dict:
    """The person's survey invitations and the answers given through them."""
    invitations = _invitations_of(person).select_related("survey__phase__process")
    return {
        "survey_invitations": [
            {
                "process": invitation.survey.phase.process.title,
                "survey": invitation.survey.phase.title,
                "email": invitation.email,
                "invited_at": invitation.invited_at.isoformat(),
                "responses": [
                    {
                        "round": response.round,
                        "submitted_at": response.submitted_at.isoformat()
                        if response.submitted_at
                        else "",
                        "answers": [
                            {"question": answer.question.text, "answer": answer.value}
                            for answer in response.answers.select_related("question")
                        ],
                    }
                    for response in invitation.responses.order_by("round")
                ],
            }
            for invitation in invitations.order_by("pk")
        ]
    }


@transaction.atomic
def erase_person(person) -> None:
    """The answers stay, anonymous: the link to the invitation goes, and the invitation
    with the address and the account."""
    invitations = list(_invitations_of(person).values_list("pk", flat=True))
    SurveyResponse.objects.filter(invitation_id__in=invitations).update(invitation=None)
    SurveyInvitation.objects.filter(pk__in=invitations).delete()
