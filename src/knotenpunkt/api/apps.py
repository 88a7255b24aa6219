from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API under /api/v1/ (django-ninja, OpenAPI 3.1) and the access tokens that
    open it: personal tokens and organisation tokens, each with scopes, hashed at rest,
    expiring and revocable (docs/api.md)."""

    name = "knotenpunkt.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        from knotenpunkt.api import (  # noqa: F401 - registrations on import
            audit_actions,
            merge_relations,
            personal_data,
            rules,
        )
