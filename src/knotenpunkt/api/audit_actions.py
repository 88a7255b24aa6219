from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("api.token.created", _("API token created"))
register_action("api.token.revoked", _("API token revoked"))
register_action("api.application.registered", _("Third-party application registered"))
register_action("api.application.deleted", _("Third-party application deleted"))
register_action("api.application.authorised", _("Third-party application authorised"))
register_action(
    "api.authorisation.revoked", _("Authorisation of a third-party application revoked")
)
