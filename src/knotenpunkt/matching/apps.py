from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "knotenpunkt.matching"
    verbose_name = _("Matchmaking")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Announce relations and personal data to the merge and privacy services, follow
        # the directory's changes, and register the audit codes of the services.
        from knotenpunkt.matching import measures, merge_relations, personal_data, signals  # noqa: F401
        from knotenpunkt.matching.services import (  # noqa: F401
            alerts,
            contacts,
            needs,
            profiles,
        )
