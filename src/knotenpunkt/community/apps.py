from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    """The community managers' view: enriched profiles of people and organisations and
    suggestions of who should meet whom (issue 19)."""

    name = "knotenpunkt.community"
    label = "community"
    verbose_name = _("Community")

    def ready(self):
        from knotenpunkt.community import (  # noqa: F401 - registrations on import
            audit_actions,
            merge_relations,
            personal_data,
        )
