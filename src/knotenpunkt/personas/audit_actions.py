from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("personas.computed", _("Personas computed"))
register_action("personas.recompute.requested", _("Recomputation of the personas requested"))
register_action("personas.persona.changed", _("Persona's name, description or goals changed"))
