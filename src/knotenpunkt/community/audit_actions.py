from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("community.person_profile.viewed", _("Enriched profile of a person viewed"))
register_action(
    "community.organisation_profile.viewed", _("Enriched profile of an organisation viewed")
)
register_action("community.suggestion.introduced", _("Suggested contact introduced"))
register_action("community.suggestion.dismissed", _("Suggested contact dismissed"))
