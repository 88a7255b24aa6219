"""Personas: segments of a cluster's consenting people, computed by clustering (docs/personas.md).

A persona is stored with the staff's words (name, description, goals) and what the last
computation found (size, typical topics and event formats, its centroid). Memberships
say who belongs to which persona; no page lists them, only the person sees their own.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Cluster, Person
from knotenpunkt.feed.models import FeedEntry


class Persona(models.Model):
    """One segment of a cluster's people with the same interests and behaviour (≥ 5 people)."""

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.CASCADE, related_name="personas"
    )
    # Stable key for target groups ("persona-2"); stays when the name changes.
    slug = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    goals = models.TextField(_("goals"), max_length=2000, blank=True)
    # False: not found in the latest computation (kept so that its words come back with it).
    is_active = models.BooleanField(_("found in the latest computation"), default=True)
    size = models.PositiveIntegerField(_("people"), default=0)
    # Feature name ("topic:12", "format:online", …) → value of the centroid (non-zero only).
    centroid = models.JSONField(default=dict, blank=True)
    typical_topic_ids = models.JSONField(_("typical topics"), default=list, blank=True)
    typical_formats = models.JSONField(_("typical event formats"), default=list, blank=True)
    computed_at = models.DateTimeField(_("computed"), null=True, blank=True)
    edited_at = models.DateTimeField(_("last edited by staff"), null=True, blank=True)

    class Meta:
        verbose_name = _("persona")
        verbose_name_plural = _("personas")
        ordering = ["cluster", "-is_active", "-size", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "slug"], name="personas_slug_per_cluster"),
            models.CheckConstraint(
                condition=models.Q(is_active=False) | models.Q(size__gte=5),
                name="personas_active_at_least_five",
            ),
        ]

    def __str__(self):
        return self.name


class PersonaMembership(models.Model):
    """That a person belongs to a persona of a cluster (at most one per cluster)."""

    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="persona_memberships")
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        verbose_name = _("persona membership")
        verbose_name_plural = _("persona memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "cluster"], name="personas_one_persona_per_cluster"
            )
        ]

    def __str__(self):
        return f"{self.persona_id}:{self.person_id}"


class PersonaPopularity(models.Model):
    """How much the people of a persona used a feed entry lately (several of them at least)."""

    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="popularity")
    entry = models.ForeignKey(FeedEntry, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(default=0)

    class Meta:
        verbose_name = _("popularity in a persona")
        verbose_name_plural = _("popularity in personas")
        constraints = [
            models.UniqueConstraint(fields=["persona", "entry"], name="personas_popularity_once")
        ]

    def __str__(self):
        return f"{self.persona_id}:{self.entry_id}"


class Computation(models.Model):
    """The latest computation of a cluster's personas, as the page explains it."""

    cluster = models.OneToOneField(
        Cluster, on_delete=models.CASCADE, related_name="persona_computation"
    )
    computed_at = models.DateTimeField(_("computed"))
    population = models.PositiveIntegerField(_("people considered"), default=0)
    clusters_tried = models.JSONField(default=dict, blank=True)  # k → silhouette
    chosen_k = models.PositiveIntegerField(default=0)
    merged = models.PositiveIntegerField(_("small groups merged"), default=0)
    dropped = models.PositiveIntegerField(_("people left out"), default=0)

    class Meta:
        verbose_name = _("persona computation")
        verbose_name_plural = _("persona computations")

    def __str__(self):
        return f"{self.cluster_id} {self.computed_at:%Y-%m-%d %H:%M}"
