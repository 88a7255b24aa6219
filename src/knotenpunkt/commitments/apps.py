from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    """Commitments a cluster publishes (a code of digital ethics, a sustainability pledge),
    versioned, and the organisations that sign them."""

    name = "knotenpunkt.commitments"
    label = "commitments"
    verbose_name = _("Commitments")

    def ready(self):
        from knotenpunkt.commitments import (  # noqa: F401 - registrations on import
            audit_actions,
            merge_relations,
            personal_data,
        )
        from knotenpunkt.commitments.services import commitments, measures
        from knotenpunkt.core.registry import register_organisation_section

        measures.register_measures()
        register_organisation_section(
            "commitments",
            "commitments/organisation_section.html",
            commitments.organisation_section,
            staff_only=False,
            order=20,
        )
