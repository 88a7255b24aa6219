"""Dunning: reminder levels as data, the daily reminders, pauses and payments by hand.

A fee invoice past its due date by a level's days gets that level's reminder, one level
after the other: the next level only once the previous one went out, and at most one
reminder per invoice and day, so a command that did not run for weeks catches up one
level per day instead of sending three letters at once. The reminder row (unique per
invoice and level) is written in the same transaction as the outbox mail, under a lock
on the invoice, so a second run on the same day (or a concurrent one) sends nothing.
Paused organisations and invoices whose SEPA debit is with the bank get no reminder.
"""

import string
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Cluster, Organisation
from knotenpunkt.invoicing.models import Invoice, money
from knotenpunkt.invoicing.services import mark_paid
from knotenpunkt.memberships.models import (
    DunningPause,
    PaymentRecord,
    Reminder,
    ReminderLevel,
)
from knotenpunkt.memberships.services.open_items import (
    OpenItem,
    balance_of,
    fee_invoices,
    open_items,
)
from knotenpunkt.outbox.services import queue_mail

MAIL_KIND = "memberships_reminder"
PLACEHOLDERS = ("organisation", "invoice", "amount", "due_date", "cluster")

# The usual three levels of a German association. Data in the cluster's language, which
# staff edit on the reminder levels page; not UI text, so not in the catalogue.
DEFAULT_LEVELS = [
    {
        "level": 1,
        "days_after_due": 14,
        "fee": Decimal("0.00"),
        "subject": "Zahlungserinnerung: Mitgliedsbeitrag, Rechnung {invoice}",
        "text": (
            "Guten Tag,\n\n"
            "sicher ist es Ihrer Aufmerksamkeit entgangen: Der Mitgliedsbeitrag von "
            "{organisation} an {cluster} aus der Rechnung {invoice}, fällig am {due_date}, "
            "ist noch offen.\n\n"
            "Bitte überweisen Sie {amount} unter Angabe der Rechnungsnummer. Falls Sie "
            "bereits gezahlt haben, betrachten Sie diese Erinnerung bitte als gegenstandslos."
            "\n\nMit freundlichen Grüßen\n{cluster}"
        ),
    },
    {
        "level": 2,
        "days_after_due": 28,
        "fee": Decimal("5.00"),
        "subject": "1. Mahnung: Mitgliedsbeitrag, Rechnung {invoice}",
        "text": (
            "Guten Tag,\n\n"
            "auf unsere Zahlungserinnerung haben wir noch keinen Zahlungseingang für die "
            "Rechnung {invoice} (fällig am {due_date}) von {organisation} feststellen "
            "können.\n\n"
            "Bitte überweisen Sie den offenen Betrag von {amount} einschließlich der "
            "Mahngebühr innerhalb von 14 Tagen.\n\nMit freundlichen Grüßen\n{cluster}"
        ),
    },
    {
        "level": 3,
        "days_after_due": 42,
        "fee": Decimal("10.00"),
        "subject": "2. Mahnung: Mitgliedsbeitrag, Rechnung {invoice}",
        "text": (
            "Guten Tag,\n\n"
            "trotz Erinnerung und Mahnung ist die Rechnung {invoice} (fällig am {due_date}) "
            "von {organisation} weiterhin unbezahlt.\n\n"
            "Bitte überweisen Sie {amount} einschließlich der Mahngebühren innerhalb von "
            "7 Tagen. Sprechen Sie uns gern an, wenn Sie eine Ratenzahlung oder "
            "Stundung wünschen.\n\nMit freundlichen Grüßen\n{cluster}"
        ),
    },
]


# Levels --------------------------------------------------------------------------------


@transaction.atomic
def default_levels(cluster: Cluster, actor=None) -> list[ReminderLevel]:
    """Give `cluster` the usual three levels (reminder after 14 days, first dunning after
    28 with 5 €, second after 42 with 10 €) unless it has levels already; returns the
    levels it has afterwards."""
    Cluster.objects.select_for_update().filter(pk=cluster.pk).first()
    existing = list(ReminderLevel.objects.filter(cluster=cluster).order_by("level"))
    if existing:
        return existing
    levels = ReminderLevel.objects.bulk_create(
        [ReminderLevel(cluster=cluster, **values) for values in DEFAULT_LEVELS]
    )
    log_action(actor, "memberships.reminder_levels.created", cluster, levels=len(levels))
    return levels


def placeholder_problems(text: str) -> list[str]:
    """What is wrong with the placeholders of a level's subject or text: unknown names,
    formats ({amount:>9}) or attribute access ({invoice.pk}) are refused, since the text
    is filled with `str.format_map` and must not reach further than the five values."""
    problems = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return [_("Curly braces must enclose a placeholder, e.g. {invoice}.")]
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            problems.append(
                _("Unknown placeholder {%(name)s}; possible are: %(names)s.")
                % {
                    "name": name
                    + (f"!{conversion}" if conversion else "")
                    + (f":{spec}" if spec else ""),
                    "names": ", ".join(f"{{{p}}}" for p in PLACEHOLDERS),
                }
            )
    return problems


@transaction.atomic
def save_reminder_level(actor, level: ReminderLevel) -> ReminderLevel:
    """Store a new or changed level; its days must lie between those of its neighbours,
    so that the levels follow each other in time."""
    errors: dict[str, list[str]] = {}
    for field_name in ("subject", "text"):
        problems = placeholder_problems(getattr(level, field_name))
        if problems:
            errors[field_name] = problems
    others = ReminderLevel.objects.filter(cluster=level.cluster).exclude(pk=level.pk)
    earlier = others.filter(level__lt=level.level).order_by("-level").first()
    later = others.filter(level__gt=level.level).order_by("level").first()
    if earlier and level.days_after_due <= earlier.days_after_due:
        errors.setdefault("days_after_due", []).append(
            _("Level %(level)s comes after %(days)s days already; this level needs more days.")
            % {"level": earlier.level, "days": earlier.days_after_due}
        )
    if later and level.days_after_due >= later.days_after_due:
        errors.setdefault("days_after_due", []).append(
            _("Level %(level)s comes after %(days)s days; this level needs fewer days.")
            % {"level": later.level, "days": later.days_after_due}
        )
    if errors:
        raise ValidationError(errors)
    level.full_clean()
    created = level.pk is None
    level.save()
    log_action(
        actor,
        "memberships.reminder_level.saved",
        level.cluster,
        level=level.level,
        days_after_due=level.days_after_due,
        fee=str(level.fee),
        created=created,
    )
    return level


# Reminders -----------------------------------------------------------------------------


class _Values(dict):
    """The placeholders' values; an unknown one stays as it was written."""

    def __missing__(self, key):
        return "{" + key + "}"


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """`text` with {organisation}, {invoice}, {amount}, {due_date} and {cluster} filled in;
    a text the checks let through cannot fail, an older one is sent as written."""
    if placeholder_problems(text):
        return text
    return text.format_map(_Values(values))


def _placeholder_values(item: OpenItem, amount: Decimal) -> dict[str, str]:
    invoice = item.invoice
    with translation.override(settings.LANGUAGE_CODE):
        number = formats.number_format(amount, 2, use_l10n=True, force_grouping=True)
        due_date = formats.date_format(invoice.due_on, "SHORT_DATE_FORMAT", use_l10n=True)
    return {
        "organisation": item.organisation.name,
        "invoice": invoice.number,
        "amount": f"{number}\N{NO-BREAK SPACE}€",
        "due_date": due_date,
        "cluster": invoice.cluster.name,
    }


def next_level(item: OpenItem, levels: list[ReminderLevel], today: date) -> ReminderLevel | None:
    """The level `item` is due for today, if any: the one after the highest sent, once
    its days are over, and not on a day that already brought a reminder."""
    if item.state != "overdue":
        return None
    if item.last_reminded_on is not None and item.last_reminded_on >= today:
        return None
    following = next((level for level in levels if level.level > item.level), None)
    if following is None or item.days_overdue < following.days_after_due:
        return None
    return following


def due_reminders(cluster: Cluster, today: date) -> list[tuple[OpenItem, ReminderLevel]]:
    """The reminders `cluster` owes today: (open item, level) pairs."""
    levels = list(ReminderLevel.objects.filter(cluster=cluster).order_by("level"))
    if not levels:
        return []
    due = []
    for item in open_items([cluster], today):
        level = next_level(item, levels, today)
        if level is not None:
            due.append((item, level))
    return due


def _send(item: OpenItem, level: ReminderLevel, today: date) -> bool:
    """Queue one reminder and record it, once; False when someone else was faster or the
    invoice was settled in the meantime."""
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=item.invoice.pk)
        if invoice.status != Invoice.Status.ISSUED:
            return False
        reminders = Reminder.objects.filter(invoice=invoice)
        if reminders.filter(level=level.level).exists() or reminders.filter(sent_on=today).exists():
            return False
        amount = item.balance + level.fee
        values = _placeholder_values(item, amount)
        try:
            with transaction.atomic():
                reminder = Reminder.objects.create(
                    invoice=invoice,
                    level=level.level,
                    fee=level.fee,
                    sent_on=today,
                    sent_to=invoice.buyer_email,
                )
        except IntegrityError:
            return False
        queue_mail(
            MAIL_KIND,
            invoice.buyer_email,
            {
                "subject": fill_placeholders(level.subject, values),
                "text": fill_placeholders(level.text, values),
                "invoice": invoice,
                "level": level,
                "amount": amount,
            },
        )
        log_action(
            None,
            "memberships.reminder.sent",
            invoice,
            level=reminder.level,
            fee=str(reminder.fee),
            amount=str(amount),
            to=reminder.sent_to,
        )
    return True


def send_due_reminders(today: date | None = None, cluster: Cluster | None = None) -> dict:
    """Send every reminder due today (of one cluster, or all); safe to run as often as
    you like. Returns {"reminders": sent, "skipped_no_address": invoices without an
    e-mail address that were due}."""
    today = today or timezone.localdate()
    if cluster is not None:
        clusters = [cluster]
    else:
        clusters = Cluster.objects.filter(reminder_levels__isnull=False).distinct()
    sent = skipped = 0
    for each in clusters:
        for item, level in due_reminders(each, today):
            if not item.invoice.buyer_email:
                skipped += 1
                continue
            sent += _send(item, level, today)
    return {"reminders": sent, "skipped_no_address": skipped}


# Pauses --------------------------------------------------------------------------------


@transaction.atomic
def pause_dunning(actor, organisation: Organisation, cluster: Cluster, reason: str):
    """No reminders to `organisation` in `cluster` until resumed; the reason is required."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Give the reason for pausing the dunning (e.g. “instalments agreed”).")}
        )
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    if DunningPause.objects.filter(
        cluster=cluster, organisation=organisation, ended_at__isnull=True
    ).exists():
        raise ValidationError(
            _("Dunning of %(organisation)s in %(cluster)s is paused already.")
            % {"organisation": organisation.name, "cluster": cluster.name}
        )
    pause = DunningPause.objects.create(
        cluster=cluster,
        organisation=organisation,
        reason=reason[:300],
        paused_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log_action(
        actor, "memberships.dunning.paused", organisation, cluster=cluster.name, reason=reason
    )
    return pause


@transaction.atomic
def resume_dunning(actor, pause: DunningPause) -> DunningPause:
    """End a running pause: reminders due are sent by the next daily run."""
    pause = (
        DunningPause.objects.select_for_update()
        .select_related("cluster", "organisation")
        .get(pk=pause.pk)
    )
    if pause.ended_at is not None:
        raise ValidationError(_("This pause has ended already."))
    pause.ended_at = timezone.now()
    pause.save(update_fields=["ended_at"])
    log_action(
        actor,
        "memberships.dunning.resumed",
        pause.organisation,
        cluster=pause.cluster.name,
        reason=pause.reason,
    )
    return pause


# Payments ------------------------------------------------------------------------------

MANUAL_METHODS = (PaymentRecord.Method.CASH, PaymentRecord.Method.TRANSFER)


def _parse_amount(amount) -> Decimal:
    try:
        value = Decimal(str(amount).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite():
        raise ValidationError({"amount": _("Enter the amount paid in euros, e.g. 300.00.")})
    return value


@transaction.atomic
def record_payment(
    actor, invoice: Invoice, *, method: str, amount, paid_on: date, note: str = ""
) -> PaymentRecord:
    """Record a cash or transfer payment of the whole open balance and mark the invoice
    paid. Partial payments are not taken: the amount must equal the balance (total,
    reminder fees and return fees), else nothing is written."""
    if method not in MANUAL_METHODS:
        raise ValidationError({"method": _("Choose how the fee was paid: cash or bank transfer.")})
    amount = _parse_amount(amount)
    locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if not fee_invoices(Cluster.objects.filter(pk=locked.cluster_id)).filter(pk=locked.pk):
        raise ValidationError(_("Invoice %(number)s is no fee invoice.") % {"number": locked})
    if locked.status != Invoice.Status.ISSUED:
        raise ValidationError(
            _("Invoice %(number)s is %(status)s: there is nothing to pay.")
            % {"number": locked.number, "status": locked.get_status_display()}
        )
    balance = balance_of(locked)
    if money(amount) != balance or amount != money(amount):
        raise ValidationError(
            {
                "amount": _(
                    "The amount of %(amount)s € is not the open balance of %(balance)s €. Only "
                    "the whole balance can be recorded; partial payments are not supported."
                )
                % {
                    "amount": formats.number_format(amount, 2, use_l10n=True),
                    "balance": formats.number_format(balance, 2, use_l10n=True),
                }
            }
        )
    if paid_on is None:
        raise ValidationError({"paid_on": _("Enter the day the payment arrived.")})
    try:
        mark_paid(actor, locked, paid_on)
    except ValidationError as error:
        raise ValidationError({"paid_on": error.messages}) from None
    record = PaymentRecord.objects.create(
        invoice=locked,
        method=method,
        amount=balance,
        paid_on=paid_on,
        note=(note or "").strip()[:300],
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log_action(
        actor,
        "memberships.payment.recorded",
        locked,
        method=method,
        amount=str(balance),
        paid_on=paid_on.isoformat(),
    )
    return record
