"""What the community managers decided about a suggested pair of people."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PairDecision(models.Model):
    """A suggestion of two people of a cluster, introduced or dismissed by its staff.

    Kept so that the pair is not suggested again; `person_a` is the one with the lower id.
    """

    class Decision(models.TextChoices):
        INTRODUCED = "introduced", _("Introduced")
        DISMISSED = "dismissed", _("Dismissed")

    cluster = models.ForeignKey(
        "directory.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.CASCADE,
        related_name="pair_decisions",
    )
    person_a = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="pair_decisions_as_a",
    )
    person_b = models.ForeignKey(
        "directory.Person",
        verbose_name=_("other person"),
        on_delete=models.CASCADE,
        related_name="pair_decisions_as_b",
    )
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices)
    explanation = models.CharField(_("why suggested"), max_length=500, blank=True)
    interaction = models.ForeignKey(
        "interactions.Interaction",
        verbose_name=_("introduction recorded"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision on a suggested pair")
        verbose_name_plural = _("decisions on suggested pairs")
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "person_a", "person_b"], name="community_pair_once"
            )
        ]

    def __str__(self):
        return f"{self.person_a} – {self.person_b} ({self.get_decision_display()})"
