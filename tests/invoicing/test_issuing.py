from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.invoicing.models import Invoice, InvoiceLine, InvoiceSettings
from knotenpunkt.invoicing.services import (
    Line,
    Party,
    cancel_invoice,
    create_invoice,
    invoice_for,
    mark_paid,
)
from tests.factories import ClusterFactory, InvoiceSettingsFactory, OrganisationFactory

YEAR = timezone.localdate().year


def test_first_invoice_of_the_year_gets_number_one(issue):
    assert issue().number == f"DIWISH-{YEAR}-00001"


def test_numbers_follow_each_other_without_gaps(issue):
    numbers = [issue().sequence_number for _ in range(5)]
    assert numbers == [1, 2, 3, 4, 5]


def test_cancellation_invoice_takes_the_next_number(issue, alice):
    original = issue()
    cancellation = cancel_invoice(alice, original, "Anmeldung storniert")
    later = issue()
    assert [original.sequence_number, cancellation.sequence_number, later.sequence_number] == [
        1,
        2,
        3,
    ]


def test_each_cluster_counts_its_own_numbers(issue):
    other = InvoiceSettingsFactory(number_prefix="LOGI")
    issue()
    assert issue(cluster=other.cluster).number == f"LOGI-{YEAR}-00001"


def test_prefix_defaults_to_the_cluster_slug(issue, seller):
    InvoiceSettings.objects.filter(pk=seller.pk).update(number_prefix="")
    assert issue().number == f"DIWISH-{YEAR}-00001"


def test_failed_invoice_gives_its_number_back(issue):
    issue()
    with pytest.raises(ValidationError):
        issue(lines=[Line("", Decimal("1"), Decimal("5"), Decimal("19"))])
    assert issue().sequence_number == 2


def test_totals_add_net_and_vat_per_rate(issue):
    invoice = issue(
        lines=[
            Line("Ticket", Decimal("2"), Decimal("49.99"), Decimal("19")),
            Line("Catering", Decimal("3"), Decimal("12.50"), Decimal("7")),
        ]
    )
    # 99.98 × 19 % = 18.9962 → 19.00; 37.50 × 7 % = 2.625 → 2.63
    assert (invoice.net_total, invoice.vat_total, invoice.gross_total) == (
        Decimal("137.48"),
        Decimal("21.63"),
        Decimal("159.11"),
    )


def test_vat_is_rounded_once_per_rate_not_per_line(issue):
    # Three lines of 0.35 € at 19 %: per line 0.0665 → 0.07 each (0.21), per rate
    # 1.05 × 19 % = 0.1995 → 0.20 as EN 16931 wants.
    invoice = issue(lines=[Line("Kaffee", Decimal("1"), Decimal("0.35"), Decimal("19"))] * 3)
    assert invoice.vat_total == Decimal("0.20")


def test_line_amount_is_rounded_half_up_to_cents(issue):
    invoice = issue(lines=[Line("Workshop", Decimal("3"), Decimal("0.3350"), Decimal("19"))])
    assert invoice.lines.get().net_amount == Decimal("1.01")


def test_vat_breakdown_lists_each_rate(issue):
    invoice = issue(
        lines=[
            Line("Ticket", Decimal("1"), Decimal("100"), Decimal("19")),
            Line("Buch", Decimal("1"), Decimal("20"), Decimal("7")),
            Line("Spende", Decimal("1"), Decimal("10"), Decimal("0")),
        ]
    )
    assert [(g.rate, g.net, g.vat) for g in invoice.vat_breakdown()] == [
        (Decimal("19.00"), Decimal("100.00"), Decimal("19.00")),
        (Decimal("7.00"), Decimal("20.00"), Decimal("1.40")),
        (Decimal("0.00"), Decimal("10.00"), Decimal("0.00")),
    ]


def test_buyer_data_on_the_invoice_stays_when_the_organisation_moves(issue):
    organisation = OrganisationFactory(name="Nordlicht Software GmbH", city="Kiel")
    invoice = issue(organisation=organisation)
    organisation.name, organisation.city = "Nordlicht AG", "Lübeck"
    organisation.save()
    invoice.refresh_from_db()
    assert (invoice.buyer_name, invoice.buyer_city) == ("Nordlicht Software GmbH", "Kiel")


def test_seller_data_is_copied_from_cluster_and_settings(issue, seller):
    invoice = issue()
    assert invoice.seller_name == seller.legal_name
    assert invoice.seller_vat_id == "DE136695976"
    assert invoice.seller_iban == "DE89370400440532013000"
    assert invoice.seller_city == "Kiel"


def test_due_date_follows_the_payment_term(issue):
    invoice = issue()
    assert invoice.due_on == invoice.issued_on + timedelta(days=14)


def test_cluster_without_tax_number_cannot_issue_invoices(db, buyer, ticket_line):
    cluster = ClusterFactory(street="Weg 1", postcode="24103", city="Kiel")
    with pytest.raises(ValidationError, match="VAT ID or tax number"):
        create_invoice(None, cluster=cluster, buyer=buyer, lines=[ticket_line])


def test_invoice_without_lines_is_refused(issue):
    with pytest.raises(ValidationError, match="at least one line"):
        issue(lines=[])


def test_negative_unit_price_is_refused(issue):
    with pytest.raises(ValidationError, match="negative"):
        issue(lines=[Line("Rabatt", Decimal("1"), Decimal("-5"), Decimal("19"))])


def test_invoice_is_found_by_its_source(issue, member_org):
    invoice = issue(source=member_org)
    assert invoice_for(member_org) == invoice


def test_cancelled_invoice_is_no_longer_found_by_its_source(issue, member_org, alice):
    cancel_invoice(alice, issue(source=member_org), "storniert")
    assert invoice_for(member_org) is None


def test_cancellation_negates_every_amount(issue, alice):
    original = issue(
        lines=[
            Line("Ticket", Decimal("2"), Decimal("49.99"), Decimal("19")),
            Line("Catering", Decimal("1"), Decimal("12.50"), Decimal("7")),
        ]
    )
    cancellation = cancel_invoice(alice, original, "Veranstaltung abgesagt")
    assert (cancellation.net_total, cancellation.vat_total, cancellation.gross_total) == (
        -original.net_total,
        -original.vat_total,
        -original.gross_total,
    )
    assert [line.quantity for line in cancellation.lines.all()] == [Decimal("-2"), Decimal("-1")]


def test_cancellation_references_and_marks_the_original(issue, alice):
    original = issue()
    cancellation = cancel_invoice(alice, original, "Veranstaltung abgesagt")
    original.refresh_from_db()
    assert cancellation.cancels == original
    assert cancellation.kind == Invoice.Kind.CANCELLATION
    assert original.status == Invoice.Status.CANCELLED


def test_cancelling_keeps_the_original_and_its_lines(issue, alice):
    original = issue()
    cancel_invoice(alice, original, "storniert")
    assert Invoice.objects.count() == 2
    assert InvoiceLine.objects.filter(invoice=original).count() == 1


def test_invoice_cannot_be_cancelled_twice(issue, alice):
    original = issue()
    cancel_invoice(alice, original, "storniert")
    with pytest.raises(ValidationError, match="cancelled already"):
        cancel_invoice(alice, original, "noch einmal")


def test_cancellation_invoice_cannot_be_cancelled(issue, alice):
    cancellation = cancel_invoice(alice, issue(), "storniert")
    with pytest.raises(ValidationError):
        cancel_invoice(alice, cancellation, "zurück")


def test_cancellation_needs_a_reason(issue, alice):
    with pytest.raises(ValidationError, match="reason"):
        cancel_invoice(alice, issue(), "  ")


def test_paid_invoice_can_still_be_cancelled(issue, alice):
    original = mark_paid(alice, issue(), timezone.localdate())
    cancel_invoice(alice, original, "Rückerstattung")
    original.refresh_from_db()
    assert original.status == Invoice.Status.CANCELLED


def test_mark_paid_records_the_date(issue, alice):
    invoice = mark_paid(alice, issue(), timezone.localdate())
    assert invoice.status == Invoice.Status.PAID
    assert invoice.paid_on == timezone.localdate()


def test_payment_in_the_future_is_refused(issue, alice):
    with pytest.raises(ValidationError, match="future"):
        mark_paid(alice, issue(), timezone.localdate() + timedelta(days=1))


def test_cancelled_invoice_cannot_be_marked_paid(issue, alice):
    original = issue()
    cancel_invoice(alice, original, "storniert")
    with pytest.raises(ValidationError):
        mark_paid(alice, original, timezone.localdate())


def test_issuing_cancelling_and_paying_are_audited(issue, alice):
    invoice = issue(alice)
    mark_paid(alice, invoice, timezone.localdate())
    cancel_invoice(alice, invoice, "storniert")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "invoicing.invoice.issued",
        "invoicing.invoice.paid",
        "invoicing.invoice.cancelled",
    } <= actions


def test_invalid_iban_is_refused_in_the_settings(seller):
    seller.iban = "DE89370400440532013001"
    with pytest.raises(ValidationError) as error:
        seller.full_clean()
    assert "iban" in error.value.message_dict


def test_foreign_buyer_gets_its_country_code(issue):
    buyer = Party("Kopenhagen ApS", "Vesterbrogade 1", "1620", "København", country="dk")
    assert issue(buyer=buyer).buyer_country == "DK"


# --- XRechnung: issued only when it meets the German rules (KoSIT) -------------------------

KIEL = {
    "name": "Landeshauptstadt Kiel",
    "street": "Fleethörn 9",
    "postcode": "24103",
    "city": "Kiel",
    "email": "e-rechnung@kiel.example",
    "leitweg_id": "991-33333TEST-33",
}


@pytest.fixture
def seller_with_phone(seller):
    seller.cluster.phone = "+49 431 987650"
    seller.cluster.save()
    return seller


def _refusal(issue, **buyer) -> list[str]:
    """The messages of a refused XRechnung; fails when one is issued."""
    with pytest.raises(ValidationError) as refused:
        issue(buyer=Party(**{**KIEL, **buyer}))
    return refused.value.messages


@pytest.mark.parametrize(
    ("missing", "rule"),
    [({"postcode": ""}, "BR-DE-9"), ({"city": " "}, "BR-DE-8"), ({"email": ""}, "R010")],
)
def test_xrechnung_without_buyer_address_or_electronic_address_is_refused(
    issue, seller_with_phone, missing, rule
):
    messages = _refusal(issue, **missing)
    assert "No XRechnung was issued to Landeshauptstadt Kiel" in messages[0]
    assert [m for m in messages if rule in m]
    assert not Invoice.objects.exists()


def test_xrechnung_with_wrong_leitweg_check_digits_is_refused(issue, seller_with_phone):
    messages = _refusal(issue, leitweg_id="991-33333TEST-34")
    assert any("991-33333TEST-34 is not valid" in m for m in messages)
    assert not Invoice.objects.exists()


def test_xrechnung_without_seller_phone_is_refused(issue, seller):
    messages = _refusal(issue)
    assert any("phone number is missing (BR-DE-6)" in m for m in messages)


def test_xrechnung_refusal_names_everything_that_is_missing(issue, seller):
    messages = _refusal(issue, postcode="", city="", email="", leitweg_id="04011000-12345-00")
    for rule in ("BR-DE-15", "BR-DE-9", "BR-DE-8", "PEPPOL-EN16931-R010", "BR-DE-6"):
        assert any(rule in m for m in messages), rule


def test_refused_xrechnung_leaves_no_gap_in_the_numbers(issue, seller_with_phone):
    assert issue().sequence_number == 1
    _refusal(issue, email="")
    assert issue(buyer=Party(**KIEL)).sequence_number == 2


def test_complete_xrechnung_is_issued(issue, seller_with_phone):
    invoice = issue(buyer=Party(**KIEL))
    assert invoice.is_xrechnung
    assert invoice.buyer_leitweg_id == "991-33333TEST-33"


def test_invoice_without_leitweg_id_needs_no_buyer_address(issue, seller):
    # A private person's ticket: an EN 16931 invoice, no XRechnung rules apply.
    invoice = issue(buyer=Party("Erika Mustermann", "", "", ""))
    assert not invoice.is_xrechnung


def test_cancellation_of_an_incomplete_old_xrechnung_is_refused(issue, seller_with_phone, alice):
    original = issue(buyer=Party(**KIEL))
    # An XRechnung issued before the rules were checked, without the buyer's address.
    Invoice.objects.filter(pk=original.pk).update(buyer_email="")
    original.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        cancel_invoice(alice, original, "Doppelt")
    assert any("R010" in m for m in refused.value.messages)
    original.refresh_from_db()
    assert original.status == Invoice.Status.ISSUED
    assert Invoice.objects.count() == 1
