"""The procurement app's models, by sub-domain; import them from here. `thresholds` also
holds the vocabulary every sub-domain shares (jurisdictions, authority kinds, categories,
procedures)."""

from knotenpunkt.procurement.models.buyers import PublicBuyer
from knotenpunkt.procurement.models.catalogue import (
    Interface,
    Offering,
    OfferingDocument,
    OfferingReview,
    OfferingVersion,
    Themenfeld,
)
from knotenpunkt.procurement.models.orders import Order, SupplierInvoice, SupplierInvoiceLine
from knotenpunkt.procurement.models.requests import Quote, QuoteInvitation, QuoteRequest
from knotenpunkt.procurement.models.thresholds import (
    AuthorityKind,
    Category,
    DutyKind,
    DutyThreshold,
    EInvoiceRule,
    Jurisdiction,
    Procedure,
    Threshold,
    parse_authority_kinds,
)

__all__ = [
    "AuthorityKind",
    "Category",
    "DutyKind",
    "DutyThreshold",
    "EInvoiceRule",
    "Interface",
    "Jurisdiction",
    "Offering",
    "OfferingDocument",
    "OfferingReview",
    "OfferingVersion",
    "Order",
    "Procedure",
    "PublicBuyer",
    "Quote",
    "QuoteInvitation",
    "QuoteRequest",
    "SupplierInvoice",
    "SupplierInvoiceLine",
    "Themenfeld",
    "Threshold",
    "parse_authority_kinds",
]
