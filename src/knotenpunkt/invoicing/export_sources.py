"""Where the invoice export (`knotenpunkt invoice-export`, the GoBD data export) finds
every invoice the installation has issued.

Invoicing registers the clusters' invoices and cancellations itself. An app above it that
issues invoices of its own registers a source in its AppConfig.ready (procurement: the
providers' e-invoices to public buyers), because invoicing may not import it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from knotenpunkt.invoicing.models import InvoiceDocument

KIND_INVOICE = "invoice"
KIND_CANCELLATION = "cancellation"
STATUS_OPEN = "open"
STATUS_PAID = "paid"
STATUS_CANCELLED = "cancelled"


@dataclass(frozen=True)
class ExportedInvoice:
    """One issued invoice as the export lists it; `document` builds its XML and PDF."""

    document: InvoiceDocument
    number: str
    issuer: str  # the cluster's slug, or "supplier:<organisation slug>"
    kind: str  # KIND_INVOICE or KIND_CANCELLATION
    status: str  # STATUS_OPEN, STATUS_PAID or STATUS_CANCELLED
    due: Decimal  # the amount still open

    @property
    def issued(self) -> date:
        return self.document.issued_on

    @property
    def total(self) -> Decimal:
        return self.document.gross_total


# A source lists the invoices issued on or after `since` (all of them for None).
InvoiceSource = Callable[[date | None], Iterable[ExportedInvoice]]

_sources: list[InvoiceSource] = []


def register_invoice_source(source: InvoiceSource) -> None:
    """Add `source` to the export; registering the same callable twice adds it once."""
    if source not in _sources:
        _sources.append(source)


def invoice_sources() -> list[InvoiceSource]:
    return list(_sources)
