from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("cooperations.cooperation.created", _("Cooperation documented"))
register_action("cooperations.cooperation.changed", _("Cooperation changed"))
register_action("cooperations.cooperation.deleted", _("Cooperation deleted"))
register_action("cooperations.network.created", _("Partner network added"))
register_action("cooperations.network.changed", _("Partner network changed"))
register_action("cooperations.network.deleted", _("Partner network deleted"))
register_action("cooperations.agreement.added", _("Cooperation agreement added"))
register_action("cooperations.agreement.deleted", _("Cooperation agreement deleted"))
register_action("cooperations.trip.linked", _("Trip linked to a partner network"))
register_action("cooperations.trip.unlinked", _("Trip removed from a partner network"))
