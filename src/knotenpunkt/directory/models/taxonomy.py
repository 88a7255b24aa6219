"""The shared vocabularies: regions (districts) and the topic taxonomy."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A district (Kreis) or district-free city, identified by its official AGS key."""

    ags = models.CharField(_("official key (AGS)"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=100)
    state = models.CharField(_("federal state"), max_length=50)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["state", "name"]

    def __str__(self):
        return self.name


class Topic(models.Model):
    """One entry of the hierarchical taxonomy of themes and competences."""

    class Kind(models.TextChoices):
        THEME = "theme", _("Theme")
        COMPETENCE = "competence", _("Competence")
        TECHNOLOGY = "technology", _("Technology")
        INDUSTRY = "industry", _("Industry served")

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent topic"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    slug = models.SlugField(_("key"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.THEME)
    label_de = models.CharField(_("German label"), max_length=120)
    label_en = models.CharField(_("English label"), max_length=120)
    synonyms = models.TextField(
        _("synonyms"),
        blank=True,
        help_text=_("Other words for this topic, in any language, one per line."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["label_de"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if (get_language() or "de").startswith("en"):
            return self.label_en or self.label_de
        return self.label_de

    @property
    def synonym_list(self) -> list[str]:
        return [s.strip() for s in self.synonyms.splitlines() if s.strip()]
