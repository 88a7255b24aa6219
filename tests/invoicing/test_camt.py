import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.invoicing.services.payment_reference import rf_reference
from knotenpunkt.invoicing.services.statement_import import import_statement
from tests.invoicing.samples.camt import Entry, statement, zipped

IMPORT = reverse("invoicing:statement_import")
VERSIONS = ["02", "08"]
NO_STATEMENT = (
    b'<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'
    b"<BkToCstmrStmt><GrpHdr><MsgId>1</MsgId></GrpHdr></BkToCstmrStmt></Document>"
)


def _status(invoice) -> str:
    invoice.refresh_from_db()
    return invoice.status


def _only(result):
    assert len(result.payments) == 1
    return result.payments[0]


@pytest.mark.parametrize("version", VERSIONS)
def test_transfer_naming_the_invoice_marks_it_paid(issue, cluster, version):
    invoice = issue()
    result = import_statement(
        None, [cluster], statement(version, Entry(ustrd=f"RE {invoice.number} Danke"))
    )
    assert _status(invoice) == Invoice.Status.PAID
    assert invoice.paid_on == timezone.localdate()
    assert result.paid == [invoice]
    assert result.counts() == {"entries": 1, "matched": 1, "unmatched": 0, "ignored": 0}


@pytest.mark.parametrize("version", VERSIONS)
def test_a_chf_payment_does_not_mark_a_eur_invoice_paid(issue, cluster, version):
    invoice = issue()
    result = import_statement(
        None, [cluster], statement(version, Entry(currency="CHF", ustrd=invoice.number))
    )
    assert _status(invoice) == Invoice.Status.ISSUED
    payment = _only(result)
    assert (payment.outcome, payment.reason, payment.detail) == (
        "ignored",
        "other_currency",
        "CHF",
    )


@pytest.mark.parametrize("version", VERSIONS)
def test_a_pending_entry_does_not_mark_the_invoice_paid(issue, cluster, version):
    invoice = issue()
    result = import_statement(
        None, [cluster], statement(version, Entry(status="PDNG", ustrd=invoice.number))
    )
    assert _status(invoice) == Invoice.Status.ISSUED
    payment = _only(result)
    assert (payment.outcome, payment.reason) == ("ignored", "pending")
    assert "PDNG" in payment.reason_text


@pytest.mark.parametrize("version", VERSIONS)
def test_the_invoice_number_in_the_structured_creditor_reference_is_found(issue, cluster, version):
    invoice = issue()
    entry = Entry(creditor_reference=invoice.number, ustrd=None)
    import_statement(None, [cluster], statement(version, entry))
    assert _status(invoice) == Invoice.Status.PAID


@pytest.mark.parametrize("version", VERSIONS)
def test_an_rf_creditor_reference_is_mapped_to_the_invoice_number(issue, cluster, version):
    invoice = issue()
    reference = rf_reference(invoice.number)
    assert reference == "RF" + reference[2:4] + invoice.number.replace("-", "")
    import_statement(None, [cluster], statement(version, Entry(creditor_reference=reference)))
    assert _status(invoice) == Invoice.Status.PAID


def test_an_rf_reference_written_in_groups_in_the_remittance_text_is_found(issue, cluster):
    invoice = issue()
    reference = rf_reference(invoice.number)
    grouped = " ".join(reference[i : i + 4] for i in range(0, len(reference), 4))
    import_statement(None, [cluster], statement("02", Entry(ustrd=f"Zahlung {grouped} danke")))
    assert _status(invoice) == Invoice.Status.PAID


def test_an_rf_reference_with_wrong_check_digits_is_not_applied(issue, cluster):
    invoice = issue()
    reference = rf_reference(invoice.number)
    wrong = reference[:2] + f"{(int(reference[2:4]) + 1) % 100:02d}" + reference[4:]
    result = import_statement(None, [cluster], statement("08", Entry(creditor_reference=wrong)))
    assert _status(invoice) == Invoice.Status.ISSUED
    assert (_only(result).outcome, _only(result).reason) == ("unmatched", "no_reference")


@pytest.mark.parametrize("version", VERSIONS)
def test_the_invoice_number_in_the_additional_entry_information_is_found(issue, cluster, version):
    invoice = issue()
    entry = Entry(ustrd=None, additional=f"SEPA-GUTSCHRIFT SVWZ+RE {invoice.number} ABWA+")
    import_statement(None, [cluster], statement(version, entry))
    assert _status(invoice) == Invoice.Status.PAID


@pytest.mark.parametrize("version", VERSIONS)
def test_an_entry_without_booking_date_is_listed_with_its_reason(issue, cluster, version):
    invoice = issue()
    result = import_statement(
        None, [cluster], statement(version, Entry(booked=None, ustrd=invoice.number))
    )
    assert _status(invoice) == Invoice.Status.ISSUED
    payment = _only(result)
    assert (payment.outcome, payment.reason) == ("ignored", "no_booking_date")
    assert payment.amount == Decimal("119.00")


def test_a_file_without_a_statement_is_refused_with_a_clear_message(db):
    with pytest.raises(ValidationError, match="no account statement"):
        import_statement(None, [], NO_STATEMENT)


def test_a_file_that_is_no_statement_is_refused(db):
    with pytest.raises(ValidationError, match="not a readable XML"):
        import_statement(None, [], b"<html>kein Kontoauszug")


def test_an_intraday_report_is_refused_naming_camt_052(db):
    report = statement("02").replace(b"BkToCstmrStmt", b"BkToCstmrAcctRpt")
    with pytest.raises(ValidationError, match="CAMT.052"):
        import_statement(None, [], report)


def test_a_zip_with_several_statements_is_read_whole(issue, cluster):
    first, second = issue(), issue()
    archive = zipped(
        ("2026-03-02_camt053.xml", statement("02", Entry(ustrd=first.number))),
        ("2026-03-03_camt053.xml", statement("08", Entry(ustrd=second.number), statement_id="2")),
        ("Kontoauszug.pdf", b"%PDF-1.4 not read"),
    )
    result = import_statement(None, [cluster], archive)
    assert result.statements == 2
    assert (_status(first), _status(second)) == (Invoice.Status.PAID, Invoice.Status.PAID)


def test_a_damaged_zip_is_refused_with_the_advice_to_unzip(db):
    archive = zipped(("a.xml", statement("02")))
    with pytest.raises(ValidationError, match="unzip"):
        import_statement(None, [], archive[: len(archive) // 2])


def test_a_zip_without_xml_files_is_refused(db):
    with pytest.raises(ValidationError, match="no XML file"):
        import_statement(None, [], zipped(("auszug.pdf", b"%PDF-1.4")))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(db, settings):
    settings.MAX_BANK_STATEMENT_UPLOAD_BYTES = 100_000
    archive = zipped(("bomb.xml", b"<a>" + b" " * 5_000_000 + b"</a>"))
    assert len(archive) < 100_000
    with pytest.raises(ValidationError, match="unpacks to"):
        import_statement(None, [], archive)


def test_a_zip_of_many_statements_beyond_the_unpacked_limit_is_refused(db, settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 5_000
    days = [(f"tag-{i}.xml", statement("02", statement_id=str(i))) for i in range(8)]
    with pytest.raises(ValidationError, match="fewer statements"):
        import_statement(None, [], zipped(*days))


def test_a_statement_inside_a_zip_that_is_not_camt_053_is_named(db):
    archive = zipped(("notiz.xml", b"<notiz/>"))
    with pytest.raises(ValidationError, match="notiz.xml"):
        import_statement(None, [], archive)


def test_a_partial_payment_is_listed_with_the_invoice_total(issue, cluster):
    invoice = issue()
    result = import_statement(
        None, [cluster], statement("02", Entry(amount="100.00", ustrd=invoice.number))
    )
    assert _status(invoice) == Invoice.Status.ISSUED
    payment = _only(result)
    assert (payment.outcome, payment.reason) == ("unmatched", "amount_differs")
    assert "119,00 EUR" in payment.reason_text


def test_debit_entries_are_ignored(issue, cluster):
    invoice = issue()
    result = import_statement(
        None, [cluster], statement("02", Entry(indicator="DBIT", ustrd=invoice.number))
    )
    assert _status(invoice) == Invoice.Status.ISSUED
    assert (_only(result).outcome, _only(result).reason) == ("ignored", "debit")


def test_a_reversed_credit_is_ignored(issue, cluster):
    invoice = issue()
    result = import_statement(
        None, [cluster], statement("08", Entry(reversal=True, ustrd=invoice.number))
    )
    assert _status(invoice) == Invoice.Status.ISSUED
    assert _only(result).reason == "reversal"


def test_invoices_of_other_clusters_are_not_touched(issue, other_cluster):
    invoice = issue()
    result = import_statement(None, [other_cluster], statement("02", Entry(ustrd=invoice.number)))
    assert _status(invoice) == Invoice.Status.ISSUED
    assert (_only(result).outcome, _only(result).reason) == ("unmatched", "no_invoice")


def test_a_transfer_without_any_invoice_number_is_unmatched(cluster, seller):
    result = import_statement(None, [cluster], statement("02", Entry(ustrd="Spende")))
    assert (_only(result).outcome, _only(result).reason) == ("unmatched", "no_reference")


def test_importing_the_same_statement_twice_pays_once(issue, cluster):
    invoice = issue()
    content = statement("02", Entry(ustrd=invoice.number))
    import_statement(None, [cluster], content)
    again = import_statement(None, [cluster], content)
    assert (_only(again).outcome, _only(again).reason) == ("unmatched", "not_open")


def test_two_entries_for_one_invoice_pay_it_once(issue, cluster):
    invoice = issue()
    result = import_statement(
        None,
        [cluster],
        statement("02", Entry(ustrd=invoice.number), Entry(ustrd=invoice.number)),
    )
    assert [p.reason for p in result.payments] == ["paid", "paid_in_file"]


def test_a_batch_entry_pays_each_invoice_it_lists(issue, cluster):
    first, second = issue(), issue()
    entry = Entry(transactions=[("119.00", first.number), ("119.00", second.number)])
    result = import_statement(None, [cluster], statement("08", entry))
    assert result.counts()["matched"] == 2
    assert (_status(first), _status(second)) == (Invoice.Status.PAID, Invoice.Status.PAID)


def test_a_payment_booked_before_the_invoice_date_is_refused_with_the_reason(issue, cluster):
    invoice = issue()
    booked = timezone.localdate() - timedelta(days=1)
    result = import_statement(
        None, [cluster], statement("02", Entry(booked=booked, ustrd=invoice.number))
    )
    assert _status(invoice) == Invoice.Status.ISSUED
    assert (_only(result).outcome, _only(result).reason) == ("unmatched", "refused")
    assert "invoice date" in _only(result).reason_text


def test_a_dry_run_changes_nothing_and_says_what_would_happen(issue, cluster):
    invoice = issue()
    result = import_statement(
        None, [cluster], statement("02", Entry(ustrd=invoice.number)), dry_run=True
    )
    assert _status(invoice) == Invoice.Status.ISSUED
    assert (_only(result).outcome, _only(result).reason) == ("matched", "would_pay")


# --- the command ----------------------------------------------------------------------


def _run(*args) -> list[str]:
    from io import StringIO

    out = StringIO()
    call_command("camt_import", *args, stdout=out)
    return out.getvalue().splitlines()


def _mixed_statement(tmp_path, invoice) -> str:
    path = tmp_path / "auszug.xml"
    path.write_bytes(
        statement(
            "08",
            Entry(ustrd=f"RE {invoice.number}"),
            Entry(indicator="DBIT", ustrd="Miete"),
            Entry(status="PDNG", ustrd="vorgemerkt"),
            Entry(amount="50.00", ustrd="Spende"),
        )
    )
    return str(path)


def test_the_command_lists_every_entry_and_ends_with_the_json_summary(issue, cluster, tmp_path):
    invoice = issue()
    lines = _run(_mixed_statement(tmp_path, invoice), "--cluster", cluster.slug)
    assert json.loads(lines[-1]) == {"entries": 4, "matched": 1, "unmatched": 1, "ignored": 2}
    assert len(lines) == 5
    assert invoice.number in lines[0] and "Miete" in lines[1]
    assert _status(invoice) == Invoice.Status.PAID


def test_the_command_with_dry_run_applies_nothing(issue, cluster, tmp_path):
    invoice = issue()
    lines = _run(_mixed_statement(tmp_path, invoice), "--cluster", cluster.slug, "--dry-run")
    assert json.loads(lines[-1])["matched"] == 1
    assert _status(invoice) == Invoice.Status.ISSUED


def test_the_command_refuses_an_unknown_cluster(db, tmp_path):
    path = tmp_path / "auszug.xml"
    path.write_bytes(statement("02"))
    with pytest.raises(CommandError, match="nirgendwo"):
        _run(str(path), "--cluster", "nirgendwo")


def test_the_command_refuses_a_missing_file(cluster, tmp_path):
    with pytest.raises(CommandError, match="not found"):
        _run(str(tmp_path / "fehlt.xml"), "--cluster", cluster.slug)


def test_the_command_names_what_is_wrong_with_the_file(cluster, tmp_path):
    path = tmp_path / "auszug.zip"
    path.write_bytes(b"PK\x03\x04 kaputt")
    with pytest.raises(CommandError, match="unzip"):
        _run(str(path), "--cluster", cluster.slug)


# --- the upload page ------------------------------------------------------------------


def test_staff_upload_a_statement(client_for, alice, issue):
    invoice = issue()
    upload = SimpleUploadedFile("auszug.xml", statement("02", Entry(ustrd=invoice.number)))
    response = client_for(alice).post(IMPORT, {"statement": upload})
    assert invoice.number in response.content.decode()
    assert _status(invoice) == Invoice.Status.PAID


def test_the_upload_page_lists_entries_not_applied_with_their_reasons(client_for, alice, issue):
    invoice = issue()
    content = statement(
        "08",
        Entry(currency="CHF", ustrd=invoice.number, payer="Alpenblick AG"),
        Entry(booked=None, ustrd="ohne Datum", payer="Ohne Datum GmbH"),
    )
    upload = SimpleUploadedFile("auszug.zip", zipped(("auszug.xml", content)))
    page = client_for(alice).post(IMPORT, {"statement": upload}).content.decode()
    assert "Alpenblick AG" in page and "Other currency than the account: CHF" in page
    assert "Ohne Datum GmbH" in page and "No booking date" in page
    assert _status(invoice) == Invoice.Status.ISSUED


def test_the_upload_page_checks_without_changing_when_asked(client_for, alice, issue):
    invoice = issue()
    upload = SimpleUploadedFile("auszug.xml", statement("02", Entry(ustrd=invoice.number)))
    page = client_for(alice).post(IMPORT, {"statement": upload, "dry_run": "on"})
    assert "nothing was changed" in page.content.decode()
    assert _status(invoice) == Invoice.Status.ISSUED


def test_broken_upload_gives_a_form_error(client_for, alice, seller):
    upload = SimpleUploadedFile("auszug.xml", b"\x00\x01 kaputt")
    response = client_for(alice).post(IMPORT, {"statement": upload})
    assert response.status_code == 400
    assert response.context["form"].errors["statement"]


def test_a_file_without_a_statement_is_refused_on_the_page(client_for, alice, seller):
    upload = SimpleUploadedFile("auszug.xml", NO_STATEMENT)
    response = client_for(alice).post(IMPORT, {"statement": upload})
    assert response.status_code == 400
    assert "no account statement" in str(response.context["form"].errors["statement"])


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
def test_non_staff_may_not_import_statements(client_for, persona, request):
    assert client_for(request.getfixturevalue(persona)).get(IMPORT).status_code == 403
