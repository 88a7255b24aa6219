from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("memberships.schedule.saved", _("Fee schedule saved"))
register_action("memberships.fee.individual", _("Individual membership fee set"))
register_action("memberships.fee_run.done", _("Fee run"))
register_action("memberships.fee.credited", _("Fee credited on exit"))
