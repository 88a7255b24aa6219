"""The website's audit actions."""

from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("website.site.created", _("Cluster website created"))
register_action("website.author.invited", _("Invited to write portraits for the website"))
register_action(
    "website.portraits.unpublished",
    _("Portraits taken offline (consent withdrawn or person erased)"),
)
