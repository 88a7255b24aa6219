"""The invoicing operations other apps call (events issue and cancel invoices here)."""

from knotenpunkt.invoicing.services.issuing import (
    Draft,
    Line,
    Party,
    cancel_invoice,
    create_invoice,
    create_invoices,
    draft_problems,
    invoice_for,
    issue_credit_note,
    mark_paid,
    reopen_invoice,
)

__all__ = [
    "Draft",
    "create_invoices",
    "draft_problems",
    "Line",
    "Party",
    "cancel_invoice",
    "create_invoice",
    "invoice_for",
    "issue_credit_note",
    "mark_paid",
    "reopen_invoice",
]
