"""The invoice export a tax auditor asks for (GoBD data access, § 147 Abs. 6 AO): every
issued invoice of the installation as its e-invoice XML and its PDF/A-3 (with the same
XML embedded), and an `index.json` listing number, issuer, kind, date, total, open amount
and status.

File names are the invoice numbers. The providers' own numbers may hold characters a
file system refuses or reads as a path ("/", ".."), so anything but letters, digits, dot,
hyphen and underscore becomes "_"; two invoices whose names would then clash (two
providers may use the same number) get the issuer appended. The index names each file.
"""

import json
import re
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from knotenpunkt.invoicing.export_sources import (
    KIND_CANCELLATION,
    KIND_INVOICE,
    STATUS_CANCELLED,
    STATUS_OPEN,
    STATUS_PAID,
    ExportedInvoice,
    invoice_sources,
)
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.invoicing.services.documents import invoice_pdf
from knotenpunkt.invoicing.services.einvoice import einvoice_xml

INDEX = "index.json"
UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def cluster_invoices(since: date | None) -> list[ExportedInvoice]:
    """The clusters' invoices and cancellation invoices (the source invoicing registers)."""
    invoices = Invoice.objects.select_related("cluster", "cancels", "corrects").prefetch_related(
        "lines"
    )
    if since is not None:
        invoices = invoices.filter(issued_on__gte=since)
    return [_cluster_entry(invoice) for invoice in invoices.order_by("issued_on", "number")]


def _cluster_entry(invoice: Invoice) -> ExportedInvoice:
    if invoice.corrected_invoice or invoice.status == Invoice.Status.CANCELLED:
        status, due = STATUS_CANCELLED, Decimal("0.00")
    elif invoice.status == Invoice.Status.PAID:
        status, due = STATUS_PAID, Decimal("0.00")
    else:
        status, due = STATUS_OPEN, invoice.gross_total
    return ExportedInvoice(
        document=invoice,
        number=invoice.number,
        issuer=invoice.cluster.slug,
        kind=KIND_CANCELLATION if invoice.corrected_invoice else KIND_INVOICE,
        status=status,
        due=due,
    )


def safe_stem(number: str) -> str:
    """The invoice number as a file name without a path or a leading dot."""
    return UNSAFE.sub("_", number).strip("._") or "invoice"


def export_invoices(directory: Path, since: date | None = None) -> list[dict]:
    """Write every issued invoice (on or after `since`) as NUMBER.xml and NUMBER.pdf into
    `directory`, then `index.json`; returns the index entries.

    Raises ValidationError when the directory cannot be written; the index is written
    last, so a directory with an index holds every file it lists.
    """
    directory = Path(directory)
    _writable(directory)
    invoices = sorted(
        (entry for source in invoice_sources() for entry in source(since)),
        key=lambda entry: (entry.issued, entry.issuer, entry.number),
    )
    taken: set[str] = set()
    index = []
    for entry in invoices:
        stem = _unique_stem(entry, taken)
        _write(directory / f"{stem}.xml", einvoice_xml(entry.document))
        _write(directory / f"{stem}.pdf", invoice_pdf(entry.document))
        index.append(
            {
                "number": entry.number,
                "issuer": entry.issuer,
                "kind": entry.kind,
                "issued": entry.issued.isoformat(),
                # JSON numbers; two decimals fit a float exactly enough to read back.
                "total": float(entry.total),
                "due": float(entry.due),
                "status": entry.status,
                "file": stem,
            }
        )
    _write(
        directory / INDEX,
        json.dumps(index, ensure_ascii=False, indent=2).encode("utf-8") + b"\n",
    )
    return index


def _unique_stem(entry: ExportedInvoice, taken: set[str]) -> str:
    # Compared case-insensitively: macOS and Windows file systems are.
    stem = safe_stem(entry.number)
    if stem.lower() in taken:
        stem = f"{stem}__{safe_stem(entry.issuer)}"
    candidate, counter = stem, 2
    while candidate.lower() in taken:
        candidate, counter = f"{stem}_{counter}", counter + 1
    taken.add(candidate.lower())
    return candidate


def _writable(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as error:
        raise ValidationError(
            _("The export directory %(dir)s cannot be written: %(error)s"),
            params={"dir": directory, "error": error.strerror or error},
        ) from error


def _write(path: Path, content: bytes) -> None:
    try:
        path.write_bytes(content)
    except OSError as error:
        raise ValidationError(
            _("%(file)s could not be written: %(error)s"),
            params={"file": path, "error": error.strerror or error},
        ) from error
