from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    """The clusters' own websites (Wagtail): pages, articles, portraits, per-cluster sites."""

    name = "knotenpunkt.website"
    label = "website"
    verbose_name = _("Websites")

    def ready(self):
        from knotenpunkt.core.registry import register_organisation_section
        from knotenpunkt.website import (  # noqa: F401 - registrations on import
            audit_actions,
            feed_source,
            merge_relations,
            personal_data,
            receivers,
        )
        from knotenpunkt.website.services import portraits

        feed_source.register()

        register_organisation_section(
            "website_portraits",
            "website/includes/organisation_portraits.html",
            portraits.organisation_section,
            staff_only=False,
            order=60,
        )
