"""What invoicing stores about a person, for export (Art. 15) and erasure (Art. 17)."""

from knotenpunkt.core.registry import register_personal_data


def export_person(person) -> list[dict]:
    return [
        {
            "number": invoice.number,
            "kind": invoice.kind,
            "date": invoice.issued_on.isoformat(),
            "buyer": invoice.buyer_name,
            "address": f"{invoice.buyer_street}, {invoice.buyer_postcode} {invoice.buyer_city}",
            "email": invoice.buyer_email,
            "total": str(invoice.gross_total),
            "status": invoice.status,
        }
        for invoice in person.invoices.order_by("issued_on", "number")
    ]


def erase_person(person) -> None:
    """Keep the person's invoices untouched.

    Invoices are accounting records: §147 AO (with §14b UStG) obliges the cluster to keep
    them unchanged for ten years, which Art. 17(3)(b) DSGVO puts before the right to
    erasure. The invoice holds its own copy of the buyer's name and address, so the
    anonymised person record does not change it; the link stays so that a later audit
    finds the invoices of the anonymised record. Deleting or scrubbing them here would be
    unlawful, so this hook deliberately does nothing.
    """


register_personal_data("invoices", export_person, erase_person, models=("invoicing.Invoice",))
