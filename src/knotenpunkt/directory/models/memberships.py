"""Who works where (positions) and which organisation is a member of which cluster."""

from datetime import date

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models.clusters import Cluster
from knotenpunkt.directory.models.organisations import Organisation
from knotenpunkt.directory.models.people import Person


class PositionQuerySet(models.QuerySet):
    def current(self, day: date | None = None):
        """Functions held on `day` (today): started (or undated) and not yet ended."""
        day = day or timezone.localdate()
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=day)).filter(
            Q(end_date__isnull=True) | Q(end_date__gt=day)
        )


class Position(models.Model):
    """A person's function at an organisation (CEO, CIO, HR lead, board member, ...)."""

    class Function(models.TextChoices):
        CEO = "ceo", _("Managing director / CEO")
        CIO = "cio", _("CIO / head of IT")
        CTO = "cto", _("CTO")
        CDO = "cdo", _("Chief digital officer")
        HR = "hr", _("HR lead")
        MARKETING = "marketing", _("Marketing and communication")
        SALES = "sales", _("Sales")
        PROJECT = "project", _("Project management")
        RESEARCH = "research", _("Research and teaching")
        DEVELOPER = "developer", _("Software development")
        BOARD = "board", _("Board member")
        OFFICE = "office", _("Office and assistance")
        EMPLOYEE = "employee", _("Employee")
        STUDENT = "student", _("Student")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="positions"
    )
    function = models.CharField(
        _("function"), max_length=20, choices=Function.choices, default=Function.EMPLOYEE
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    is_admin = models.BooleanField(
        _("organisation admin"),
        default=False,
        help_text=_("May edit the organisation's profile, topics and people."),
    )
    start_date = models.DateField(_("since"), null=True, blank=True)
    # The first day the person no longer holds the function (set when they leave).
    end_date = models.DateField(_("ended on"), null=True, blank=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("function")
        verbose_name_plural = _("functions")
        ordering = ["organisation__name", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "function"],
                condition=Q(end_date__isnull=True),
                name="unique_current_function",
            ),
        ]
        indexes = [models.Index(fields=["function"])]

    def __str__(self):
        return f"{self.person} – {self.get_function_display()}, {self.organisation}"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        started = self.start_date is None or self.start_date <= today
        return started and (self.end_date is None or self.end_date > today)


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day: date):
        """Memberships running on `day`: started, and not ended before it."""
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )

    def in_force(self, day: date | None = None):
        """Memberships that make an organisation a member on `day` (today): running by
        their dates and not ended by status (a notice given still runs to its end date)."""
        return self.active_on(day or timezone.localdate()).exclude(status=Membership.Status.ENDED)


class Membership(models.Model):
    """An organisation's membership in a cluster, with its kind, fee and dates."""

    class Kind(models.TextChoices):
        PAYING = "paying", _("Paying")
        COMPENSATING = "compensating", _("Compensating (in kind)")
        FREE = "free", _("Free")
        STARTUP = "startup", _("Start-up")
        STUDENT = "student", _("Student / young people")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        NOTICE_GIVEN = "notice_given", _("Notice given")
        ENDED = "ended", _("Ended")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="memberships")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PAYING)
    annual_fee = models.DecimalField(
        _("yearly fee (EUR)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR", editable=False)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(annual_fee__gte=0), name="membership_fee_not_negative"
            ),
            models.UniqueConstraint(
                fields=["organisation", "cluster"],
                condition=~Q(status="ended"),
                name="one_open_membership_per_cluster",
            ),
        ]
        indexes = [models.Index(fields=["cluster", "start_date", "end_date"])]

    def __str__(self):
        return f"{self.organisation} @ {self.cluster}"

    def is_active_on(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)
