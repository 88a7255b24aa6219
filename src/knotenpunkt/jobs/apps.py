from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Jobs and training (Jobs und Weiterbildung): member organisations post jobs,
    internships, working-student positions, theses and training offers on a public board,
    reviewed by the cluster management where a cluster wants it; a weekly digest mails
    the new ones to subscribers."""

    name = "knotenpunkt.jobs"
    label = "jobs"
    verbose_name = _("Jobs and training")

    def ready(self):
        from knotenpunkt.core.registry import register_organisation_section
        from knotenpunkt.jobs import (  # noqa: F401 - registrations on import
            audit_actions,
            consents,
            feed_source,
            merge_relations,
            personal_data,
            receivers,
            rules,
        )
        from knotenpunkt.jobs.services.board import organisation_section

        feed_source.register()

        register_organisation_section(
            "jobs",
            "jobs/organisation_section.html",
            organisation_section,
            staff_only=False,
            order=30,
        )
