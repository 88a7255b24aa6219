"""The expert survey of a phase: its questions, the experts invited by e-mail, and their
responses, one per expert and Delphi round."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Person
from knotenpunkt.participation.models.processes import Phase


class Survey(models.Model):
    """The survey a phase with the module "expert survey" runs, in rounds (Delphi)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Round closed")

    phase = models.OneToOneField(
        Phase, verbose_name=_("phase"), on_delete=models.CASCADE, related_name="survey"
    )
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown to the experts above the questions.")
    )
    open_to_participants = models.BooleanField(
        _("participants of the process may answer"),
        default=False,
        help_text=_(
            "Besides the invited experts, everyone who may take part in the process answers "
            "with their account."
        ),
    )
    current_round = models.PositiveSmallIntegerField(_("round"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("expert survey")
        verbose_name_plural = _("expert surveys")
        constraints = [
            models.CheckConstraint(condition=Q(current_round__gte=1), name="survey_round_positive")
        ]

    def __str__(self):
        return str(self.phase)

    @property
    def process(self):
        return self.phase.process

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class SurveyQuestion(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("Free text")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        SCALE = "scale", _("Scale")
        RANKING = "ranking", _("Ranking")
        MATRIX = "matrix", _("Matrix (rows on a shared scale)")

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("question type"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(_("answer required"), default=True)
    # Scale and matrix: the values from scale_min to scale_max, the ends labelled.
    scale_min = models.SmallIntegerField(_("lowest value"), default=1)
    scale_max = models.SmallIntegerField(_("highest value"), default=5)
    scale_min_label = models.CharField(_("label of the lowest value"), max_length=100, blank=True)
    scale_max_label = models.CharField(_("label of the highest value"), max_length=100, blank=True)
    # Shown only when the answer to an earlier choice question includes this option.
    shown_if = models.ForeignKey(
        "participation.SurveyOption",
        verbose_name=_("shown only if the answer includes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conditional_questions",
    )

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["survey", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")), name="question_scale_not_empty"
            )
        ]

    def __str__(self):
        return self.text

    @property
    def has_options(self) -> bool:
        return self.kind in (
            self.Kind.SINGLE,
            self.Kind.MULTIPLE,
            self.Kind.RANKING,
            self.Kind.MATRIX,
        )

    @property
    def is_choice(self) -> bool:
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)

    @property
    def scale_values(self) -> list[int]:
        return list(range(self.scale_min, self.scale_max + 1))


class SurveyOption(models.Model):
    """An option of a choice or ranking question, or a row of a matrix."""

    question = models.ForeignKey(
        SurveyQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="options"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    label = models.CharField(_("option text"), max_length=300)

    class Meta:
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        ordering = ["question", "position", "pk"]

    def __str__(self):
        return self.label


def _token() -> str:
    return secrets.token_urlsafe(24)


class SurveyInvitation(models.Model):
    """An expert's personal access to a survey: by e-mail with a token link (no account
    needed), or a participant of the process answering with their account (no address)."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_invitations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_invitations",
    )
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    # When the invitation was mailed; empty for a participant answering with an account.
    mailed_at = models.DateTimeField(_("mailed"), null=True, blank=True)
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    # The round the expert was last reminded of: one reminder per round, however often the
    # moderators press the button.
    reminded_round = models.PositiveSmallIntegerField(_("reminded in round"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["survey", "email", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "email"],
                condition=~Q(email=""),
                name="survey_one_invitation_per_address",
            ),
            models.UniqueConstraint(
                fields=["survey", "user"],
                condition=Q(user__isnull=False),
                name="survey_one_invitation_per_account",
            ),
        ]

    def __str__(self):
        return self.email or str(self.user or self.pk)


class SurveyResponse(models.Model):
    """One expert's answers in one round; saved part-way, then submitted (and changed
    until the round closes). Erasure drops the link to the invitation, keeping the answers
    anonymous."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    invitation = models.ForeignKey(
        SurveyInvitation,
        verbose_name=_("invitation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responses",
    )
    round = models.PositiveSmallIntegerField(_("round"))
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["survey", "round", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "round"],
                condition=Q(invitation__isnull=False),
                name="survey_one_response_per_round",
            )
        ]

    def __str__(self):
        return f"{self.survey} #{self.pk} ({self.round})"


class SurveyAnswer(models.Model):
    """The answer to one question. `value` by kind: text: str; single: option id;
    multiple: [option ids]; scale: int; ranking: [option ids, first rank first];
    matrix: {row option id (str): int}."""

    response = models.ForeignKey(
        SurveyResponse, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        SurveyQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    value = models.JSONField(_("answer"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_one_answer")
        ]

    def __str__(self):
        return f"{self.question}: {self.value}"
