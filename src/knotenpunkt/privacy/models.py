from django.db import models
from django.utils.translation import gettext_lazy as _


class Consent(models.Model):
    """Proof of one consent decision: what was agreed, when, where, to which wording.

    A withdrawal does not delete the record; it is a new record with granted=False, so
    the history stays provable.
    """

    class Purpose(models.TextChoices):
        PRIVACY_POLICY = "privacy_policy", _("Privacy policy acknowledged")
        DIRECTORY_LISTING = "directory_listing", _("Shown in the public directory")
        NEWSLETTER = "newsletter", _("Newsletter")
        EVENT_INVITATIONS = "event_invitations", _("Event invitations")
        # The member area (issue 19): usage recorded to rank the personal feed, enrich the
        # community managers' view and compute personas; being portrayed on the website;
        # the weekly digest of jobs and training offers.
        PROFILING = "profiling", _("Personalised feed and profile from my use of the platform")
        PORTRAIT = "portrait", _("Portrayed on the cluster's website")
        JOBS_DIGEST = "jobs_digest", _("Weekly digest of jobs and training offers")

    person = models.ForeignKey(
        "directory.Person", on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("purpose"), max_length=40, choices=Purpose.choices)
    granted = models.BooleanField(_("granted"))
    recorded_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    source = models.CharField(
        _("source"), max_length=100, help_text=_("Where it was given, e.g. the sign-up form.")
    )
    text_version = models.CharField(_("text version"), max_length=40)
    wording = models.TextField(_("wording shown"))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["person", "purpose", "-recorded_at"])]

    def __str__(self):
        return f"{self.person} – {self.get_purpose_display()}: {self.granted}"
