"""The invoicing operations other apps call (events issue and cancel invoices here)."""

from knotenpunkt.invoicing.services.issuing import (
    Line,
    Party,
    cancel_invoice,
    create_invoice,
    invoice_for,
    mark_paid,
)

__all__ = ["Line", "Party", "cancel_invoice", "create_invoice", "invoice_for", "mark_paid"]
