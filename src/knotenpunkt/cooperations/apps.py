from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationsConfig(AppConfig):
    """Documented cooperations and projects between members, partner networks, foreign
    clusters with agreements, and delegation trips."""

    name = "knotenpunkt.cooperations"
    label = "cooperations"
    verbose_name = _("Cooperations")
