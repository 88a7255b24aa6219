from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionsConfig(AppConfig):
    """What the cluster management does with its members: company visits, consultations,
    calls and introductions, with follow-up tasks."""

    name = "knotenpunkt.interactions"
    label = "interactions"
    verbose_name = _("Interactions")

    def ready(self):
        from knotenpunkt.core.registry import register_organisation_section
        from knotenpunkt.interactions import (  # noqa: F401 - registrations on import
            audit_actions,
            merge_relations,
            personal_data,
            tasks,
        )
        from knotenpunkt.interactions.services import interactions, measures

        measures.register_measures()
        register_organisation_section(
            "interactions",
            "interactions/organisation_section.html",
            interactions.organisation_section,
            staff_only=True,
            order=10,
        )
