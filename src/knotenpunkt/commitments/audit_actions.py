from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("commitments.commitment.created", _("Commitment created"))
register_action("commitments.version.drafted", _("Draft of a commitment saved"))
register_action("commitments.version.published", _("Version of a commitment published"))
register_action("commitments.signature.signed", _("Commitment signed"))
register_action("commitments.signature.withdrawn", _("Signature under a commitment withdrawn"))
