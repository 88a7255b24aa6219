"""The fee invoice's mail: the PDF (and XRechnung/ZUGFeRD data) to the organisation."""

import logging

from django.db import transaction
from django.utils import timezone

from knotenpunkt.invoicing.services.documents import invoice_attachments
from knotenpunkt.memberships.models import FeeCharge
from knotenpunkt.memberships.services.mandates import active_mandate
from knotenpunkt.memberships.services.prenotification import collection_date_for, pre_notify
from knotenpunkt.outbox.services import queue_mail

log = logging.getLogger(__name__)


def mail_fee_invoice(charge: FeeCharge) -> bool:
    """Queue the invoice mail of one charge, once; False when there is no address."""
    invoice = charge.invoice
    if not invoice.buyer_email:
        log.warning("Fee invoice %s has no address to go to", invoice.number)
        return False
    with transaction.atomic():
        charge = FeeCharge.objects.select_for_update().get(pk=charge.pk)
        if charge.mailed_at is not None:
            return False
        queue_mail(
            "memberships_fee_invoice",
            invoice.buyer_email,
            {"invoice": invoice, "charge": charge, "cluster": invoice.cluster},
            attachments=invoice_attachments(invoice),
        )
        charge.mailed_at = timezone.now()
        charge.save(update_fields=["mailed_at"])
        _announce_debit(charge)
    return True


def _announce_debit(charge: FeeCharge) -> None:
    """A member with a SEPA mandate learns with the invoice when the fee is debited (the
    pre-notification); only then may the export collect it."""
    invoice = charge.invoice
    if invoice.is_credit_note or not charge.run or not charge.run.schedule.accepts_direct_debit:
        return
    mandate = active_mandate(invoice.organisation, invoice.cluster)
    if mandate is not None:
        pre_notify(invoice, mandate, collection_date_for(invoice))


def mail_run_invoices(run_id: int) -> int:
    """Send every invoice of the run that has not gone out yet; returns how many went."""
    charges = (
        FeeCharge.objects.filter(run_id=run_id, invoice__isnull=False, mailed_at__isnull=True)
        .select_related("invoice", "invoice__cluster", "invoice__organisation", "run__schedule")
        .order_by("pk")
    )
    return sum(mail_fee_invoice(charge) for charge in charges)
