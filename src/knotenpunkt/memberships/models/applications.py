"""A registered organisation's application for membership of a cluster."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Cluster, Membership, Organisation
from knotenpunkt.memberships.models.documents import ClusterDocument


class MembershipApplication(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATUSES = (Status.SUBMITTED, Status.CHANGES_REQUESTED)

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="applications"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="membership_applications",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="membership_applications",
    )
    kind = models.CharField(_("kind of membership"), max_length=20, choices=Membership.Kind.choices)
    size_class = models.CharField(_("size"), max_length=10, choices=Organisation.SizeClass.choices)
    start_date = models.DateField(_("desired start"))
    motivation = models.TextField(_("why do you want to join?"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    # What staff asked to change, or why they declined: shown to the applicant.
    staff_message = models.TextField(_("message to the applicant"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    membership = models.OneToOneField(
        Membership,
        verbose_name=_("membership"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "cluster"],
                condition=Q(status__in=["submitted", "changes_requested"]),
                name="one_open_application_per_cluster",
            )
        ]
        indexes = [models.Index(fields=["cluster", "status"])]

    def __str__(self):
        return f"{self.organisation} → {self.cluster}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class DocumentAcceptance(models.Model):
    """That the applicant accepted this version of the statutes or fee rules, and when."""

    application = models.ForeignKey(
        MembershipApplication, on_delete=models.CASCADE, related_name="acceptances"
    )
    document = models.ForeignKey(
        ClusterDocument, on_delete=models.PROTECT, related_name="acceptances"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted"), auto_now_add=True)

    class Meta:
        verbose_name = _("accepted document")
        verbose_name_plural = _("accepted documents")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "document"], name="one_acceptance_per_document"
            )
        ]

    def __str__(self):
        return f"{self.document} ({self.accepted_at:%Y-%m-%d})"
