"""Job postings and training offers, and each cluster's wish to review them first."""

import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory import validators


class JobPosting(models.Model):
    """One offer of a member organisation: a job, an internship, a working-student
    position, a thesis or a training course, shown on the board of its clusters until
    `valid_until`."""

    class Kind(models.TextChoices):
        JOB = "job", _("Job")
        INTERNSHIP = "internship", _("Internship")
        WORKING_STUDENT = "working_student", _("Working student position")
        THESIS = "thesis", _("Thesis")
        TRAINING = "training", _("Training offer")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        EXPIRED = "expired", _("Expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class WorkMode(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        HYBRID = "hybrid", _("Hybrid (on site and remote)")
        REMOTE = "remote", _("Fully remote")

    class EmploymentType(models.TextChoices):
        FULL_TIME = "full_time", _("Full time")
        PART_TIME = "part_time", _("Part time")
        FULL_OR_PART_TIME = "full_or_part_time", _("Full or part time")
        MINI_JOB = "mini_job", _("Mini job")
        FREELANCE = "freelance", _("Freelance")

    class SalaryUnit(models.TextChoices):
        # The values are schema.org's unitText, so the markup needs no second mapping.
        YEAR = "YEAR", _("per year")
        MONTH = "MONTH", _("per month")
        HOUR = "HOUR", _("per hour")

    class CourseMode(models.TextChoices):
        # The values are schema.org's courseMode.
        ONLINE = "online", _("Online")
        ONSITE = "onsite", _("In person")
        BLENDED = "blended", _("Online and in person")

    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="job_postings",
    )
    clusters = models.ManyToManyField(
        "directory.Cluster",
        verbose_name=_("shown in the clusters"),
        related_name="job_postings",
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_postings",
    )
    slug = models.SlugField(_("short address"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.JOB)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"), help_text=_("Markdown: **bold**, *italic*, lists, links.")
    )
    topics = models.ManyToManyField(
        "directory.Topic", verbose_name=_("topics"), related_name="job_postings", blank=True
    )
    # Where: an address (on site, hybrid) or nowhere in particular (fully remote).
    work_mode = models.CharField(
        _("place of work"), max_length=10, choices=WorkMode.choices, default=WorkMode.ON_SITE
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=5, blank=True, validators=[validators.validate_german_postcode]
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.ForeignKey(
        "directory.Region",
        verbose_name=_("region (district)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_postings",
    )
    # Jobs, internships, working students, theses.
    employment_type = models.CharField(
        _("employment type"), max_length=20, choices=EmploymentType.choices, blank=True
    )
    fixed_term = models.BooleanField(_("fixed term"), default=False)
    start_date = models.DateField(
        _("start"), null=True, blank=True, help_text=_("Leave empty for “as soon as possible”.")
    )
    salary_min = models.DecimalField(
        _("salary from (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    salary_max = models.DecimalField(
        _("salary up to (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    salary_unit = models.CharField(
        _("salary per"), max_length=5, choices=SalaryUnit.choices, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR", editable=False)
    # Training offers.
    duration = models.CharField(
        _("duration"), max_length=100, blank=True, help_text=_("For example “3 days” or “6 weeks”.")
    )
    course_mode = models.CharField(
        _("format"), max_length=10, choices=CourseMode.choices, blank=True
    )
    course_start = models.DateField(_("first day"), null=True, blank=True)
    course_end = models.DateField(_("last day"), null=True, blank=True)
    fee = models.DecimalField(
        _("fee (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty when the course is free of charge."),
    )
    # How to apply or sign up.
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail for applications"), blank=True)
    application_url = models.URLField(_("link to apply"), max_length=500, blank=True)
    valid_until = models.DateField(_("shown until"))
    # The review and the life of the posting.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    review_note = models.TextField(_("reason for the rejection"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # First publication: the posting's date (datePosted) and what makes it new for the digest.
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    reminder_sent_at = models.DateTimeField(_("expiry reminder sent"), null=True, blank=True)
    # Kept by services.postings.refresh_search; read by the board's search.
    search_document = models.TextField(editable=False, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("job posting")
        verbose_name_plural = _("job postings")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "valid_until"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_max__gte=F("salary_min")),
                name="jobposting_salary_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True) | Q(salary_min__gte=0),
                name="jobposting_salary_min_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(fee__isnull=True) | Q(fee__gte=0), name="jobposting_fee_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(course_start__isnull=True)
                | Q(course_end__isnull=True)
                | Q(course_end__gte=F("course_start")),
                name="jobposting_course_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("jobs:detail", kwargs={"slug": self.slug})

    @property
    def is_training(self) -> bool:
        return self.kind == self.Kind.TRAINING

    def current_status(self, today: datetime.date) -> str:
        """The status as of `today`: a published posting past its date is expired, whether
        or not the nightly run has marked it yet."""
        if self.status == self.Status.PUBLISHED and self.valid_until < today:
            return self.Status.EXPIRED
        return self.status

    def is_listed(self, today: datetime.date) -> bool:
        return self.current_status(today) == self.Status.PUBLISHED


class ClusterJobSettings(models.Model):
    """How a cluster runs its job board. Without a row: postings go live without review."""

    cluster = models.OneToOneField(
        "directory.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.CASCADE,
        related_name="job_settings",
    )
    review_required = models.BooleanField(
        _("postings need review"),
        default=False,
        help_text=_("The cluster management approves each posting before it is shown."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("job board settings")
        verbose_name_plural = _("job board settings")

    def __str__(self):
        return str(self.cluster)
