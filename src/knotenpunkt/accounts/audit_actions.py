from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("accounts.user.signed_up", _("Signed up"))
register_action("accounts.user.email_confirmed", _("Confirmed the e-mail address"))
register_action(
    "accounts.user.rights_changed", _("Back-office rights (staff, admin, groups) changed")
)
