"""Fee invoices for the dunning and figures tests, issued directly through invoicing."""

from datetime import date
from decimal import Decimal

from freezegun import freeze_time

from knotenpunkt.directory.models import Membership
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.invoicing.services import Line, Party, create_invoice, issue_credit_note
from knotenpunkt.memberships.models import DebitBatch, DirectDebit, FeeCharge, Mandate
from tests.factories import MembershipFactory

YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def fee_invoice(
    cluster,
    organisation,
    *,
    amount="300.00",
    period=YEAR,
    issued_on=date(2026, 1, 15),
    due_on=date(2026, 3, 1),
    email="buchhaltung@nordlicht.example",
    vat_rate="0",
) -> Invoice:
    """A fee invoice of `organisation` in `cluster` for `period`, issued on `issued_on` and
    due on `due_on`."""
    membership = Membership.objects.filter(organisation=organisation, cluster=cluster).first()
    if membership is None:
        membership = MembershipFactory(organisation=organisation, cluster=cluster)
    with freeze_time(issued_on):
        invoice = create_invoice(
            None,
            cluster=cluster,
            buyer=Party(
                name=organisation.name,
                street="Holtenauer Straße 1",
                postcode="24105",
                city="Kiel",
                email=email,
            ),
            lines=[Line("Mitgliedsbeitrag", Decimal("1"), Decimal(amount), Decimal(vat_rate))],
            organisation=organisation,
            source=membership,
        )
    Invoice.objects.filter(pk=invoice.pk).update(
        due_on=due_on, period_start=period[0], period_end=period[1]
    )
    invoice.refresh_from_db()
    FeeCharge.objects.create(
        membership=membership,
        year=period[0].year,
        period_start=period[0],
        period_end=period[1],
        amount=Decimal(amount),
        invoice=invoice,
    )
    return invoice


def fee_credit_note(invoice: Invoice, amount, period, issued_on=date(2026, 7, 1)) -> Invoice:
    """A credit note on exit for part of the fee invoice's period, as a fee run issues it."""
    with freeze_time(issued_on):
        note = issue_credit_note(
            None,
            invoice,
            [Line("Gutschrift Austritt", Decimal("1"), Decimal(amount), Decimal("0"))],
            "Austritt",
            period=period,
        )
    charge = invoice.fee_charge
    FeeCharge.objects.create(
        membership=charge.membership,
        kind=FeeCharge.Kind.CREDIT,
        year=charge.year,
        period_start=period[0],
        period_end=period[1],
        amount=-Decimal(amount),
        invoice=note,
        credits=charge,
    )
    return note


def submitted_debit(invoice: Invoice, collection_date=date(2026, 3, 2)) -> DirectDebit:
    """A SEPA debit of `invoice`, submitted to the bank and not returned."""
    mandate = Mandate.objects.create(
        cluster=invoice.cluster,
        organisation=invoice.organisation,
        reference=f"M-{invoice.pk}",
        account_holder=invoice.buyer_name,
        iban="DE89370400440532013000",
        street="Holtenauer Straße 1",
        postcode="24105",
        city="Kiel",
        signed_on=date(2025, 12, 1),
        signed_by="Bob Brandt",
        source=Mandate.Source.PAPER,
    )
    batch = DebitBatch.objects.create(
        cluster=invoice.cluster,
        message_id=f"MSG-{invoice.pk}",
        collection_date=collection_date,
        transactions=1,
        total=invoice.gross_total,
        xml="<Document/>",
    )
    return DirectDebit.objects.create(
        batch=batch,
        invoice=invoice,
        mandate=mandate,
        end_to_end_id=f"E2E-{invoice.pk}",
        amount=invoice.gross_total,
        sequence_type="FRST",
    )
