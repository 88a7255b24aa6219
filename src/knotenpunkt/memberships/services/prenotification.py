"""Pre-notification (Vorabankündigung): before a fee is debited, the member learns the
amount, the collection date, the mandate reference and the creditor identifier.

The period between the mail and the debit is SEPA_PRE_NOTIFICATION_DAYS (14 by default,
as the SEPA rulebook sets it unless agreed otherwise). The export collects an invoice
only when such a notice went out in time for the collection date it asks for.
"""

from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.memberships.models import Mandate, PreNotification
from knotenpunkt.memberships.services.creditor import creditor_name, creditor_settings
from knotenpunkt.memberships.services.target2 import earliest_collection_date, next_business_day
from knotenpunkt.outbox.services import queue_mail

MAIL_KIND = "memberships_pre_notification"


def collection_date_for(invoice: Invoice, today: date | None = None) -> date:
    """The date a debit of `invoice` announced today can be collected: its due date, or
    today plus the pre-notification period if that is later, moved to a TARGET2 business
    day at the bank's lead time."""
    today = today or timezone.localdate()
    earliest = today + timedelta(days=settings.SEPA_PRE_NOTIFICATION_DAYS)
    wanted = max(invoice.due_on, earliest, earliest_collection_date(today))
    return next_business_day(wanted)


def recipient(invoice: Invoice) -> str:
    """Where the notice goes: the invoice's e-mail, else the organisation's."""
    if invoice.buyer_email:
        return invoice.buyer_email
    organisation = invoice.organisation
    return organisation.email if organisation is not None else ""


def pre_notify(
    invoice: Invoice, mandate: Mandate, collection_date: date, today: date | None = None
) -> PreNotification | None:
    """Mail the announcement of the debit of `invoice` under `mandate` on
    `collection_date`, and record that it was sent today. None when there is no address
    to send it to: then the invoice is not debited (the export lists it)."""
    today = today or timezone.localdate()
    debit_settings = creditor_settings(invoice.cluster)
    to = recipient(invoice)
    if not to:
        return None
    queue_mail(
        MAIL_KIND,
        to,
        {
            "invoice": invoice,
            "mandate": mandate,
            "amount": invoice.amount_due,
            "collection_date": collection_date,
            "creditor_id": debit_settings.creditor_id,
            "creditor_name": creditor_name(invoice.cluster, debit_settings),
            "iban_end": mandate.iban[-4:],
        },
    )
    return PreNotification.objects.create(
        invoice=invoice,
        mandate=mandate,
        amount=invoice.amount_due,
        collection_date=collection_date,
        sent_on=today,
    )
