"""Reading bank statements (CAMT.053) into the payments they report.

Reads every CAMT.053 version German banks send (camt.053.001.02 to .13; the elements used
here are the same in all of them except the entry status, `<Sts>BOOK</Sts>` up to .04 and
`<Sts><Cd>BOOK</Cd></Sts>` from .08, and the payer's name, `Dbtr/Nm` or `Dbtr/Pty/Nm`), as
an XML file or as a ZIP of such files, which is how many banks deliver several days at
once. A payment is an entry, or each transaction of a batch entry that lists its
transactions with their own amounts. What the import makes of each payment
(`statement_import`) is named by the `Outcome` and `Reason` vocabulary below.
"""

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lxml import etree

from knotenpunkt.core.uploads import upload_limit
from knotenpunkt.invoicing.models import Invoice

# A year of daily statements is 365 files; more than this is no bank's delivery.
MAX_ZIP_MEMBERS = 1000
BOOKED = "BOOK"


class Outcome(models.TextChoices):
    MATCHED = "matched", gettext_lazy("Applied")
    UNMATCHED = "unmatched", gettext_lazy("Not applied: no matching invoice")
    IGNORED = "ignored", gettext_lazy("Not applied: not a payment to apply")


class Reason(models.TextChoices):
    PAID = "paid", gettext_lazy("Invoice marked paid")
    WOULD_PAY = "would_pay", gettext_lazy("Invoice would be marked paid (dry run)")
    DEBIT = "debit", gettext_lazy("Debit (money going out)")
    REVERSAL = "reversal", gettext_lazy("Reversal of an earlier booking")
    PENDING = "pending", gettext_lazy("Not booked yet (pending or for information only)")
    OTHER_CURRENCY = "other_currency", gettext_lazy("Other currency than the account")
    NO_BOOKING_DATE = "no_booking_date", gettext_lazy("No booking date")
    UNREADABLE = "unreadable", gettext_lazy("Amount not readable")
    NO_REFERENCE = "no_reference", gettext_lazy("No invoice number in the reference")
    NO_INVOICE = "no_invoice", gettext_lazy("No matching invoice")
    NOT_OPEN = "not_open", gettext_lazy("Invoice is not open")
    PAID_IN_FILE = "paid_in_file", gettext_lazy("Invoice already paid by an earlier entry")
    INVOICE_CURRENCY = "invoice_currency", gettext_lazy("Invoice is in another currency")
    AMOUNT_DIFFERS = "amount_differs", gettext_lazy("Amount differs from the invoice total")
    REFUSED = "refused", gettext_lazy("Refused")


NOT_APPLICABLE = (
    Reason.DEBIT,
    Reason.REVERSAL,
    Reason.PENDING,
    Reason.OTHER_CURRENCY,
    Reason.NO_BOOKING_DATE,
    Reason.UNREADABLE,
)
OUTCOME_OF = {
    Reason.PAID: Outcome.MATCHED,
    Reason.WOULD_PAY: Outcome.MATCHED,
    **dict.fromkeys(NOT_APPLICABLE, Outcome.IGNORED),
}


@dataclass
class Payment:
    """One payment of a statement as the bank reports it, and what the import made of it."""

    statement: str
    amount: Decimal | None
    currency: str
    account_currency: str
    credit: bool
    reversal: bool
    status: str
    booked_on: date | None
    payer: str = ""
    creditor_references: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    reason: str = ""
    detail: str = ""
    invoice: Invoice | None = None
    # For a returned direct debit (R-transaction): the original end-to-end id and the
    # ISO 20022 return reason code (TxDtls/RtrInf/Rsn/Cd, e.g. AM04).
    end_to_end_id: str = ""
    return_reason: str = ""

    @property
    def outcome(self) -> str:
        return OUTCOME_OF.get(self.reason, Outcome.UNMATCHED)

    @property
    def reference(self) -> str:
        """What the payer wrote, as shown to staff."""
        return " / ".join(t for t in [*self.creditor_references, *self.texts] if t)[:300]

    def get_outcome_display(self) -> str:
        return str(Outcome(self.outcome).label)

    @property
    def amount_text(self) -> str:
        """The amount with a decimal comma, as German statements print it."""
        return f"{self.amount:.2f}".replace(".", ",") if self.amount is not None else "?"

    @property
    def reason_text(self) -> str:
        label = str(Reason(self.reason).label) if self.reason else ""
        return f"{label}: {self.detail}" if self.detail else label


# --- reading --------------------------------------------------------------------------


def _name(element) -> str | None:
    return etree.QName(element).localname if isinstance(element.tag, str) else None


def _children(element, name: str) -> list:
    return [child for child in element if _name(child) == name]


def _child(element, *path: str):
    for name in path:
        if element is None:
            return None
        found = _children(element, name)
        element = found[0] if found else None
    return element


def _text(element, *path: str) -> str:
    found = _child(element, *path)
    return (found.text or "").strip() if found is not None else ""


def _all(element, *path: str) -> list:
    """Every element at `path` below `element`, following repeated elements on the way."""
    elements = [element]
    for name in path:
        elements = [child for parent in elements for child in _children(parent, name)]
    return elements


def _amount(element) -> tuple[Decimal | None, str]:
    if element is None:
        return None, ""
    currency = (element.get("Ccy") or "").upper()
    try:
        amount = Decimal((element.text or "").strip())
    except InvalidOperation:
        return None, currency
    return (amount if amount.is_finite() else None), currency


def _booking_date(entry) -> date | None:
    text = _text(entry, "BookgDt", "Dt") or _text(entry, "BookgDt", "DtTm")[:10]
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _transaction_texts(details) -> tuple[list[str], list[str], str]:
    """(creditor references, other reference texts, payer name) of one TxDtls."""
    references = [
        (r.text or "").strip() for r in _all(details, "RmtInf", "Strd", "CdtrRefInf", "Ref")
    ]
    texts = [(u.text or "").strip() for u in _all(details, "RmtInf", "Ustrd")]
    end_to_end = _text(details, "Refs", "EndToEndId")
    if end_to_end and end_to_end.upper() != "NOTPROVIDED":
        texts.append(end_to_end)
    texts += [(a.text or "").strip() for a in _children(details, "AddtlTxInf")]
    # Up to .04 the name sits in Dbtr/Nm, from .08 in Dbtr/Pty/Nm.
    payer = _text(details, "RltdPties", "Dbtr", "Nm") or _text(
        details, "RltdPties", "Dbtr", "Pty", "Nm"
    )
    return [r for r in references if r], [t for t in texts if t], payer


def _return_details(details) -> dict:
    """The original end-to-end id and the return reason of a TxDtls, if it has them."""
    end_to_end = _text(details, "Refs", "EndToEndId")
    return {
        "end_to_end_id": "" if end_to_end.upper() == "NOTPROVIDED" else end_to_end,
        "return_reason": (
            _text(details, "RtrInf", "Rsn", "Cd") or _text(details, "RtrInf", "Rsn", "Prtry")
        ).upper(),
    }


def _transaction_amount(details) -> tuple[Decimal | None, str]:
    direct = _child(details, "Amt")  # camt.053.001.04 and later
    if direct is not None:
        return _amount(direct)
    return _amount(_child(details, "AmtDtls", "TxAmt", "Amt"))


def _payments_of_entry(entry, statement: str, account_currency: str) -> list[Payment]:
    amount, currency = _amount(_child(entry, "Amt"))
    status = (
        _text(entry, "Sts", "Cd") or _text(entry, "Sts", "Prtry") or _text(entry, "Sts")
    ).upper()
    common = {
        "statement": statement,
        "account_currency": account_currency,
        "credit": _text(entry, "CdtDbtInd").upper() == "CRDT",
        "reversal": _text(entry, "RvslInd").lower() in ("true", "1"),
        "status": status,
        "booked_on": _booking_date(entry),
    }
    entry_info = [(a.text or "").strip() for a in _children(entry, "AddtlNtryInf")]
    details = _all(entry, "NtryDtls", "TxDtls")
    amounts = [_transaction_amount(d) for d in details]
    if len(details) > 1 and all(a is not None for a, _ccy in amounts):
        # A batch booking listing its transactions: each pays on its own.
        payments = []
        for tx, (tx_amount, tx_currency) in zip(details, amounts, strict=True):
            references, texts, payer = _transaction_texts(tx)
            payments.append(
                Payment(
                    amount=tx_amount,
                    currency=tx_currency or currency,
                    payer=payer,
                    creditor_references=references,
                    texts=texts + entry_info,
                    **_return_details(tx),
                    **common,
                )
            )
        return payments
    references, texts, payers = [], [], []
    for tx in details:
        tx_references, tx_texts, payer = _transaction_texts(tx)
        references += tx_references
        texts += tx_texts
        payers.append(payer)
    return [
        Payment(
            amount=amount,
            currency=currency,
            payer=", ".join(p for p in payers if p),
            creditor_references=references,
            texts=texts + entry_info,
            **(_return_details(details[0]) if len(details) == 1 else {}),
            **common,
        )
    ]


def _payments_of_statement(statement) -> list[Payment]:
    statement_id = _text(statement, "Id")
    account_currency = _text(statement, "Acct", "Ccy").upper()
    if not account_currency:
        # Acct/Ccy is optional in the schema; the balances carry the account's currency.
        balance = _child(statement, "Bal", "Amt")
        account_currency = (balance.get("Ccy") or "").upper() if balance is not None else ""
    return [
        payment
        for entry in _children(statement, "Ntry")
        for payment in _payments_of_entry(entry, statement_id, account_currency)
    ]


def _parse_xml(content: bytes, origin: str = "") -> list:
    """The Stmt elements of one CAMT.053 document; ValidationError naming what it is else.
    `origin` is the file's name inside a ZIP archive, put before the message."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError:
        root = None
    message = (
        _root_is_not_a_statement(root)
        if root is not None
        else _("This file is not a readable XML bank statement (CAMT.053) or ZIP archive.")
    )
    statements = []
    if not message:
        report = _child(root, "BkToCstmrStmt") if _name(root) == "Document" else root
        statements = _children(report, "Stmt")
        if not statements:
            message = _(
                "The file is a CAMT.053 document but holds no account statement (no Stmt "
                "element). Download the statement again from the online banking."
            )
    if message:
        raise ValidationError(f"{origin}: {message}" if origin else message)
    return statements


def _root_is_not_a_statement(root) -> str | None:
    name = _name(root)
    body = name if name != "Document" else next((_name(c) for c in root if _name(c)), None)
    if body == "BkToCstmrStmt":
        return None
    if body == "BkToCstmrAcctRpt":
        return _(
            "This is an intraday account report (CAMT.052), not a statement: its entries "
            "may not be booked yet. Please download the account statement (CAMT.053)."
        )
    if body == "BkToCstmrDbtCdtNtfctn":
        return _(
            "This is a debit/credit notification (CAMT.054), not a statement. Please "
            "download the account statement (CAMT.053)."
        )
    return _("This file is not a CAMT.053 bank statement.")


def _xml_members(content: bytes) -> list[tuple[str, bytes]]:
    """The XML files of a ZIP archive, within the upload limits (a ZIP bomb is refused
    from the sizes the archive declares before anything is unpacked)."""
    per_file = upload_limit("bank_statement")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = [
                info
                for info in archive.infolist()
                if not info.is_dir()
                and info.filename.lower().endswith(".xml")
                and not info.filename.startswith("__MACOSX/")
            ]
            if len(members) > MAX_ZIP_MEMBERS:
                raise ValidationError(
                    _("The ZIP archive holds %(count)s XML files; at most %(limit)s are read.")
                    % {"count": len(members), "limit": MAX_ZIP_MEMBERS}
                )
            largest = max((info.file_size for info in members), default=0)
            if largest > per_file:
                raise ValidationError(
                    _(
                        "A file in the ZIP archive unpacks to %(size)s; a bank statement may "
                        "be at most %(limit)s."
                    )
                    % {"size": filesizeformat(largest), "limit": filesizeformat(per_file)}
                )
            unpacked = sum(info.file_size for info in members)
            if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
                raise ValidationError(
                    _(
                        "The ZIP archive unpacks to %(size)s; at most %(limit)s are read at "
                        "once. Please upload fewer statements at a time."
                    )
                    % {
                        "size": filesizeformat(unpacked),
                        "limit": filesizeformat(settings.IMPORT_MAX_UNPACKED_BYTES),
                    }
                )
            if any(info.flag_bits & 0x1 for info in members):
                raise ValidationError(
                    _(
                        "The ZIP archive is password-protected. Please unzip it and upload "
                        "the XML statements."
                    )
                )
            # zipfile never returns more than a member declares, so the checks above hold.
            files = [(info.filename, archive.read(info)) for info in members]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError):
        raise ValidationError(
            _(
                "The ZIP archive is damaged or uses a compression we cannot read. Please "
                "unzip it and upload the XML statements (CAMT.053) it contains."
            )
        ) from None
    if not files:
        raise ValidationError(
            _(
                "The ZIP archive holds no XML file. Please choose the CAMT.053 format "
                "(XML) when downloading the statements from the online banking."
            )
        )
    return files


def read_statements(content: bytes) -> tuple[int, list[Payment]]:
    """(number of statements, their payments) of a CAMT.053 file or a ZIP of such files."""
    if len(content) > upload_limit("bank_statement"):
        raise ValidationError(
            _("The statement file is %(size)s; a bank statement may be at most %(limit)s.")
            % {
                "size": filesizeformat(len(content)),
                "limit": filesizeformat(upload_limit("bank_statement")),
            }
        )
    # A ZIP archive starts with "PK"; an XML document never does.
    documents = _xml_members(content) if content.startswith(b"PK") else [("", content)]
    statements = [s for name, data in documents for s in _parse_xml(data, name)]
    return len(statements), [p for s in statements for p in _payments_of_statement(s)]


def read_notifications(content: bytes) -> list[Payment]:
    """Every payment of a CAMT.054 debit/credit notification or a CAMT.053 statement (one
    XML file), e.g. to find the returned direct debits among them (`return_reason`)."""
    if len(content) > upload_limit("bank_statement"):
        raise ValidationError(
            _("The statement file is %(size)s; a bank statement may be at most %(limit)s.")
            % {
                "size": filesizeformat(len(content)),
                "limit": filesizeformat(upload_limit("bank_statement")),
            }
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError:
        root = None
    body = root
    if root is not None and _name(root) == "Document":
        body = next((c for c in root if _name(c)), None)
    reports = _children(body, "Ntfctn") + _children(body, "Stmt") if body is not None else []
    if not reports:
        raise ValidationError(
            _(
                "This file is not a readable debit notification (CAMT.054) or bank "
                "statement (CAMT.053)."
            )
        )
    return [payment for report in reports for payment in _payments_of_statement(report)]
