from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.invoicing.services.camt import import_statement

IMPORT = reverse("invoicing:statement_import")


def statement(*entries) -> bytes:
    """A CAMT.053.001.02 statement with (amount, indicator, remittance text) entries."""
    booked = timezone.localdate().isoformat()
    body = "".join(
        f"""<Ntry><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>{indicator}</CdtDbtInd>
        <Sts>BOOK</Sts><BookgDt><Dt>{booked}</Dt></BookgDt>
        <NtryDtls><TxDtls><RmtInf><Ustrd>{text}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>"""
        for amount, indicator, text in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'
        f"<BkToCstmrStmt><Stmt><Id>1</Id>{body}</Stmt></BkToCstmrStmt></Document>"
    ).encode()


def test_transfer_naming_the_invoice_marks_it_paid(issue, cluster):
    invoice = issue()
    result = import_statement(
        None, [cluster], statement(("119.00", "CRDT", f"RE {invoice.number}"))
    )
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID
    assert result.paid == [invoice]


def test_partial_payment_is_left_for_a_human(issue, cluster):
    invoice = issue()
    result = import_statement(None, [cluster], statement(("100.00", "CRDT", invoice.number)))
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.ISSUED
    assert [e.amount for e in result.unmatched] == [Decimal("100.00")]


def test_debit_entries_are_ignored(issue, cluster):
    invoice = issue()
    import_statement(None, [cluster], statement(("119.00", "DBIT", invoice.number)))
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.ISSUED


def test_invoices_of_other_clusters_are_not_touched(issue, other_cluster):
    invoice = issue()
    import_statement(None, [other_cluster], statement(("119.00", "CRDT", invoice.number)))
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.ISSUED


def test_a_file_that_is_no_statement_is_refused(db):
    with pytest.raises(ValidationError):
        import_statement(None, [], b"<html>kein Kontoauszug</html>")


def test_staff_upload_a_statement(client_for, alice, issue):
    invoice = issue()
    upload = SimpleUploadedFile("auszug.xml", statement(("119.00", "CRDT", invoice.number)))
    response = client_for(alice).post(IMPORT, {"statement": upload})
    assert invoice.number in response.content.decode()
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID


def test_broken_upload_gives_a_form_error(client_for, alice, seller):
    upload = SimpleUploadedFile("auszug.xml", b"\x00\x01 kaputt")
    response = client_for(alice).post(IMPORT, {"statement": upload})
    assert response.status_code == 400
    assert response.context["form"].errors["statement"]


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
def test_non_staff_may_not_import_statements(client_for, persona, request):
    assert client_for(request.getfixturevalue(persona)).get(IMPORT).status_code == 403
