from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("interactions.interaction.recorded", _("Interaction recorded"))
register_action("interactions.interaction.changed", _("Interaction changed"))
register_action("interactions.interaction.deleted", _("Interaction deleted"))
register_action("interactions.follow_up.added", _("Follow-up added"))
register_action("interactions.follow_up.done", _("Follow-up done"))
register_action("interactions.follow_up.reopened", _("Follow-up reopened"))
register_action("interactions.follow_ups.reminded", _("Follow-up reminder sent"))
