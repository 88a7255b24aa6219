"""Returned direct debits (R-transactions): the debtor's bank gives a debit back.

A return reopens the fee invoice (if the debit had already been counted as paid), keeps
the ISO 20022 reason code with its German text and the cluster's return fee, and tells
the member what happened and what to do. Returns come from a CAMT.054 notification (or a
CAMT.053 statement) matched by the debit's end-to-end id, or are entered by staff.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Cluster
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.invoicing.services import reopen_invoice
from knotenpunkt.invoicing.services.camt import Payment, read_notifications
from knotenpunkt.memberships.models import (
    DebitReturn,
    DirectDebit,
    DirectDebitSettings,
    PaymentRecord,
)
from knotenpunkt.memberships.services.creditor import creditor_name
from knotenpunkt.memberships.services.prenotification import recipient
from knotenpunkt.outbox.services import queue_mail

MAIL_KIND = "memberships_debit_returned"

# The return reasons banks report most often (ISO 20022 ExternalReturnReason1Code).
REASONS = {
    "AC01": gettext_lazy("IBAN incorrect"),
    "AC04": gettext_lazy("Account closed"),
    "AC06": gettext_lazy("Account blocked"),
    "AC13": gettext_lazy("Debtor account is a consumer account (not allowed for B2B)"),
    "AG01": gettext_lazy("Direct debits not allowed on this account"),
    "AG02": gettext_lazy("Invalid operation code"),
    "AM04": gettext_lazy("Insufficient funds"),
    "AM05": gettext_lazy("Duplicate collection"),
    "BE05": gettext_lazy("Creditor identifier unknown to the bank"),
    "FF01": gettext_lazy("Invalid file format"),
    "MD01": gettext_lazy("No valid mandate"),
    "MD02": gettext_lazy("Mandate data missing or incorrect"),
    "MD06": gettext_lazy("Refund requested by the debtor"),
    "MD07": gettext_lazy("Debtor deceased"),
    "MS02": gettext_lazy("Refused by the debtor (no reason given)"),
    "MS03": gettext_lazy("Reason not specified by the bank"),
    "RC01": gettext_lazy("BIC incorrect"),
    "RR01": gettext_lazy("Regulatory reason: debtor account or identification missing"),
    "RR02": gettext_lazy("Regulatory reason: debtor name or address missing"),
    "RR03": gettext_lazy("Regulatory reason: creditor name or address missing"),
    "RR04": gettext_lazy("Regulatory reason"),
    "SL01": gettext_lazy("Specific service of the debtor's bank (e.g. a direct debit block)"),
}
_CODE = re.compile(r"[A-Z0-9]{4}")


def reason_text(code: str) -> str:
    return str(REASONS.get(code, _("Other reason (code %(code)s)") % {"code": code}))


def reason_choices() -> list[tuple[str, str]]:
    return [(code, f"{code} – {text}") for code, text in REASONS.items()]


@transaction.atomic
def record_return(
    actor,
    debit: DirectDebit,
    reason_code: str,
    returned_on: date,
    source: str = DebitReturn.Source.MANUAL,
) -> DebitReturn:
    """The bank returned `debit`: record it with its reason and the cluster's return fee,
    reopen the invoice if it was counted paid, and mail the member."""
    debit = DirectDebit.objects.select_for_update().select_related("batch").get(pk=debit.pk)
    code = (reason_code or "").strip().upper()
    if not _CODE.fullmatch(code):
        raise ValidationError({"reason_code": _("Reason code: four letters or digits, e.g. AM04.")})
    if returned_on is None or returned_on > timezone.localdate():
        raise ValidationError({"returned_on": _("Returned on: the date cannot lie in the future.")})
    if returned_on < debit.batch.created_at.date():
        raise ValidationError(
            {"returned_on": _("Returned on: the date lies before the debit was submitted.")}
        )
    if debit.status == DirectDebit.Status.RETURNED:
        raise ValidationError(
            _("The return of the debit %(id)s has been recorded already."),
            params={"id": debit.end_to_end_id},
        )
    cluster = debit.batch.cluster
    debit_settings = DirectDebitSettings.objects.filter(cluster=cluster).first()
    fee = debit_settings.return_fee if debit_settings else 0
    entry = DebitReturn.objects.create(
        debit=debit,
        reason_code=code,
        returned_on=returned_on,
        fee=fee,
        source=source,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    debit.status = DirectDebit.Status.RETURNED
    debit.save(update_fields=["status"])
    text = reason_text(code)
    invoice = Invoice.objects.get(pk=debit.invoice_id)
    if invoice.status == Invoice.Status.PAID:
        reopen_invoice(
            actor,
            invoice,
            _("Direct debit returned: %(code)s %(text)s") % {"code": code, "text": text},
        )
        # The payment counted on settlement did not happen after all.
        PaymentRecord.objects.create(
            invoice=invoice,
            method=PaymentRecord.Method.DIRECT_DEBIT,
            amount=-debit.amount,
            paid_on=returned_on,
            note=_("Direct debit returned (%(code)s)") % {"code": code},
            recorded_by=entry.recorded_by,
        )
        invoice.refresh_from_db()
    log_action(
        actor,
        "memberships.debit.returned",
        invoice,
        end_to_end_id=debit.end_to_end_id,
        reason_code=code,
        reason=text,
        returned_on=returned_on.isoformat(),
        fee=str(fee),
        source=source,
    )
    to = recipient(invoice)
    if to:
        queue_mail(
            MAIL_KIND,
            to,
            {
                "invoice": invoice,
                "reason_code": code,
                "reason_text": text,
                "returned_on": returned_on,
                "amount": debit.amount,
                "fee": fee,
                "open_amount": debit.amount + fee,
                "creditor_name": creditor_name(cluster, debit_settings),
            },
        )
    return entry


@dataclass
class ReturnImport:
    recorded: list[DebitReturn] = field(default_factory=list)
    # Returns in the file that match no submitted debit of the cluster, with the reason.
    unknown: list[tuple[Payment, str]] = field(default_factory=list)
    entries: int = 0

    def counts(self) -> dict:
        return {
            "entries": self.entries,
            "returns": len(self.recorded),
            "unknown": len(self.unknown),
        }


def import_returns(actor, cluster: Cluster, content: bytes) -> ReturnImport:
    """Record every returned debit of a CAMT.054 notification (or CAMT.053 statement):
    debit entries with a return reason, matched to the cluster's debits by end-to-end id.
    Those that match nothing are listed, not guessed."""
    result = ReturnImport()
    for payment in read_notifications(content):
        if not payment.return_reason or payment.credit:
            continue
        result.entries += 1
        debits = DirectDebit.objects.filter(
            batch__cluster=cluster, end_to_end_id=payment.end_to_end_id
        ).order_by("-pk")
        debit = next((d for d in debits if d.status == DirectDebit.Status.SUBMITTED), None)
        if not payment.end_to_end_id or not debits:
            result.unknown.append((payment, _("No direct debit of this cluster.")))
            continue
        if debit is None:
            result.unknown.append((payment, _("Return already recorded.")))
            continue
        returned_on = min(payment.booked_on or timezone.localdate(), timezone.localdate())
        try:
            result.recorded.append(
                record_return(
                    actor,
                    debit,
                    payment.return_reason,
                    returned_on,
                    DebitReturn.Source.STATEMENT,
                )
            )
        except ValidationError as error:
            result.unknown.append((payment, " ".join(error.messages)))
    return result
