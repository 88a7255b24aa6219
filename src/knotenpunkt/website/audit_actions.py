"""The website's audit actions."""

from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("website.site.created", _("Cluster website created"))
register_action("website.author.invited", _("Invited to write portraits for the website"))
register_action("website.author.revoked", _("No longer writes portraits for the website"))
register_action(
    "website.portraits.unpublished",
    _("Portraits taken offline (consent withdrawn or person erased)"),
)
register_action(
    "website.portrait.consent_requested", _("Portrayed person asked for their consent by e-mail")
)
register_action("website.portrait.consent_given", _("Portrayed person consented to the portrait"))
register_action("website.portrait.consent_declined", _("Portrayed person declined the portrait"))
