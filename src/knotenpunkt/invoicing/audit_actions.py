from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("invoicing.invoice.issued", _("Invoice issued"))
register_action("invoicing.invoice.cancelled", _("Invoice cancelled by a cancellation invoice"))
register_action("invoicing.invoice.paid", _("Invoice marked paid"))
register_action("invoicing.invoice.reopened", _("Paid invoice reopened (e.g. debit returned)"))
register_action("invoicing.invoices.issued", _("Invoices issued in one batch (e.g. a fee run)"))
register_action("invoicing.invoice.credited", _("Credit note issued for part of an invoice"))
