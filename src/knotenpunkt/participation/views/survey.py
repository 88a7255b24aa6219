"""The expert survey's pages: the moderators' page (questions, invitations, rounds), the
results with the exports, and the experts' questionnaire (by personal link or account)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from knotenpunkt.core.params import bounded_int
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.participation.models import (
    Phase,
    Survey,
    SurveyInvitation,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
)
from knotenpunkt.participation.rules import visible_processes
from knotenpunkt.participation.services import survey as services
from knotenpunkt.participation.services import survey_export, survey_results

Kind = SurveyQuestion.Kind


# --- forms ---------------------------------------------------------------------------------


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Type of question"), choices=Kind.choices)
    text = forms.CharField(label=gettext_lazy("Question"), max_length=500)
    help_text = forms.CharField(
        label=gettext_lazy("Help text"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("Shown under the question."),
    )
    required = forms.BooleanField(label=gettext_lazy("An answer is required"), required=False)
    options = forms.CharField(
        label=gettext_lazy("Options (matrix: rows)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=gettext_lazy("One per line. For choice, ranking and matrix questions."),
    )
    scale_min = forms.IntegerField(
        label=gettext_lazy("Lowest value"), initial=1, min_value=-10, max_value=10
    )
    scale_max = forms.IntegerField(
        label=gettext_lazy("Highest value"),
        initial=5,
        min_value=-10,
        max_value=20,
        help_text=gettext_lazy("For scale and matrix questions."),
    )
    scale_min_label = forms.CharField(
        label=gettext_lazy("Label of the lowest value"), max_length=100, required=False
    )
    scale_max_label = forms.CharField(
        label=gettext_lazy("Label of the highest value"), max_length=100, required=False
    )
    shown_if = forms.ModelChoiceField(
        label=gettext_lazy("Show only if the answer includes"),
        queryset=SurveyOption.objects.none(),
        required=False,
        empty_label=gettext_lazy("always show"),
        help_text=gettext_lazy("An option of a choice question above."),
    )

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["shown_if"]
        field.queryset = SurveyOption.objects.filter(
            question__survey=survey, question__kind__in=[Kind.SINGLE, Kind.MULTIPLE]
        ).select_related("question")
        field.label_from_instance = lambda option: f"{option.question.text} → {option.label}"


class SettingsForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["introduction", "open_to_participants"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 3})}


class InviteForm(forms.Form):
    addresses = forms.CharField(
        label=gettext_lazy("E-mail addresses of the experts"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("One per line, or separated by commas."),
    )


# --- the moderators' side ------------------------------------------------------------------


def _phase(request, phase_id) -> Phase:
    return get_object_or_404(
        Phase.objects.select_related("process"),
        pk=phase_id,
        module=Phase.Module.SURVEY,
        process__in=visible_processes(request.user),
    )


def _moderated_survey(request, phase_id) -> Survey:
    phase = _phase(request, phase_id)
    require_perm(request, "participation.moderate_process", phase.process)
    return services.survey_of(phase)


def _manage_page(request, survey, *, question_form=None, invite_form=None, status=200):
    return render(
        request,
        "participation/survey/manage.html",
        {
            "survey": survey,
            "phase": survey.phase,
            "process": survey.phase.process,
            "questions": services.questions_of(survey),
            "question_form": question_form
            or QuestionForm(survey=survey, initial={"required": True}),
            "settings_form": SettingsForm(instance=survey),
            "invite_form": invite_form or InviteForm(),
            "invitations": survey.invitations.filter(mailed_at__isnull=False)
            .annotate(answered=Exists(SurveyResponse.objects.filter(invitation=OuterRef("pk"))))
            .order_by("email"),
            "awaiting": set(services.awaiting_answers(survey).values_list("pk", flat=True)),
            "progress": survey_results.progress(survey),
            "editable": survey.status != Survey.Status.OPEN,
        },
        status=status,
    )


@require_GET
def phase_page(request, phase_id):
    """Moderators manage the survey here; participants who may answer with their account
    are sent to the questionnaire."""
    phase = _phase(request, phase_id)
    if request.user.has_perm("participation.moderate_process", phase.process):
        return _manage_page(request, services.survey_of(phase))
    survey = Survey.objects.filter(phase=phase).first()
    if survey is not None and request.user.has_perm("participation.answer_survey", survey):
        return redirect("participation:survey_answer_own", phase_id=phase.pk)
    # Everyone else who reads the process learns what the phase is and where its results
    # will be: the process page links every phase.
    return render(
        request,
        "participation/survey/about.html",
        {"phase": phase, "process": phase.process, "survey": survey},
    )


@require_POST
def question_add(request, phase_id):
    survey = _moderated_survey(request, phase_id)
    form = QuestionForm(request.POST, survey=survey)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_question(
                request.user,
                survey,
                kind=data["kind"],
                text=data["text"],
                help_text=data["help_text"],
                required=data["required"],
                options=data["options"].splitlines(),
                scale_min=data["scale_min"],
                scale_max=data["scale_max"],
                scale_min_label=data["scale_min_label"],
                scale_max_label=data["scale_max_label"],
                shown_if=data["shown_if"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, problems in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, problems)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("The question has been added."))
            return redirect("participation:survey", phase_id=phase_id)
    return _manage_page(request, survey, question_form=form, status=400)


@require_POST
def question_change(request, phase_id, question_id, action):
    survey = _moderated_survey(request, phase_id)
    question = get_object_or_404(survey.questions, pk=question_id)
    try:
        if action == "edit":
            services.update_question(
                request.user,
                question,
                text=request.POST.get("text", ""),
                help_text=request.POST.get("help_text", "")[:500],
                required=bool(request.POST.get("required")),
                scale_min_label=request.POST.get("scale_min_label", "")[:100],
                scale_max_label=request.POST.get("scale_max_label", "")[:100],
            )
            messages.success(request, _("The question has been changed."))
        elif action == "delete":
            services.delete_question(request.user, question)
            messages.success(request, _("The question has been deleted."))
        elif action in ("up", "down"):
            services.move_question(request.user, question, up=action == "up")
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("participation:survey", args=[phase_id]) + "#questions-h")


@require_POST
def settings_save(request, phase_id):
    survey = _moderated_survey(request, phase_id)
    form = SettingsForm(request.POST, instance=survey)
    if form.is_valid():
        services.save_settings(request.user, survey, **form.cleaned_data)
        messages.success(request, _("The settings have been saved."))
    else:
        messages.error(request, _("The settings could not be saved."))
    return redirect("participation:survey", phase_id=phase_id)


@require_POST
def remind(request, phase_id):
    survey = _moderated_survey(request, phase_id)
    try:
        mailed = services.remind_experts(request.user, survey, language=request.LANGUAGE_CODE)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext("%(n)s expert was mailed.", "%(n)s experts were mailed.", mailed)
            % {"n": mailed},
        )
    return redirect(reverse("participation:survey", args=[phase_id]) + "#invitations-h")


@require_POST
def withdraw(request, phase_id, invitation_id):
    survey = _moderated_survey(request, phase_id)
    invitation = get_object_or_404(survey.invitations, pk=invitation_id)
    try:
        services.withdraw_invitation(request.user, invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The invitation of %(email)s is withdrawn; its link no longer works.")
            % {"email": invitation.email},
        )
    return redirect(reverse("participation:survey", args=[phase_id]) + "#invitations-h")


@require_POST
def invite(request, phase_id):
    survey = _moderated_survey(request, phase_id)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _manage_page(request, survey, invite_form=form, status=400)
    try:
        report = services.invite_experts(
            request.user,
            survey,
            services.split_addresses(form.cleaned_data["addresses"]),
            language=request.LANGUAGE_CODE,
        )
    except ValidationError as error:
        form.add_error("addresses", error)
        return _manage_page(request, survey, invite_form=form, status=400)
    if report.mailed:
        n = len(report.mailed)
        messages.success(
            request, ngettext("%(n)s invitation sent.", "%(n)s invitations sent.", n) % {"n": n}
        )
    for addresses, text in (
        (report.already_invited, _("Already invited: %(list)s")),
        (report.suppressed, _("Not invited, the address bounces: %(list)s")),
        (report.objected, _("Not invited, the person objected to invitations: %(list)s")),
        (report.invalid, _("Not an e-mail address: %(list)s")),
    ):
        if addresses:
            messages.warning(request, text % {"list": ", ".join(addresses)})
    return redirect(reverse("participation:survey", args=[phase_id]) + "#invitations-h")


@require_POST
def round_action(request, phase_id):
    survey = _moderated_survey(request, phase_id)
    actions = {
        "open": (services.open_round, _("The survey is open for answers.")),
        "close": (services.close_round, _("The round has been closed.")),
        "next": (services.start_next_round, _("The next round is open.")),
    }
    action = actions.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Unknown action."))
    else:
        try:
            action[0](request.user, survey)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, action[1])
    return redirect("participation:survey", phase_id=phase_id)


@require_GET
def results(request, phase_id):
    survey = _moderated_survey(request, phase_id)
    round_number = bounded_int(
        request.GET.get("round"),
        default=survey.current_round,
        minimum=1,
        maximum=survey.current_round,
    )
    return render(
        request,
        "participation/survey/results.html",
        {
            "survey": survey,
            "phase": survey.phase,
            "process": survey.phase.process,
            "round": round_number,
            "rounds": range(1, survey.current_round + 1),
            "results": survey_results.results(survey, round_number),
            "submitted": survey.responses.filter(
                round=round_number, submitted_at__isnull=False
            ).count(),
        },
    )


@require_GET
def export(request, phase_id, fmt):
    survey = _moderated_survey(request, phase_id)
    if fmt == "csv":
        content, content_type = survey_export.survey_csv(survey), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        content, content_type = survey_export.survey_xlsx(survey), survey_export.XLSX
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    name = survey_export.file_name(survey, fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- the experts' side ---------------------------------------------------------------------


def _dependants(questions, question) -> list[int]:
    """The questions shown or hidden by the answer to `question`, directly or through
    another conditional question: those the page updates when that answer changes."""
    found: list[int] = []
    sources = {question.pk}
    for other in questions:
        if other.shown_if_id is not None and other.shown_if.question_id in sources:
            found.append(other.pk)
            sources.add(other.pk)
    return found


def _items(questions, raw, errors, shown, previous):
    """What the questionnaire template needs per question."""
    items = []
    for question in questions:
        value = raw.get(question.pk)
        options = list(question.options.all())
        item = {
            "question": question,
            "name": services.field_name(question),
            "shown": question in shown,
            "value": value if value is not None else "",
            "error": errors.get(question.pk, ""),
            "previous": previous.get(question.pk),
            "dependants": _dependants(questions, question) if question.is_choice else [],
        }
        if question.kind == Kind.MULTIPLE:
            item["selected"] = set(value or [])
        if question.kind == Kind.RANKING:
            item["ranks"] = range(1, len(options) + 1)
            item["rows"] = [(o, (value or {}).get(str(o.pk), "")) for o in options]
        if question.kind == Kind.MATRIX:
            item["rows"] = [(o, (value or {}).get(str(o.pk), "")) for o in options]
        items.append(item)
    return items


def _questionnaire(request, invitation: SurveyInvitation, action_url: str):
    survey = invitation.survey
    questions = services.questions_of(survey)
    errors: dict[int, str] = {}
    status = 200
    if request.method == "POST":
        raw = services.read_answers(questions, request.POST)
        action = request.POST.get("action", "save")
        if action in ("save", "submit"):
            try:
                services.save_response(invitation, raw, submit=action == "submit")
            except services.AnswersInvalid as invalid:
                errors = invalid.errors
                status = 400
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(action_url)
            else:
                if action == "submit":
                    messages.success(request, _("Thank you! Your answers have been submitted."))
                else:
                    messages.success(
                        request,
                        _("Your answers have been saved. Use the same link to finish later."),
                    )
                return redirect(action_url)
    else:
        raw = services.raw_from_stored(questions, services.answers_to_prefill(invitation, survey))
    response = services.response_of(invitation, survey.current_round)
    previous = (
        survey_results.distribution(survey, survey.current_round - 1)
        if survey.current_round > 1 and survey.status != Survey.Status.DRAFT
        else {}
    )
    shown = services.shown_questions(questions, raw)
    return render(
        request,
        "participation/survey/answer.html",
        {
            "survey": survey,
            "process": survey.phase.process,
            "phase": survey.phase,
            "items": _items(questions, raw, errors, shown, previous),
            "errors": errors,
            "submitted": response is not None and response.submitted_at is not None,
            "action_url": action_url,
            "has_conditions": any(q.shown_if_id for q in questions),
        },
        status=status,
    )


def answer(request, token):
    """The expert's questionnaire behind the personal link; no account needed."""
    if request.method not in ("GET", "POST"):
        return HttpResponse(status=405)
    invitation = get_object_or_404(
        SurveyInvitation.objects.select_related("survey__phase__process"), token=token
    )
    return _questionnaire(request, invitation, reverse("participation:survey_answer", args=[token]))


def answer_with_account(request, phase_id):
    """The questionnaire for participants of the process, when the survey is open to
    them."""
    if request.method not in ("GET", "POST"):
        return HttpResponse(status=405)
    phase = _phase(request, phase_id)
    survey = Survey.objects.filter(phase=phase).first()
    if survey is None:
        raise Http404
    require_perm(request, "participation.answer_survey", survey)
    invitation = services.invitation_for_account(request.user, survey)
    return _questionnaire(
        request, invitation, reverse("participation:survey_answer_own", args=[phase_id])
    )
