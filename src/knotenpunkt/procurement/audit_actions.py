from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("procurement.offering.submitted", _("Offering submitted for review"))
register_action("procurement.offering.published", _("Offering version published"))
register_action("procurement.offering.changes_requested", _("Changes to an offering requested"))
register_action("procurement.offering.withdrawn", _("Offering withdrawn from the catalogue"))
register_action("procurement.review.written", _("Buyer review written"))
register_action("procurement.buyer.registered", _("Public buyer registered"))
register_action("procurement.buyer.verified", _("Public buyer verified"))
register_action("procurement.buyer.unverified", _("Public buyer verification withdrawn"))
register_action("procurement.request.created", _("Quote request created"))
register_action("procurement.request.edited", _("Quote request edited"))
register_action("procurement.request.sent", _("Quote request sent"))
register_action("procurement.request.cancelled", _("Quote request cancelled"))
register_action("procurement.request.awarded", _("Quote request awarded"))
register_action("procurement.quote.submitted", _("Quote submitted"))
register_action("procurement.invitation.declined", _("Invitation to quote declined"))
register_action("procurement.order.placed", _("Order placed"))
register_action("procurement.order.completed", _("Order completed"))
register_action("procurement.order.cancelled", _("Order cancelled"))
register_action("procurement.invoice.issued", _("Supplier e-invoice created"))
