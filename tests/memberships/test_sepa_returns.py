from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.invoicing.services.camt import read_notifications
from knotenpunkt.memberships.models import DebitReturn, DirectDebit, Mandate, PaymentRecord
from knotenpunkt.memberships.services.prenotification import pre_notify
from knotenpunkt.memberships.services.returns import import_returns, record_return
from knotenpunkt.memberships.services.sepa_export import export_debits, settle_collected_debits
from knotenpunkt.outbox.models import OutgoingMail
from tests.memberships import sepa_helpers
from tests.memberships.sepa_helpers import (
    COLLECTION,
)

# Fixtures shared by the SEPA tests.
announced = sepa_helpers.announced
collecting = sepa_helpers.collecting
english_ui = sepa_helpers.english_ui
fjord = sepa_helpers.fjord

SAMPLE = Path(__file__).parent / "samples" / "camt054_returns.xml"


@pytest.fixture
def settled(cluster, announced):
    """The two invoices collected on the 16th and counted paid on the 17th."""
    with freeze_time("2026-02-10 09:00"):
        export_debits(None, cluster, COLLECTION)
    with freeze_time("2026-02-17 12:00"):
        settle_collected_debits()
    return announced


def test_the_sample_notification_reads_two_returns_with_reason_and_end_to_end_id():
    returns = [p for p in read_notifications(SAMPLE.read_bytes()) if p.return_reason]
    assert [(p.end_to_end_id, p.return_reason) for p in returns] == [
        ("DIWISH-2026-00001", "AM04"),
        ("DIWISH-2026-00002", "MD06"),
    ]


def test_returns_from_camt054_reopen_the_invoices_with_reason_and_fee(cluster, settled):
    with freeze_time("2026-02-18 09:00"):
        result = import_returns(None, cluster, SAMPLE.read_bytes())
    assert result.counts() == {"entries": 2, "returns": 2, "unknown": 0}
    first = Invoice.objects.get(pk=settled[0].pk)
    assert (first.status, first.paid_on) == (Invoice.Status.ISSUED, None)
    entry = DebitReturn.objects.get(debit__invoice=first)
    assert (entry.reason_code, entry.fee, entry.returned_on, entry.source) == (
        "AM04",
        Decimal("3.50"),
        date(2026, 2, 18),
        DebitReturn.Source.STATEMENT,
    )
    assert entry.debit.status == DirectDebit.Status.RETURNED
    reopened = AuditEntry.objects.filter(action="invoicing.invoice.reopened")
    assert reopened.count() == 2
    assert "Insufficient funds" in reopened.get(target_id=str(first.pk)).data["reason"]
    assert PaymentRecord.objects.filter(invoice=first).values_list("amount", flat=True).count() == 2
    mail = OutgoingMail.objects.get(kind="memberships_debit_returned", to=first.buyer_email)
    assert "Insufficient funds" in mail.body_text
    assert "603.50" in mail.body_text or "603,50" in mail.body_text


def test_importing_the_same_returns_again_records_nothing_twice(cluster, settled):
    with freeze_time("2026-02-18 09:00"):
        import_returns(None, cluster, SAMPLE.read_bytes())
        again = import_returns(None, cluster, SAMPLE.read_bytes())
    assert again.counts() == {"entries": 2, "returns": 0, "unknown": 2}
    assert {why for _p, why in again.unknown} == {"Return already recorded."}
    assert DebitReturn.objects.count() == 2


def test_a_return_of_an_unknown_debit_is_listed(cluster, settled):
    content = SAMPLE.read_bytes().replace(b"DIWISH-2026-00002", b"FREMD-2026-7")
    with freeze_time("2026-02-18 09:00"):
        result = import_returns(None, cluster, content)
    assert result.counts() == {"entries": 2, "returns": 1, "unknown": 1}
    assert result.unknown[0][0].end_to_end_id == "FREMD-2026-7"


def test_a_file_that_is_no_notification_is_refused(cluster):
    with pytest.raises(ValidationError, match="CAMT.054"):
        import_returns(None, cluster, b"<html>kein Auszug</html>")


def test_a_manual_return_before_settlement_leaves_the_invoice_open(cluster, announced, alice):
    with freeze_time("2026-02-10 09:00"):
        export_debits(None, cluster, COLLECTION)
    debit = DirectDebit.objects.get(invoice=announced[0])
    with freeze_time("2026-02-16 15:00"):
        entry = record_return(alice, debit, "md01", date(2026, 2, 16))
        # The returned debit is not settled as paid afterwards.
    with freeze_time("2026-02-17 12:00"):
        assert settle_collected_debits() == 1
    assert entry.reason_code == "MD01"
    assert entry.source == DebitReturn.Source.MANUAL
    invoice = Invoice.objects.get(pk=announced[0].pk)
    assert invoice.status == Invoice.Status.ISSUED
    assert not PaymentRecord.objects.filter(invoice=invoice).exists()


@pytest.mark.parametrize(
    ("code", "returned_on", "field"),
    [("A!", date(2026, 2, 16), "reason_code"), ("AM04", date(2026, 3, 1), "returned_on")],
)
def test_a_bad_manual_return_names_the_field_and_writes_nothing(
    cluster, announced, alice, code, returned_on, field
):
    with freeze_time("2026-02-10 09:00"):
        export_debits(None, cluster, COLLECTION)
    debit = DirectDebit.objects.get(invoice=announced[0])
    with freeze_time("2026-02-16 15:00"), pytest.raises(ValidationError) as error:
        record_return(alice, debit, code, returned_on)
    assert field in error.value.message_dict
    assert not DebitReturn.objects.exists()
    debit.refresh_from_db()
    assert debit.status == DirectDebit.Status.SUBMITTED


def test_a_returned_invoice_is_collected_again_only_after_a_new_pre_notification(cluster, settled):
    with freeze_time("2026-02-18 09:00"):
        import_returns(None, cluster, SAMPLE.read_bytes())
    with freeze_time("2026-02-20 09:00"):
        result = export_debits(None, cluster, date(2026, 2, 23))
    assert result.transactions == 0
    assert "returned" in result.skipped[0][1]
    invoice = settled[0]
    with freeze_time("2026-02-20 09:00"):
        pre_notify(
            invoice, Mandate.objects.get(organisation=invoice.organisation), date(2026, 3, 6)
        )
    with freeze_time("2026-03-04 09:00"):
        again = export_debits(None, cluster, date(2026, 3, 6))
    assert again.transactions == 1
    assert DirectDebit.objects.filter(invoice=invoice).count() == 2
