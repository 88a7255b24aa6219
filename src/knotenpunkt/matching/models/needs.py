"""Needs, the suggestions for them, and the contacts the matchmaking brings about."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Need(models.Model):
    """A challenge an organisation posts, in its own everyday words."""

    class Kind(models.TextChoices):
        SOLUTION = "solution", _("Project or solution")
        RESEARCH = "research", _("Research partner")
        STUDENTS = "students", _("Student project")
        TRAINING = "training", _("Training")
        SKILLED_WORKERS = "skilled_workers", _("Skilled workers")
        COOPERATION = "cooperation", _("Cooperation partner")

    class Budget(models.TextChoices):
        UNKNOWN = "unknown", _("Not yet known")
        UNDER_5K = "under_5k", _("Up to 5,000 €")
        UNDER_25K = "under_25k", _("5,000 to 25,000 €")
        UNDER_100K = "under_100k", _("25,000 to 100,000 €")
        OVER_100K = "over_100k", _("More than 100,000 €")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members of the cluster")
        STAFF = "staff", _("Cluster management only")
        ANONYMOUS = "anonymous", _("Public, but without our name until we accept a contact")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    cluster = models.ForeignKey(
        "directory.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.CASCADE,
        related_name="needs",
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="needs",
    )
    author = models.ForeignKey(
        "directory.Person",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs",
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(
        _("description"),
        help_text=_("Describe the challenge in your own words; no technical terms needed."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SOLUTION)
    budget = models.CharField(
        _("budget"), max_length=20, choices=Budget.choices, default=Budget.UNKNOWN
    )
    deadline = models.DateField(_("needed by"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    topics = models.ManyToManyField(
        "directory.Topic", verbose_name=_("topics"), related_name="needs", blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("matching:need", args=[self.pk])


class Contact(models.Model):
    """A provider's interest in a need, and whether the author accepted the contact.

    The pipeline staff follow (suggested → contacted → cooperation started) is read from
    these rows and the suggestion log; nothing is counted twice.
    """

    class Status(models.TextChoices):
        INTERESTED = "interested", _("Interest expressed")
        ACCEPTED = "accepted", _("Contact accepted")
        DECLINED = "declined", _("Declined")
        COOPERATION = "cooperation", _("Cooperation started")

    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="contacts"
    )
    provider = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("provider"),
        on_delete=models.CASCADE,
        related_name="need_contacts",
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("contact person of the provider"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="need_contacts",
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.INTERESTED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["need", "provider"], name="contact_unique_provider")
        ]

    def __str__(self):
        return f"{self.provider} → {self.need}"


class Suggestion(models.Model):
    """A provider the engine suggested for a need, with what it showed as the reason.

    Kept so that staff can justify later why a provider was shown, and so that accepted
    and declined suggestions can teach the engine.
    """

    class Feedback(models.TextChoices):
        NONE = "", _("No feedback")
        FITTING = "fitting", _("Fitting")
        NOT_FITTING = "not_fitting", _("Not fitting")

    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="suggestions"
    )
    provider = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("provider"),
        on_delete=models.CASCADE,
        related_name="suggestions",
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    explanation = models.JSONField(_("explanation"), default=dict)
    feedback = models.CharField(
        _("feedback"), max_length=20, choices=Feedback.choices, blank=True, default=""
    )
    created_at = models.DateTimeField(_("suggested"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["need", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["need", "provider"], name="suggestion_unique_provider")
        ]

    def __str__(self):
        return f"{self.need} ← {self.provider}"
