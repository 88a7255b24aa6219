from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipsConfig(AppConfig):
    """Membership from application to fee: applications, fee schedules, fee runs, SEPA
    direct debit and dunning (docs/treasurers.md)."""

    name = "knotenpunkt.memberships"
    label = "memberships"
    verbose_name = _("Membership fees")

    def ready(self):
        from knotenpunkt.memberships import audit_actions  # noqa: F401
