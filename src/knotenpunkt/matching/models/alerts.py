"""A person's wish to hear about new needs that fit their organisation."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertSetting(models.Model):
    """Whether (and how often) a person is mailed about fitting new needs.

    A person without a row gets the default: immediate alerts, since organisation admins
    who never opened the settings page are the ones who benefit most from being told.
    """

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("Right away, one mail per need")
        WEEKLY = "weekly", _("Once a week, as a summary")

    person = models.OneToOneField(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="matching_alert_setting",
    )
    need_alerts = models.BooleanField(
        _("tell me about new needs that fit my organisation"), default=True
    )
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("alert setting")
        verbose_name_plural = _("alert settings")

    def __str__(self):
        return str(self.person)
