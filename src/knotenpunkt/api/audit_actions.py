from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("api.token.created", _("API token created"))
register_action("api.token.revoked", _("API token revoked"))
