from datetime import date
from decimal import Decimal

import pytest
import xmlschema
from django.core.exceptions import ValidationError
from freezegun import freeze_time
from lxml import etree

from knotenpunkt.invoicing.models import Invoice, InvoiceSettings
from knotenpunkt.memberships.models import DebitBatch, DirectDebit, Mandate, PaymentRecord
from knotenpunkt.memberships.services.prenotification import collection_date_for, pre_notify
from knotenpunkt.memberships.services.sepa_export import (
    SCHEMA_FILE,
    export_debits,
    settle_collected_debits,
)
from tests.factories import MembershipFactory, OrganisationFactory
from tests.memberships import sepa_helpers
from tests.memberships.sepa_helpers import (
    COLLECTION,
    CREDITOR_ID,
    fee_invoice,
    paper_mandate,
)

# Fixtures shared by the SEPA tests.
announced = sepa_helpers.announced
collecting = sepa_helpers.collecting
english_ui = sepa_helpers.english_ui
fjord = sepa_helpers.fjord

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.008.001.08"}


def _export(cluster, day=COLLECTION, at="2026-02-10 09:00", **options):
    with freeze_time(at):
        return export_debits(None, cluster, day, **options)


def test_the_file_validates_against_the_pain_008_001_08_schema(cluster, announced):
    result = _export(cluster)
    assert result.transactions == 2
    assert result.total == Decimal("900.00")
    xmlschema.XMLSchema(str(SCHEMA_FILE)).validate(result.xml.decode())
    assert 'xmlns="urn:iso:std:iso:20022:tech:xsd:pain.008.001.08"' in result.xml.decode()


def test_the_file_holds_structured_addresses_mandates_amounts_and_the_sum(cluster, announced):
    first, second = announced
    document = etree.fromstring(_export(cluster).xml)
    assert document.findtext(".//p:GrpHdr/p:NbOfTxs", namespaces=NS) == "2"
    assert document.findtext(".//p:GrpHdr/p:CtrlSum", namespaces=NS) == "900.00"
    assert document.findtext(".//p:PmtInf/p:PmtTpInf/p:SeqTp", namespaces=NS) == "FRST"
    assert document.findtext(".//p:PmtInf/p:PmtTpInf/p:LclInstrm/p:Cd", namespaces=NS) == "CORE"
    assert document.findtext(".//p:PmtInf/p:ReqdColltnDt", namespaces=NS) == "2026-02-16"
    assert (
        document.findtext(".//p:CdtrSchmeId/p:Id/p:PrvtId/p:Othr/p:Id", namespaces=NS)
        == CREDITOR_ID
    )
    transactions = document.findall(".//p:DrctDbtTxInf", namespaces=NS)
    by_id = {t.findtext("p:PmtId/p:EndToEndId", namespaces=NS): t for t in transactions}
    assert set(by_id) == {first.number, second.number}
    tx = by_id[first.number]
    assert tx.findtext("p:InstdAmt", namespaces=NS) == "600.00"
    mandate = Mandate.objects.get(organisation=first.organisation)
    assert tx.findtext(".//p:MndtId", namespaces=NS) == mandate.reference
    assert tx.findtext(".//p:DtOfSgntr", namespaces=NS) == "2025-12-01"
    address = tx.find("p:Dbtr/p:PstlAdr", namespaces=NS)
    assert address.findtext("p:StrtNm", namespaces=NS) == "Holtenauer Strasse"
    assert address.findtext("p:BldgNb", namespaces=NS) == "12a"
    assert address.findtext("p:PstCd", namespaces=NS) == "24105"
    assert address.findtext("p:TwnNm", namespaces=NS) == "Kiel"
    assert address.findtext("p:Ctry", namespaces=NS) == "DE"
    assert tx.findtext(".//p:Ustrd", namespaces=NS) == f"{first.number} Membership fee 2026"


def test_the_export_stores_the_file_and_marks_the_invoices_submitted(cluster, announced):
    result = _export(cluster)
    batch = DebitBatch.objects.get()
    assert result.batch == batch
    assert batch.xml.encode() == result.xml
    assert (batch.transactions, batch.total) == (2, Decimal("900.00"))
    assert set(DirectDebit.objects.values_list("invoice", "status")) == {
        (announced[0].pk, "submitted"),
        (announced[1].pk, "submitted"),
    }
    assert set(Mandate.objects.values_list("last_collected_on", flat=True)) == {COLLECTION}


def test_a_second_export_collects_nothing_and_writes_no_file(cluster, announced):
    _export(cluster)
    again = _export(cluster)
    assert (again.transactions, again.total, again.xml, again.batch) == (
        0,
        Decimal("0.00"),
        None,
        None,
    )
    assert DebitBatch.objects.count() == 1
    assert DirectDebit.objects.count() == 2
    assert {reason for _invoice, reason in again.skipped} == {"Already in a direct debit file."}


def test_a_dry_run_shows_the_debits_and_stores_nothing(cluster, announced):
    result = _export(cluster, dry_run=True)
    assert result.transactions == 2
    assert result.xml
    assert not DebitBatch.objects.exists()
    assert not DirectDebit.objects.exists()


def test_skipped_invoices_say_why(collecting, cluster, announced):
    cluster = collecting.cluster
    organisations = [
        OrganisationFactory(name=f"{name} GmbH", slug=name.lower())
        for name in ("Ohnemandat", "Stumm", "Spaet", "Neu")
    ]
    for organisation in organisations:
        MembershipFactory(organisation=organisation, cluster=cluster)
    without_mandate, silent, late, not_due = organisations
    with freeze_time("2026-02-02 10:00"):
        fee_invoice(cluster, without_mandate)
        # A mandate before the invoice: nobody announced the debit of the invoice.
        paper_mandate(cluster, silent)
        fee_invoice(cluster, silent)
        paper_mandate(cluster, late)
        late_invoice = fee_invoice(cluster, late)
    with freeze_time("2026-02-09 10:00"):
        pre_notify(late_invoice, Mandate.objects.get(organisation=late), date(2026, 2, 23))
        paper_mandate(cluster, not_due)
        fee_invoice(cluster, not_due)  # due on the 23rd, pre-notified for the 23rd
    result = _export(cluster)
    assert result.transactions == 2
    reasons = {invoice.organisation.slug: reason for invoice, reason in result.skipped}
    assert reasons["ohnemandat"] == "No active SEPA mandate."
    assert reasons["stumm"] == "Not pre-notified."
    assert reasons["spaet"].startswith("Pre-notified for a later collection date")
    assert reasons["neu"].startswith("Not due by the collection date")


def test_a_pre_notification_sent_too_late_for_the_date_is_skipped(collecting, member_org):
    cluster = collecting.cluster
    with freeze_time("2026-02-02 10:00"):
        paper_mandate(cluster, member_org)
        invoice = fee_invoice(cluster, member_org)
    with freeze_time("2026-02-09 10:00"):
        pre_notify(invoice, Mandate.objects.get(), COLLECTION)
    result = _export(cluster)
    assert result.transactions == 0
    assert "too late" in result.skipped[0][1]


def test_a_b2b_mandate_goes_into_its_own_file(cluster, announced, member_org):
    Mandate.objects.filter(organisation=member_org).update(scheme=Mandate.Scheme.B2B)
    core = _export(cluster)
    assert core.transactions == 1
    assert "B2B mandate" in core.skipped[0][1]
    b2b = _export(cluster, scheme=Mandate.Scheme.B2B)
    assert b2b.transactions == 1
    document = etree.fromstring(b2b.xml)
    assert document.findtext(".//p:LclInstrm/p:Cd", namespaces=NS) == "B2B"


def test_a_collection_date_on_good_friday_is_refused_and_nothing_is_written(cluster, announced):
    with pytest.raises(ValidationError) as error:
        _export(cluster, day=date(2026, 4, 3))
    assert "Good Friday" in error.value.messages[0]
    assert "TARGET2" in error.value.messages[0]
    assert not DebitBatch.objects.exists()


def test_a_collection_date_too_soon_is_refused(cluster, announced):
    with pytest.raises(ValidationError, match="too soon"):
        _export(cluster, day=COLLECTION, at="2026-02-16 09:00")
    assert not DirectDebit.objects.exists()


def test_no_export_without_the_creditors_iban(cluster, announced):
    InvoiceSettings.objects.filter(cluster=cluster).update(iban="")
    with pytest.raises(ValidationError) as error:
        _export(cluster)
    assert "IBAN" in error.value.message_dict["iban"][0]
    assert not DebitBatch.objects.exists()


def test_collected_debits_are_settled_a_business_day_after_collection(cluster, announced):
    _export(cluster)
    with freeze_time("2026-02-16 12:00"):
        assert settle_collected_debits() == 0
    with freeze_time("2026-02-17 12:00"):
        assert settle_collected_debits() == 2
        assert settle_collected_debits() == 0
    first = Invoice.objects.get(pk=announced[0].pk)
    assert (first.status, first.paid_on) == (Invoice.Status.PAID, COLLECTION)
    record = PaymentRecord.objects.get(invoice=first)
    assert (record.method, record.amount) == ("direct_debit", Decimal("600.00"))


def test_the_collection_date_for_a_new_invoice_respects_notice_and_holidays(collecting, member_org):
    with freeze_time("2026-03-20 10:00"):
        invoice = fee_invoice(collecting.cluster, member_org)  # due 3 April, Good Friday
        assert collection_date_for(invoice) == date(2026, 4, 7)
    invoice.due_on = date(2026, 3, 21)
    assert collection_date_for(invoice, date(2026, 3, 20)) == date(2026, 4, 7)
