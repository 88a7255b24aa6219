"""The SEPA direct debit file (pain.008.001.08) for a cluster's open fee invoices.

One export collects every open fee invoice of the cluster that is due by the collection
date, has an active mandate of the export's scheme, was pre-notified in time and is not
collected by an earlier file. German banks take CORE and B2B debits as separate orders,
so one file holds one scheme (one payment information block per sequence type FRST and
RCUR). The file is built with sepaxml and validated against the ISO 20022 schema that
sepaxml ships before anything is stored; the cluster's row is locked for the whole export,
so two exports at once queue and the second finds the invoices submitted.

`settle_collected_debits` marks the invoices paid once the collection date has passed
without a return.
"""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path

import sepaxml
import xmlschema
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from sepaxml import SepaDD
from stdnum import iban as stdnum_iban
from text_unidecode import unidecode

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Cluster
from knotenpunkt.invoicing.models import Invoice, InvoiceSettings
from knotenpunkt.invoicing.services import mark_paid
from knotenpunkt.memberships.models import (
    DebitBatch,
    DirectDebit,
    Mandate,
    PaymentRecord,
    PreNotification,
)
from knotenpunkt.memberships.services.creditor import creditor_name, creditor_settings
from knotenpunkt.memberships.services.target2 import add_business_days, check_collection_date

SCHEMA = "pain.008.001.08"
SCHEMA_FILE = Path(sepaxml.__file__).parent / "schemas" / f"{SCHEMA}.xsd"
# Business days after the collection date until a debit counts as paid: returns for lack
# of funds or a closed account usually arrive within this time.
SETTLEMENT_BUSINESS_DAYS = 1
# "Holtenauer Straße 12a" → street "Holtenauer Straße", building number "12a".
_BUILDING_NUMBER = re.compile(
    r"^(?P<street>.*?\D)\s*(?P<number>\d+\s*[a-zA-Z]?(?:\s*[-/]\s*\d+\s*[a-zA-Z]?)?)$"
)


@dataclass
class ExportResult:
    transactions: int
    total: Decimal
    xml: bytes | None
    batch: DebitBatch | None
    skipped: list[tuple[Invoice, str]] = field(default_factory=list)
    scheme: str = Mandate.Scheme.CORE
    dry_run: bool = False

    def summary(self) -> dict:
        """The command's last JSON line."""
        return {"transactions": self.transactions, "sum": f"{self.total:.2f}"}


@cache
def pain008_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMA_FILE))


def schema_errors(xml: bytes) -> list[str]:
    """What the ISO 20022 schema of pain.008.001.08 finds wrong with `xml` (empty: valid)."""
    return [f"{error.path}: {error.reason}" for error in pain008_schema().iter_errors(xml.decode())]


def _epc(text: str, limit: int) -> str:
    """`text` in the EPC's Latin character set (umlauts transliterated), cut to `limit`."""
    return re.sub(r"[^A-Za-z0-9/\-?:().,'+ ]", "", unidecode(text or ""))[:limit].strip()


def _address(mandate: Mandate) -> dict:
    """The debtor's structured postal address (banks refuse unstructured ones)."""
    address = {
        "postcode": _epc(mandate.postcode, 16),
        "town": _epc(mandate.city, 35),
        "country": mandate.country,
    }
    match = _BUILDING_NUMBER.match(mandate.street.strip())
    if match:
        address["street_name"] = _epc(match["street"], 70)
        address["building_number"] = _epc(match["number"].replace(" ", ""), 16)
    else:
        address["street_name"] = _epc(mandate.street, 70)
    return {key: value for key, value in address.items() if value}


def _creditor_config(cluster: Cluster, scheme: str) -> dict:
    """sepaxml's configuration of the creditor; ValidationError naming what is missing."""
    debit_settings = creditor_settings(cluster)
    invoice_settings = InvoiceSettings.objects.filter(cluster=cluster).first()
    if invoice_settings is None or not invoice_settings.iban:
        raise ValidationError(
            {
                "iban": _(
                    "IBAN: %(cluster)s has no bank account in its invoice settings; the "
                    "debits need the account they are paid into."
                )
                % {"cluster": cluster}
            }
        )
    if not stdnum_iban.is_valid(invoice_settings.iban):
        raise ValidationError(
            {"iban": _("IBAN: the account in the invoice settings is not a valid IBAN.")}
        )
    name = _epc(creditor_name(cluster, debit_settings), 70)
    if not name:
        raise ValidationError({"creditor_name": _("Creditor name: it is missing.")})
    config = {
        "name": name,
        "IBAN": stdnum_iban.compact(invoice_settings.iban),
        "batch": True,
        "creditor_id": debit_settings.creditor_id.replace(" ", "").upper(),
        "currency": "EUR",
        "instrument": scheme,
    }
    if invoice_settings.bic:
        config["BIC"] = invoice_settings.bic.replace(" ", "").upper()
    return config


def _remittance(invoice: Invoice) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        year = invoice.period_start.year if invoice.period_start else invoice.year
        return _epc(
            _("%(number)s Membership fee %(year)s") % {"number": invoice.number, "year": year},
            140,
        )


def _selection(cluster: Cluster, collection_date: date, scheme: str):
    """(invoices to collect with their mandates, skipped invoices with the reason)."""
    notice_days = settings.SEPA_PRE_NOTIFICATION_DAYS
    invoices = list(
        Invoice.objects.filter(
            cluster=cluster,
            kind=Invoice.Kind.INVOICE,
            status=Invoice.Status.ISSUED,
            fee_charge__isnull=False,
        )
        .select_related("organisation")
        .prefetch_related("credit_notes")
        .order_by("number")
    )
    mandates = {
        m.organisation_id: m
        for m in Mandate.objects.filter(cluster=cluster, status=Mandate.Status.ACTIVE)
    }
    submitted = set(
        DirectDebit.objects.filter(
            invoice__cluster=cluster, status=DirectDebit.Status.SUBMITTED
        ).values_list("invoice_id", flat=True)
    )
    returned = dict(
        DirectDebit.objects.filter(
            invoice__cluster=cluster,
            invoice__status=Invoice.Status.ISSUED,
            status=DirectDebit.Status.RETURNED,
        )
        .values("invoice_id")
        .annotate(last=Max("return_entry__returned_on"))
        .values_list("invoice_id", "last")
    )
    notices: dict[int, list[PreNotification]] = {}
    for notice in PreNotification.objects.filter(
        invoice__cluster=cluster, invoice__status=Invoice.Status.ISSUED
    ).order_by("sent_on"):
        notices.setdefault(notice.invoice_id, []).append(notice)

    chosen, skipped = [], []
    latest_notice = collection_date - timedelta(days=notice_days)
    for invoice in invoices:
        if invoice.pk in submitted:
            skipped.append((invoice, _("Already in a direct debit file.")))
            continue
        if invoice.due_on > collection_date:
            skipped.append(
                (
                    invoice,
                    _("Not due by the collection date (due %(date)s).")
                    % {"date": date_format(invoice.due_on, "SHORT_DATE_FORMAT")},
                )
            )
            continue
        mandate = mandates.get(invoice.organisation_id)
        if mandate is None:
            skipped.append((invoice, _("No active SEPA mandate.")))
            continue
        if mandate.scheme != scheme:
            skipped.append(
                (
                    invoice,
                    _("%(scheme)s mandate: collected with a separate %(scheme)s file.")
                    % {"scheme": mandate.scheme},
                )
            )
            continue
        if invoice.currency != "EUR" or invoice.amount_due <= 0:
            skipped.append((invoice, _("Nothing to collect in euro.")))
            continue
        since = returned.get(invoice.pk)
        valid = [
            n
            for n in notices.get(invoice.pk, [])
            if (since is None or n.sent_on > since) and n.collection_date <= collection_date
        ]
        if since is not None and not valid:
            skipped.append(
                (
                    invoice,
                    _(
                        "The last direct debit was returned on %(date)s; it is collected "
                        "again only after a new pre-notification."
                    )
                    % {"date": date_format(since, "SHORT_DATE_FORMAT")},
                )
            )
            continue
        in_time = [n for n in valid if n.sent_on <= latest_notice]
        if not in_time:
            if valid:
                reason = _(
                    "Pre-notified on %(sent)s: too late for this collection date; the "
                    "earliest is %(earliest)s."
                ) % {
                    "sent": date_format(valid[-1].sent_on, "SHORT_DATE_FORMAT"),
                    "earliest": date_format(
                        valid[-1].sent_on + timedelta(days=notice_days), "SHORT_DATE_FORMAT"
                    ),
                }
            elif notices.get(invoice.pk):
                reason = _("Pre-notified for a later collection date (%(date)s).") % {
                    "date": date_format(
                        notices[invoice.pk][-1].collection_date, "SHORT_DATE_FORMAT"
                    )
                }
            else:
                reason = _("Not pre-notified.")
            skipped.append((invoice, reason))
            continue
        chosen.append((invoice, mandate))
    return chosen, skipped


def _build(config: dict, chosen, collection_date: date) -> tuple[bytes, str]:
    """The pain.008.001.08 document and its message id; ValidationError unless the
    document is valid against the schema."""
    document = SepaDD(config, schema=SCHEMA, clean=True)
    for invoice, mandate in chosen:
        payment = {
            "name": _epc(mandate.account_holder, 70),
            "IBAN": mandate.iban,
            "amount": int(invoice.amount_due * 100),
            "type": "RCUR" if mandate.last_collected_on else "FRST",
            "collection_date": collection_date,
            "mandate_id": mandate.reference,
            "mandate_date": mandate.signed_on,
            "description": _remittance(invoice),
            "endtoend_id": _epc(invoice.number, 35).replace(" ", ""),
            "address": _address(mandate),
        }
        if mandate.bic:
            payment["BIC"] = mandate.bic
        document.add_payment(payment)
    xml = document.export(validate=False)
    problems = schema_errors(xml)
    if problems:
        raise ValidationError(
            [
                _(
                    "The direct debit file does not meet the pain.008.001.08 schema, so "
                    "nothing was stored:"
                ),
                *problems[:10],
            ]
        )
    return xml, document.msg_id


def export_debits(
    actor,
    cluster: Cluster,
    collection_date: date,
    *,
    scheme: str = Mandate.Scheme.CORE,
    dry_run: bool = False,
    today: date | None = None,
) -> ExportResult:
    """Write the direct debit file of the cluster's collectable fee invoices for
    `collection_date`, store it with one DirectDebit per invoice, and return it (with
    dry_run: the same without storing anything). No transactions: no file."""
    today = today or timezone.localdate()
    if scheme not in Mandate.Scheme.values:
        raise ValidationError({"scheme": _("Scheme: choose CORE or B2B.")})
    check_collection_date(collection_date, today)
    config = _creditor_config(cluster, scheme)
    with transaction.atomic():
        # One export per cluster at a time: the second waits and finds the first's debits.
        Cluster.objects.select_for_update().get(pk=cluster.pk)
        chosen, skipped = _selection(cluster, collection_date, scheme)
        total = sum((invoice.amount_due for invoice, _m in chosen), Decimal("0.00"))
        result = ExportResult(len(chosen), total, None, None, skipped, scheme, dry_run)
        if not chosen:
            return result
        result.xml, message_id = _build(config, chosen, collection_date)
        if dry_run:
            return result
        batch = DebitBatch.objects.create(
            cluster=cluster,
            message_id=message_id,
            collection_date=collection_date,
            transactions=len(chosen),
            total=total,
            xml=result.xml.decode(),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        DirectDebit.objects.bulk_create(
            [
                DirectDebit(
                    batch=batch,
                    invoice=invoice,
                    mandate=mandate,
                    end_to_end_id=_epc(invoice.number, 35).replace(" ", ""),
                    amount=invoice.amount_due,
                    sequence_type="RCUR" if mandate.last_collected_on else "FRST",
                )
                for invoice, mandate in chosen
            ],
            batch_size=1000,
        )
        Mandate.objects.filter(pk__in={mandate.pk for _i, mandate in chosen}).update(
            last_collected_on=collection_date
        )
        log_action(
            actor,
            "memberships.debits.exported",
            batch,
            cluster=cluster.name,
            collection_date=collection_date.isoformat(),
            scheme=scheme,
            transactions=len(chosen),
            total=str(total),
        )
        result.batch = batch
    return result


def settle_collected_debits(today: date | None = None) -> int:
    """Mark paid the invoices whose debit's collection date passed (plus one business
    day) without a return, each with a direct debit payment record; returns how many."""
    today = today or timezone.localdate()
    debits = (
        DirectDebit.objects.filter(
            status=DirectDebit.Status.SUBMITTED,
            invoice__status=Invoice.Status.ISSUED,
            batch__collection_date__lt=today,
        )
        .select_related("batch", "invoice")
        .order_by("pk")
    )
    settled = 0
    for debit in debits:
        collected_on = debit.batch.collection_date
        if add_business_days(collected_on, SETTLEMENT_BUSINESS_DAYS) > today:
            continue
        with transaction.atomic():
            invoice = Invoice.objects.select_for_update().get(pk=debit.invoice_id)
            if not invoice.may_be_marked_paid:
                continue
            mark_paid(None, invoice, max(collected_on, invoice.issued_on))
            PaymentRecord.objects.create(
                invoice=invoice,
                method=PaymentRecord.Method.DIRECT_DEBIT,
                amount=debit.amount,
                paid_on=max(collected_on, invoice.issued_on),
                note=_("SEPA direct debit, file %(id)s") % {"id": debit.batch.message_id},
            )
        settled += 1
    return settled
