"""The invoicing operations other apps call (events issue and cancel invoices here)."""

from knotenpunkt.invoicing.services.issuing import (
    Draft,
    Line,
    Party,
    cancel_invoice,
    create_invoice,
    create_invoices,
    invoice_for,
    mark_paid,
)

__all__ = [
    "Draft",
    "create_invoices",
    "Line",
    "Party",
    "cancel_invoice",
    "create_invoice",
    "invoice_for",
    "mark_paid",
]
