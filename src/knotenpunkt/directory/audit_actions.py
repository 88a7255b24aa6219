from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("directory.organisation.created", _("Organisation created"))
register_action("directory.organisation.changed", _("Organisation profile changed"))
register_action("directory.person.created", _("Person created"))
register_action("directory.person.changed", _("Person's data changed"))
register_action("directory.person.email_confirmed", _("E-mail address confirmed by its owner"))
register_action("directory.position.added", _("Function at an organisation added"))
register_action("directory.position.changed", _("Function at an organisation changed"))
register_action("directory.position.ended", _("Function at an organisation ended"))
register_action("directory.membership.started", _("Membership started"))
register_action("directory.membership.notice_given", _("Notice of membership given"))
register_action("directory.membership.ended", _("Membership ended"))
register_action("directory.cluster.staff_granted", _("Staff rights for the cluster granted"))
register_action("directory.cluster.staff_revoked", _("Staff rights for the cluster removed"))
