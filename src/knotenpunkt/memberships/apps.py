from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipsConfig(AppConfig):
    """Membership from application to fee: applications, fee schedules, fee runs, SEPA
    direct debit and dunning (docs/treasurers.md)."""

    name = "knotenpunkt.memberships"
    label = "memberships"
    verbose_name = _("Membership fees")

    def ready(self):
        from knotenpunkt.core.registry import register_dashboard_section
        from knotenpunkt.memberships import (  # noqa: F401 - registrations on import
            audit_actions,
            measures,
            merge_relations,
            personal_data,
            tasks,
        )
        from knotenpunkt.memberships.services import applications, figures

        # The fees' and the applications' parts of the staff dashboard.
        register_dashboard_section(
            "memberships.fees",
            "memberships/dashboard_fees.html",
            figures.dashboard_section,
            order=10,
        )
        register_dashboard_section(
            "memberships.applications",
            "memberships/dashboard_applications.html",
            applications.dashboard_section,
            order=20,
        )
