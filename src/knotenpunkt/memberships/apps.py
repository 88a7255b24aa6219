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
        from knotenpunkt.memberships import audit_actions, merge_relations, personal_data  # noqa: F401
        from knotenpunkt.memberships.services.applications import dashboard_section

        register_dashboard_section(
            "memberships.applications",
            "memberships/dashboard_applications.html",
            dashboard_section,
            order=20,
        )
        # dunning and figures: the fees' part of the staff dashboard, the daily task
        from knotenpunkt.memberships import tasks  # noqa: F401
        from knotenpunkt.memberships.services import figures

        register_dashboard_section(
            "memberships.fees",
            "memberships/dashboard_fees.html",
            figures.dashboard_section,
            order=10,
        )
