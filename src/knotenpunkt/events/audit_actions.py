from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("events.registration.confirmed", _("Registered for an event"))
register_action("events.registration.waiting", _("Put on an event's waiting list"))
register_action("events.registration.moved_up", _("Moved up from an event's waiting list"))
register_action("events.registration.cancelled", _("Event registration cancelled"))
register_action("events.registration.checked_in", _("Checked in at an event"))
register_action("events.event.moved", _("Event moved (time or place changed)"))
register_action("events.event.cancelled", _("Event cancelled"))
