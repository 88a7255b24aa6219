from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("opendata.dataset.created", _("Open dataset created"))
register_action("opendata.dataset.changed", _("Open dataset changed"))
