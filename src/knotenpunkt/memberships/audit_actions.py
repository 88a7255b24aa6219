from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("memberships.schedule.saved", _("Fee schedule saved"))
register_action("memberships.fee.individual", _("Individual membership fee set"))
register_action("memberships.fee_run.done", _("Fee run"))
register_action("memberships.fee.credited", _("Fee credited on exit"))
register_action("memberships.document.published", _("Membership document published"))
register_action("memberships.application.submitted", _("Membership application submitted"))
register_action("memberships.application.resubmitted", _("Membership application resubmitted"))
register_action("memberships.application.withdrawn", _("Membership application withdrawn"))
register_action("memberships.application.approved", _("Membership application approved"))
register_action(
    "memberships.application.changes_requested", _("Changes to a membership application requested")
)
register_action("memberships.application.declined", _("Membership application declined"))
# dunning
register_action("memberships.reminder_levels.created", _("Usual reminder levels created"))
register_action("memberships.reminder_level.saved", _("Reminder level saved"))
register_action("memberships.reminder.sent", _("Payment reminder sent"))
register_action("memberships.dunning.paused", _("Dunning paused"))
register_action("memberships.dunning.resumed", _("Dunning resumed"))
register_action("memberships.payment.recorded", _("Fee payment recorded"))
# sepa
register_action("memberships.direct_debit_settings.saved", _("Direct debit settings saved"))
register_action("memberships.mandate.given", _("SEPA mandate given"))
register_action("memberships.mandate.amended", _("SEPA mandate amended"))
register_action("memberships.mandate.revoked", _("SEPA mandate revoked"))
register_action("memberships.mandate.expired", _("SEPA mandate expired (36 months unused)"))
register_action("memberships.debits.exported", _("SEPA direct debit file created"))
register_action("memberships.debit.returned", _("Direct debit returned"))
