from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """Participation processes (Beteiligungsprozesse) a cluster or a public body runs to
    build a strategy with experts and the public: phases with dates, each one of the
    modules (workshop board, brainwriting, measures, citizens' dialogue, expert survey),
    public, members-only or by invitation, with moderators from the owner."""

    name = "knotenpunkt.participation"
    label = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from knotenpunkt.participation import (  # noqa: F401 - registrations on import
            audit_actions,
            merge_relations,
            personal_data,
            rules,
        )
