from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionsConfig(AppConfig):
    """What the cluster management does with its members: company visits, consultations,
    calls and introductions, with follow-up tasks."""

    name = "knotenpunkt.interactions"
    label = "interactions"
    verbose_name = _("Interactions")
